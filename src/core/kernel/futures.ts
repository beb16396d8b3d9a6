/**
 * `Future`: a result that arrives later, with CPython's state machine.
 *
 * States: PENDING → FINISHED (a result or an exception) or PENDING → CANCELLED;
 * nothing leaves FINISHED or CANCELLED. Whoever created a Future resolves it;
 * a Task resolves itself from its coroutine's outcome.
 *
 * Done callbacks never run synchronously: completion schedules each one with
 * `callSoon`, in registration order. A Task waiting on a Future is stored among
 * the callbacks as itself, and completion pushes it straight onto the ready
 * queue: no closure and no Handle per wake-up.
 *
 * A Future is its own iterator, so `yield* fut` allocates nothing: `next()`
 * yields the Future while it is pending (the Task then waits on it) and
 * returns its result once done.
 *
 * Fields (a suspended Task is mostly these, so they are few and dense):
 * - `_flags`: the state (PENDING, CANCELLED, FINISHED) and the boolean bits,
 *   Future's and Task's; flags.ts lists every bit.
 * - `_value`: one slot, four meanings, told apart by the state and FAILED:
 *   - PENDING: the Context of the function in `_cb` (undefined when `_cb` is
 *     empty or a Task, which needs none);
 *   - FINISHED: the result;
 *   - FINISHED with FAILED: the exception;
 *   - CANCELLED: `_cancelledExc`, the CancelledError a Task's coroutine
 *     raised (its awaiters re-raise that very error), or undefined.
 *   Completion reads the first Context (`_firstContext`) before `_value`
 *   takes the outcome.
 * - `_cb`: the one callback or waiting Task (most Futures have exactly
 *   one), or null; from the second on, all of them as flat pairs `[entry,
 *   Context, entry, Context, ...]` (an array: no field of its own, which
 *   every Future and Task would carry). A waiting Task is stored as itself
 *   (a `Waiter`), and its Context slot is never read.
 * - `_extra`: the rare fields (FutureExtras; a Task's are TaskExtras), null
 *   until one is set: the setters of `_cancelMessage` and `_logRef`
 *   allocate it only for a value other than undefined/null (awaited-by.ts
 *   allocates it for a recorded edge).
 * - `_loop`: the loop, seen through the kernel's contract (events.ts).
 */
import { className, named } from "./class-name.js";
import { type Context, copyContext, currentContext } from "./contextvars.js";
import type { Yielded } from "./coroutine.js";
import { deliveredCancelledError } from "./delivered-cancelled-error.js";
import type { AbstractEventLoop, KernelLoop, Runnable } from "./events.js";
import { type CancelledError, InvalidStateError, RuntimeError } from "./exceptions.js";
import {
  BLOCKING,
  CANCELLED,
  FAILED,
  FINISHED,
  LOG_TRACEBACK,
  PENDING,
  STATE_MASK,
} from "./flags.js";
import { inspectCustom } from "./inspect.js";
import { trackUnretrieved, untrackUnretrieved } from "./loss-report.js";
import { describeCallback, reprValue } from "./repr.js";
import { getEventLoop } from "./running-loop.js";
import { captureStack } from "./stack.js";
import { unboundMethodError } from "./unbound-method.js";

export { CANCELLED, FINISHED, PENDING };

/** The states as the repr prints them (CPython's `_state.lower()`), by `_state`. */
const STATE_NAMES = ["pending", "cancelled", "finished"] as const;

/** What resuming `yield* fut` while `fut` is still pending raises (a RuntimeError). */
export const AWAIT_NOT_USED = "await wasn't used with future";

/**
 * A done callback receives the Future that completed.
 *
 * @python `asyncio.Future.add_done_callback` (its callback) — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.add_done_callback
 * @example
 * ```ts
 * const log: asyncio.DoneCallback<asyncio.Future<number>> = (f) => console.log(f.result());
 * fut.addDoneCallback(log);
 * ```
 */
export type DoneCallback<F> = (future: F) => void;

/**
 * The Task side of a wake-up: completion marks it woken and pushes it on the
 * ready queue. The Future that woke it is the one it waits on, so a flag
 * says it (no field).
 */
export interface Waiter extends Runnable {
  /**
   * @internal Called by the Future it waits on as that Future completes (a
   * Task marks itself woken; a DoneQueue keeps the Future). True: push it on
   * the ready queue; false: the completion was taken at once (done-queue.ts).
   */
  _wokenBy(future: Future<unknown>): boolean;
  /** @internal The Future it waits on (null for a DoneQueue, which waits on many). */
  _futWaiter: Future<unknown> | null;
}

/** The Futures whose repr is being built, to cut cycles. */
const inRepr = new Set<Future<unknown>>();

/** What a Future keeps to run at completion: a done callback, or a waiting Task. */
export type CallbackEntry = DoneCallback<never> | Waiter;

/** Two or more registrations, as flat pairs `[entry, Context, entry, Context, ...]`. */
type CallbackPairs = (CallbackEntry | Context)[];

/**
 * What few Futures need, kept out of line so the common Future stays small
 * (the memory of a suspended Task is mostly its Future's fields). A Task's
 * are a subclass (tasks.ts), made by its `_extras()`.
 *
 * A field declared without an initializer (`cancelMessage: string |
 * undefined;`) is an own property holding undefined all the same (ES2022
 * class fields), so the kernel writes no `= undefined`: bundles keep it.
 */
export class FutureExtras {
  cancelMessage: string | undefined;
  logRef: WeakRef<Future<unknown>> | undefined;
  sourceTraceback: string | undefined;
  awaitedBy: Set<Future<unknown>> | null = null;
}

/**
 * A result that arrives later: pending, then finished with a result or an
 * exception, or cancelled. A coroutine waits for it with `yield* fut`; whoever
 * made it completes it with `setResult` or `setException`. Done callbacks run
 * through the loop (`callSoon`), never synchronously, as in CPython.
 *
 * Futures are also `PromiseLike`: ordinary async code can `await fut`.
 *
 * @python `asyncio.Future` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const loop = asyncio.getRunningLoop();
 *   const fut = loop.createFuture<string>();
 *   loop.callLater(1, () => fut.setResult("ready"));
 *   console.log(yield* fut); // "ready", a second later
 * }
 * ```
 */
export class Future<T = unknown> implements PromiseLike<T>, Iterator<Yielded, T, unknown> {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(fut).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-future.html
   * @example
   * ```ts
   * console.log(asyncio.Task.pythonName); // "Task"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(
    this,
    "Future",
    [],
    ["setResult", "setException", "cancel"],
  );
  /** @internal The state and the boolean flags: every bit is in flags.ts. */
  _flags: number = PENDING;
  /**
   * @internal The result, or the exception when FAILED; while pending, the
   * Context of `_cb`; once cancelled, `_cancelledExc`.
   */
  _value: unknown;
  /** @internal */ _loop: KernelLoop;
  /**
   * @internal The one callback or waiting Task: most Futures have exactly
   * one. A Task needs no Context; a function's Context is kept in `_value`,
   * which holds nothing else while the Future is pending. From the second
   * registration on, an array of every entry and its Context, in order.
   */
  _cb: CallbackEntry | CallbackPairs | null = null;
  /** @internal */ _extra: FutureExtras | null = null;

  constructor(options?: { loop?: AbstractEventLoop }) {
    this._loop = options?.loop ?? getEventLoop();
    if (this._loop._debug) this._extras().sourceTraceback = new Error().stack;
  }

  // --- internal views of `_flags`, `_value` and `_extra` ---

  /** @internal */
  get _state(): number {
    return this._flags & STATE_MASK;
  }
  /** @internal */ set _state(state: number) {
    this._flags = (this._flags & ~STATE_MASK) | state;
  }
  /** @internal */
  get _failed(): boolean {
    return (this._flags & FAILED) !== 0;
  }
  /** @internal */ set _failed(on: boolean) {
    this._setFlag(FAILED, on);
  }
  /** @internal Python's `__log_traceback`: an exception nobody retrieved yet. */
  get _logTraceback(): boolean {
    return (this._flags & LOG_TRACEBACK) !== 0;
  }
  /** @internal */ set _logTraceback(on: boolean) {
    this._setFlag(LOG_TRACEBACK, on);
  }
  /** @internal Python's `_asyncio_future_blocking`: set while a Task is about to wait on it. */
  get _blocking(): boolean {
    return (this._flags & BLOCKING) !== 0;
  }
  /** @internal */ set _blocking(on: boolean) {
    // Not through `_setFlag`: a store of its own, which sees only the Futures
    // a Task awaits. `_setFlag`'s one store sees every Future, Task and
    // SharedWait, and went megamorphic (a generic store per wait in W9).
    this._flags = on ? this._flags | BLOCKING : this._flags & ~BLOCKING;
  }
  /** @internal */
  get _result(): T | undefined {
    return (this._flags & FAILED) === 0 ? (this._value as T) : undefined;
  }
  /** @internal */ set _result(value: T | undefined) {
    this._value = value;
  }
  /** @internal */
  get _exception(): unknown {
    return (this._flags & FAILED) !== 0 ? this._value : undefined;
  }
  /** @internal */ set _exception(exc: unknown) {
    this._value = exc;
  }
  /** @internal */
  get _cancelMessage(): string | undefined {
    return this._extra?.cancelMessage;
  }
  /** @internal */ set _cancelMessage(msg: string | undefined) {
    if (msg !== undefined || this._extra !== null) this._extras().cancelMessage = msg;
  }
  /**
   * @internal Python's `_cancelled_exc`: kept in `_value`, which a cancelled
   * Future has no other use for (so a cancelled Task needs no `_extra`).
   */
  get _cancelledExc(): CancelledError | undefined {
    return this._state === CANCELLED ? (this._value as CancelledError | undefined) : undefined;
  }
  /** @internal */ set _cancelledExc(exc: CancelledError | undefined) {
    // Written only while CANCELLED (the one state in which `_value` holds it).
    this._value = exc;
  }
  /** @internal */
  get _logRef(): WeakRef<Future<unknown>> | undefined {
    return this._extra?.logRef;
  }
  /** @internal */ set _logRef(ref: WeakRef<Future<unknown>> | undefined) {
    if (ref !== undefined || this._extra !== null) this._extras().logRef = ref;
  }
  /** @internal */
  get _sourceTraceback(): string | undefined {
    return this._extra?.sourceTraceback;
  }

  /** @internal */
  _setFlag(bit: number, on: boolean): void {
    this._flags = on ? this._flags | bit : this._flags & ~bit;
  }

  /** @internal */
  _extras(): FutureExtras {
    if (this._extra === null) this._extra = new FutureExtras();
    return this._extra;
  }

  /**
   * The loop this Future is bound to.
   *
   * @python `asyncio.Future.get_loop` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.get_loop
   * @example
   * ```ts
   * const loop = fut.getLoop();
   * loop.callSoon(() => fut.setResult(42));
   * ```
   */
  getLoop(): AbstractEventLoop {
    // The loop a Future is given is an EventLoop; `_loop` shows the kernel only its contract.
    return this._loop as unknown as AbstractEventLoop;
  }

  /**
   * Whether the Future is done: it has a result or an exception, or was cancelled.
   *
   * @python `asyncio.Future.done` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.done
   * @example
   * ```ts
   * if (!fut.done()) fut.setResult("default");
   * ```
   */
  done(): boolean {
    return this._state !== PENDING;
  }

  /**
   * Whether the Future was cancelled.
   *
   * @python `asyncio.Future.cancelled` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.cancelled
   * @example
   * ```ts
   * if (!fut.cancelled()) console.log(fut.exception());
   * ```
   */
  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /**
   * The result; re-throws the exception the Future finished with.
   * @throws CancelledError if cancelled, InvalidStateError if not done yet.
   *
   * @python `asyncio.Future.result` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.result
   * @example
   * ```ts
   * if (fut.done() && !fut.cancelled() && fut.exception() === undefined) {
   *   console.log(fut.result());
   * }
   * ```
   */
  result(): T {
    if (this._state === CANCELLED) throw this._makeCancelledError();
    if (this._state === PENDING) {
      throw new InvalidStateError(initialized(this) ? "Result is not set." : NOT_INITIALIZED);
    }
    this._clearLogTraceback();
    if (this._failed) throw this._exception;
    return this._result as T;
  }

  /**
   * The exception the Future finished with, or `undefined` if it has a result.
   *
   * Like `result()`, a CancelledError if cancelled and an InvalidStateError if not done.
   *
   * @python `asyncio.Future.exception` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.exception
   * @example
   * ```ts
   * yield* asyncio.wait([fut]);
   * const error = fut.exception();
   * if (error !== undefined) console.error("failed:", error);
   * ```
   */
  exception(): unknown {
    if (this._state === CANCELLED) throw this._makeCancelledError();
    if (this._state === PENDING) {
      throw new InvalidStateError(initialized(this) ? "Exception is not set." : NOT_INITIALIZED);
    }
    this._clearLogTraceback();
    return this._exception;
  }

  /**
   * Finishes the Future with `result` and schedules its done callbacks.
   * An InvalidStateError if it is already done.
   *
   * @python `asyncio.Future.set_result` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.set_result
   * @example
   * ```ts
   * const fut = asyncio.getRunningLoop().createFuture<number>();
   * setTimeout(() => fut.setResult(42), 10);
   * console.log(yield* fut); // 42
   * ```
   */
  setResult(result: T): void {
    this._checkPending();
    const firstContext = this._firstContext();
    this._result = result;
    this._state = FINISHED;
    this._scheduleCallbacks(firstContext);
  }

  /**
   * Finishes with an exception; an error class is instantiated first, as in Python.
   *
   * @python `asyncio.Future.set_exception` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.set_exception
   * @example
   * ```ts
   * const fut = asyncio.getRunningLoop().createFuture<string>();
   * socket.on("error", (err) => fut.setException(err));
   * ```
   */
  setException(exception: unknown): void {
    this._checkPending();
    if (typeof exception === "function") exception = new (exception as new () => unknown)();
    const firstContext = this._firstContext();
    this._exception = exception;
    this._failed = true;
    this._state = FINISHED;
    this._scheduleCallbacks(firstContext);
    this._logTraceback = true;
    trackUnretrieved(this);
  }

  /**
   * Cancels a pending Future; returns false if it was already done.
   *
   * `msg` becomes the message of the CancelledError its waiters receive.
   *
   * @python `asyncio.Future.cancel` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.cancel
   * @example
   * ```ts
   * const reply = loop.createFuture<string>();
   * loop.callLater(5, () => reply.cancel("no reply in 5 s"));
   * ```
   */
  cancel(msg?: string): boolean {
    this._clearLogTraceback();
    if (this._state !== PENDING) return false;
    const firstContext = this._firstContext();
    this._value = undefined;
    this._state = CANCELLED;
    this._cancelMessage = msg;
    this._scheduleCallbacks(firstContext);
    return true;
  }

  /**
   * @internal `Task.cancel()` of `task`, which waits on this Future: cancels
   * the Future (a SharedWait, shared-wait.ts, ends only that Task's wait).
   */
  _cancelFor(_task: Waiter, msg?: string): boolean {
    return this.cancel(msg);
  }

  /**
   * Runs `callback(this)` with `callSoon` once the Future is done (at once if it is).
   *
   * `options.context`: the Context the callback runs in (a copy of the
   * current one by default), Python's `context=` keyword.
   *
   * @python `asyncio.Future.add_done_callback` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.add_done_callback
   * @example
   * ```ts
   * fut.addDoneCallback((f) => console.log(f.result()));
   * ```
   */
  addDoneCallback(callback: DoneCallback<this>, options?: { context?: Context }): void {
    // `tasks.add_done_callback(background_tasks.discard)` ported as is (unbound-method.ts).
    const unbound =
      typeof callback === "function" && unboundMethodError(callback, "addDoneCallback");
    if (unbound) throw unbound;
    const context = options?.context ?? copyContext();
    if (this._state !== PENDING) {
      this._loop._callSoonWithArg(context, callback, this);
    } else {
      // CPython's C Future words this one differently from the others.
      if (!initialized(this)) throw new RuntimeError("uninitialized Future object");
      this._addEntry(callback as DoneCallback<never>, context);
    }
  }

  /**
   * @internal addDoneCallback for asyncio-ts's own callbacks (gather,
   * TaskGroup, wait...): they set no context variables, so the current Context
   * serves as is instead of a copy per registration.
   */
  _addDoneCallbackInternal(callback: DoneCallback<this>): void {
    if (this._state !== PENDING) {
      this._loop._callSoonWithArg(currentContext(), callback, this);
    } else {
      this._addEntry(callback as DoneCallback<never>, currentContext());
    }
  }

  /**
   * Removes every registration of `callback`; returns how many were removed.
   *
   * @python `asyncio.Future.remove_done_callback` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.remove_done_callback
   * @example
   * ```ts
   * const log = (f: asyncio.Future<number>) => console.log(f.result());
   * fut.addDoneCallback(log);
   * fut.removeDoneCallback(log); // 1
   * ```
   */
  removeDoneCallback(callback: DoneCallback<this>): number {
    const cb = this._cb;
    if (cb === callback) {
      this._cb = null;
      this._value = undefined;
      return 1;
    }
    if (!Array.isArray(cb)) return 0;
    let removed = 0;
    const kept: CallbackPairs = [];
    for (let i = 0; i < cb.length; i += 2) {
      if (cb[i] === callback) removed++;
      else kept.push(cb[i]!, cb[i + 1]!);
    }
    this._cb = kept.length > 0 ? kept : null;
    return removed;
  }

  // --- awaiting: `yield* fut` and `await fut` ---

  /**
   * What makes `yield* fut` work: the Future is its own iterator, which yields
   * the Future to the Task while it is pending and returns its result once done.
   *
   * @python `asyncio.Future.__await__` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future.__await__
   * @example
   * ```ts
   * const value = yield* fut; // suspends the Task until fut is done
   * ```
   */
  [Symbol.iterator](): this {
    return this;
  }

  /**
   * The iterator step behind `yield* fut`: yields the Future while it is
   * pending, returns its result (or raises its exception) once done. Not called
   * by hand: resuming it while the Future is still pending raises RuntimeError
   * ("await wasn't used with future"), as in CPython.
   *
   * @python `asyncio.Future.__await__` (one `send` of its iterator) — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future
   * @example
   * ```ts
   * const step = fut.next(); // what `yield* fut` calls for you
   * if (step.done) console.log(step.value);
   * ```
   */
  next(): IteratorResult<Yielded, T> {
    const flags = this._flags;
    if ((flags & STATE_MASK) === PENDING) {
      const loop = this._loop;
      // Still marked from its last yield, so no Task took it: this is a
      // resumption by hand while pending (CPython's C FutureIter says so).
      if ((flags & BLOCKING) !== 0) throw new RuntimeError(AWAIT_NOT_USED);
      this._flags = flags | BLOCKING;
      if (loop._debug || loop._tracer !== null) recordSuspension(loop);
      return { done: false, value: this as Future<unknown> };
    }
    return { done: true, value: this.result() };
  }

  /**
   * The iterator step that throws `error` in at `yield* fut` (what cancelling
   * the waiting Task does): it raises `error` back out of the `yield*`.
   *
   * @python `asyncio.Future.__await__` (its iterator's `throw`) — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future
   * @example
   * ```ts
   * try {
   *   fut.throw(new asyncio.CancelledError()); // what cancelling a Task inside `yield* fut` does
   * } catch (e) {
   *   console.log(e instanceof asyncio.CancelledError); // true
   * }
   * ```
   */
  throw(error: unknown): IteratorResult<Yielded, T> {
    throw error;
  }

  /**
   * Makes the Future `PromiseLike`: `await fut` from async code outside the
   * loop resolves with its result or rejects with its exception (a
   * CancelledError if cancelled); the exception then counts as retrieved.
   *
   * @python no counterpart: Python's Futures are not Promises (`asyncio.wrap_future` bridges the other way) — https://docs.python.org/3/library/asyncio-future.html
   * @example
   * ```ts
   * const task = asyncio.getRunningLoop().createTask(fetchUser(42));
   * const user = await task; // from ordinary async code
   * ```
   */
  // biome-ignore lint/suspicious/noThenProperty: Futures are deliberately PromiseLike
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return new Promise<T>((resolve, reject) => {
      const settle = (): void => {
        // Ordinary async code resumes in this Promise's reactions, and may hand the loop work.
        this._loop._hostTurnDue = true;
        try {
          resolve(this.result());
        } catch (e) {
          reject(e);
        }
      };
      if (this._state !== PENDING) settle();
      else this._addEntry(settle, copyContext());
    }).then(onFulfilled, onRejected);
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr (`<Future finished result=42>`), without the module and address.
   *
   * @python `asyncio.Future.__repr__` — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future
   * @example
   * ```ts
   * console.log(String(fut)); // <Future pending cb=[...]>
   * ```
   */
  toString(): string {
    // Python's @reprlib.recursive_repr(): a Future inside its own repr shows as "...".
    if (inRepr.has(this)) return "...";
    inRepr.add(this);
    try {
      return `<${className(this)} ${this._reprInfo().join(" ")}>`;
    } finally {
      inRepr.delete(this);
    }
  }

  /** @internal The words inside `<...>` of the repr. */
  _reprInfo(): string[] {
    const info: string[] = [STATE_NAMES[this._state]!];
    if (this._state === FINISHED) {
      if (this._failed) info.push(`exception=${reprValue(this._exception)}`);
      else info.push(`result=${reprValue(this._result)}`);
    }
    const entries = this._entries();
    const n = entries.length;
    if (n > 0) {
      // CPython's _format_callbacks: the first, "<k more>", the last.
      const shown = n <= 2 ? entries : [entries[0]!, entries[n - 1]!];
      const words = shown.map(formatCallbackEntry);
      if (n > 2) words.splice(1, 0, `<${n - 2} more>`);
      info.push(`cb=[${words.join(", ")}]`);
    }
    return info;
  }

  /** @internal */
  _makeCancelledError(): CancelledError {
    const exc = this._cancelledExc;
    if (exc !== undefined) {
      this._cancelledExc = undefined;
      return exc;
    }
    return deliveredCancelledError(this._cancelMessage);
  }

  /** @internal The registered callbacks and waiting Tasks, in order. */
  _entries(): CallbackEntry[] {
    const cb = this._cb;
    if (!Array.isArray(cb)) return cb !== null ? [cb] : [];
    const out: CallbackEntry[] = [];
    for (let i = 0; i < cb.length; i += 2) out.push(cb[i] as CallbackEntry);
    return out;
  }

  /** @internal The Context of a single function in `_cb` (read before `_value` takes the outcome). */
  _firstContext(): Context | null {
    return typeof this._cb === "function" ? (this._value as Context) : null;
  }

  /** @internal Registers a waiting Task or a callback, keeping registration order. */
  _addEntry(entry: CallbackEntry, context: Context): void {
    const cb = this._cb;
    if (cb === null) {
      this._cb = entry;
      if (typeof entry === "function") this._value = context;
    } else if (Array.isArray(cb)) {
      cb.push(entry, context);
    } else {
      // The second: the first's Context moves out of `_value` with it.
      this._cb = [cb, this._value as Context, entry, context];
      this._value = undefined;
    }
  }

  /** @internal */
  _checkPending(): void {
    // CPython's C Future (the one asyncio uses) says just this; the Python one adds the state.
    if (this._state !== PENDING) throw new InvalidStateError("invalid state");
  }

  /** @internal */
  _clearLogTraceback(): void {
    if (this._logTraceback) {
      this._logTraceback = false;
      untrackUnretrieved(this);
    }
  }

  /** @internal The completion path: every callback goes to the ready queue, in order. */
  _scheduleCallbacks(firstContext: Context | null): void {
    const tracer = this._loop._tracer;
    if (tracer !== null) tracer._futureDone(this as Future<unknown>);
    const cb = this._cb;
    if (cb === null) return;
    this._cb = null;
    if (!Array.isArray(cb)) {
      this._schedule(cb, firstContext!);
      return;
    }
    for (let i = 0; i < cb.length; i += 2) {
      this._schedule(cb[i] as CallbackEntry, cb[i + 1] as Context);
    }
  }

  private _schedule(entry: CallbackEntry, context: Context): void {
    if (typeof entry === "function") {
      this._loop._callSoonWithArg(context, entry, this);
    } else {
      if (entry._wokenBy(this)) this._loop._pushReady(entry);
    }
  }
}

const NOT_INITIALIZED = "Future object is not initialized.";

/**
 * A Future whose constructor never ran (`Object.create(Future.prototype)`,
 * JavaScript's form of a subclass whose `__init__` skipped the base one) has
 * none of its own fields, so reading `_loop` or `_cb` reaches these accessors
 * and fails as CPython's C Future does. A constructed Future's own fields
 * hide them: no check on any path of a working Future. The setter keeps
 * construction working where class fields are compiled to assignments.
 * (`@__KEY__` tells scripts/build-browser.mjs, which shortens internal
 * property names, that these strings are two of them.)
 */
for (const field of [/* @__KEY__ */ "_loop", /* @__KEY__ */ "_cb"]) {
  Object.defineProperty(Future.prototype, field, {
    get(): never {
      throw new RuntimeError(NOT_INITIALIZED);
    },
    set(this: Future<unknown>, value: unknown): void {
      Object.defineProperty(this, field, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
    configurable: true,
  });
}

/** False for a Future whose constructor never ran (checked where it is about to fail anyway). */
function initialized(fut: Future<unknown>): boolean {
  return Object.hasOwn(fut, /* @__KEY__ */ "_loop");
}

function formatCallbackEntry(entry: CallbackEntry): string {
  if (typeof entry === "function") return describeCallback(entry, []);
  // A waiting Task is stored as itself; CPython shows its wake-up method. Another waiter (a DoneQueue) says what it calls.
  return entry instanceof Future ? "Task.task_wakeup()" : String(entry);
}

/**
 * Debug mode: hands the running Task the stack of the coroutine chain that
 * is suspending now, the only moment its frames can be seen (Task.getStack
 * shows them). The frames of this function and of its caller (`next`,
 * `sleep`) are not the chain's. The Task tells a tracer too (it reads the
 * name of the Task's coroutine there).
 */
export function recordSuspension(loop: KernelLoop): void {
  const task = loop._currentTask;
  if (task !== null) task._suspending(loop._debug ? captureStack(2) : undefined);
}

/**
 * True for asyncio Futures and Tasks (Python's `asyncio.isfuture`).
 *
 * @python `asyncio.isfuture` — https://docs.python.org/3/library/asyncio-future.html#asyncio.isfuture
 * @example
 * ```ts
 * function describe(x: unknown): string {
 *   return asyncio.isFuture(x) ? String(x) : "not a Future";
 * }
 * ```
 */
export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}
