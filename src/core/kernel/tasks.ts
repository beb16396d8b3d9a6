/**
 * `Task`: a Future that drives a coroutine, as CPython's `Task.__step` and
 * `__wakeup` do.
 *
 * Invariants, while a Task is not done it is in exactly one of these states:
 * - waiting: `_futWaiter` is a pending Future that holds this Task among its
 *   callbacks; nothing is scheduled;
 * - scheduled: the Task itself is in the loop's ready queue (its first step, a
 *   wake-up (`_woken`: `_futWaiter` completed), or a step carrying `_stepExc`);
 * - running: inside `_step`; it is the loop's `_currentTask`.
 * So a Task is never in the ready queue twice, and one field is enough for
 * the exception its next step throws in.
 *
 * Cancellation (who asks) is kept apart from its delivery (how it arrives):
 * `cancel()` counts the request and then either cancels the Future the Task
 * waits on (whose completion wakes the Task with a CancelledError) or sets
 * `_mustCancel`, which turns the next step into a throw of CancelledError at
 * the coroutine's suspension point. `cancelling()` counts requests and only
 * `uncancel()` takes them back (at zero it also withdraws an undelivered one).
 */
import { named } from "./class-name.js";
import {
  type Context,
  contextForNewTask,
  contextToEnter,
  enterContext,
  exitContext,
  ownContext,
  type VarMap,
} from "./contextvars.js";
import { type AwaitedOf, type Coroutine, isCoroutine } from "./coroutine.js";
import { coroutineLabel } from "./coroutine-name.js";
import { isThenable } from "./ensure-future.js";
import type { AbstractEventLoop, KernelLoop } from "./events.js";
import {
  CancelledError,
  InvalidStateError,
  isExitException,
  RuntimeError,
  ValueError,
} from "./exceptions.js";
import {
  CANCELLED,
  CANCELS_MASK,
  CANCELS_MAX,
  CANCELS_SHIFT,
  HAS_STEP_EXC,
  MUST_CANCEL,
  NO_LOG_DESTROY,
  PENDING,
  SHARED_CORO,
  WOKEN,
} from "./flags.js";
import { Future, FutureExtras, type Waiter } from "./futures.js";
import { reprValue } from "./repr.js";
import { getRunningLoop } from "./running-loop.js";
import { isExecuting, noteSharing, sharedEnd } from "./shared-coroutines.js";
import type { FrameInfo } from "./stack.js";
import { isStackOverflow, overflowError } from "./stack-overflow.js";
import type { CreateTaskOptions } from "./task-signal.js";
import { taskGetStack, taskPrintStack } from "./task-stack.js";

let taskCounter = 0;

/** A Task's rare fields: Future's, and its own (one object, made on first use). */
class TaskExtras extends FutureExtras {
  /** What the next step throws in (with HAS_STEP_EXC set, which tells `undefined` apart). */
  _stepExc: unknown;
  /** The controller of `signal`, made when `signal` is first read. */
  abort: AbortController | undefined;
  /** Debug mode: the stack recorded when the coroutine last suspended. */
  _suspendedStack: string | undefined;
  /** Run as the Task leaves PENDING (task-signal.ts removes its abort listener). */
  _whenDone: (() => void) | undefined;
  /** Cancellation requests beyond the CANCELS_MAX that `_flags` holds. */
  _moreCancels = 0;
}

/**
 * Options of `createTask` (Python's keyword arguments).
 *
 * @python `asyncio.Task` (its keyword arguments) — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task
 * @example
 * ```ts
 * const options: asyncio.TaskOptions = { name: "heartbeat", eagerStart: true };
 * const task = new asyncio.Task(heartbeat(), options);
 * ```
 */
export interface TaskOptions {
  /** The task's name; `Task-N` when omitted. */
  name?: string;
  /** The Context the coroutine runs in; a copy of the current one when omitted. */
  context?: Context;
  /** Run the first step at once, inside `createTask` (Python 3.12+ eager start). */
  eagerStart?: boolean;
}

/**
 * A Future that runs a coroutine: each step resumes the coroutine until it
 * waits on a Future (the Task then waits for that Future) or returns (the Task
 * finishes with its result). `cancel()` throws a CancelledError into the
 * coroutine where it waits. Make one with `createTask` (or `TaskGroup.createTask`),
 * which schedules its first step; keep a reference to it, or a failure can go unseen.
 *
 * @python `asyncio.Task` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const task = asyncio.createTask(asyncio.sleep(1, "done"), { name: "sleeper" });
 *   console.log(task.getName(), task.done()); // sleeper false
 *   console.log(yield* task); // "done"
 * }
 * ```
 */
export class Task<T = unknown> extends Future<T> implements Waiter {
  static override readonly pythonName = /* @__PURE__ */ named(this, "Task", [], ["cancel"]);
  /** @internal The loop contract, with this class as the loop's Task (events.ts). */
  declare _loop: KernelLoop<Task<unknown>>;
  /** @internal Future's rare fields and a Task's own (`_extras()` makes TaskExtras). */
  declare _extra: TaskExtras | null;
  /** @internal */ _coro: Coroutine<T> | null;
  /** @internal */ _context: Context;
  /** @internal */ _name: string | number;
  /** @internal */ _futWaiter: Future<unknown> | null = null;
  /** @internal What this Task borrowed with its creator's Context (see contextvars.ts). */
  _borrowed: VarMap | null = null;
  /** @internal The loop's list of pending Tasks (task-list.ts). */
  _prevTask: Task<unknown> | null = null;
  /** @internal */ _nextTask: Task<unknown> | null = null;

  // Task's booleans live in Future's `_flags`, its rare fields in `_extra`.

  /** @internal */
  override _extras(): TaskExtras {
    if (this._extra === null) this._extra = new TaskExtras();
    return this._extra;
  }

  /**
   * @internal Python's `_num_cancels_requested`: kept in `_flags` (flags.ts),
   * which spares a suspended Task a field; a count past CANCELS_MAX (no program
   * gets there) keeps the rest in the extras.
   */
  get _numCancelsRequested(): number {
    const n = (this._flags & CANCELS_MASK) >>> CANCELS_SHIFT;
    return n < CANCELS_MAX ? n : n + this._extra!._moreCancels;
  }
  /** @internal */ set _numCancelsRequested(n: number) {
    if (n >= CANCELS_MAX) this._extras()._moreCancels = n - CANCELS_MAX;
    this._flags = (this._flags & ~CANCELS_MASK) | (Math.min(n, CANCELS_MAX) << CANCELS_SHIFT);
  }

  /** @internal A cancellation to deliver at the next step. */
  get _mustCancel(): boolean {
    return (this._flags & MUST_CANCEL) !== 0;
  }
  /** @internal */ set _mustCancel(on: boolean) {
    this._setFlag(MUST_CANCEL, on);
  }
  /** @internal The next step throws `_stepExc` into the coroutine. */
  get _hasStepExc(): boolean {
    return (this._flags & HAS_STEP_EXC) !== 0;
  }
  /** @internal */ set _hasStepExc(on: boolean) {
    this._setFlag(HAS_STEP_EXC, on);
  }
  /** @internal */
  get _stepExc(): unknown {
    return this._extra?._stepExc;
  }
  /** @internal */ set _stepExc(exc: unknown) {
    if (exc !== undefined || this._extra !== null) this._extras()._stepExc = exc;
  }
  /**
   * @internal The Future it waits on (`_futWaiter`) completed and scheduled
   * this Task's wake-up: the next run resumes with that Future's outcome.
   */
  get _woken(): boolean {
    return (this._flags & WOKEN) !== 0;
  }
  /** @internal */ set _woken(on: boolean) {
    // A store of its own, which sees only Tasks (see Future's `_blocking`).
    this._flags = on ? this._flags | WOKEN : this._flags & ~WOKEN;
  }
  /** @internal The Waiter side of a completion: the Future is `_futWaiter`, so a bit says it. */
  _wokenBy(_future: Future<unknown>): true {
    this._flags |= WOKEN;
    return true;
  }
  /** @internal Python's `_log_destroy_pending`, kept as an inverted bit (see NO_LOG_DESTROY). */
  get _logDestroyPending(): boolean {
    return (this._flags & NO_LOG_DESTROY) === 0;
  }
  /** @internal */ set _logDestroyPending(on: boolean) {
    this._setFlag(NO_LOG_DESTROY, !on);
  }
  /** @internal */
  get _abort(): AbortController | undefined {
    return this._extra?.abort;
  }
  /** @internal */ set _abort(controller: AbortController | undefined) {
    this._extras().abort = controller;
  }
  /** @internal Debug mode: the stack trace taken when the coroutine last suspended. */
  get _suspendedStack(): string | undefined {
    return this._extra?._suspendedStack;
  }
  /** @internal */ set _suspendedStack(stack: string | undefined) {
    this._extras()._suspendedStack = stack;
  }

  constructor(coro: Coroutine<T>, options?: TaskOptions & { loop?: AbstractEventLoop }) {
    super(options);
    if (!isCoroutine(coro)) {
      this._logDestroyPending = false;
      throw new TypeError(`a coroutine was expected, got ${reprValue(coro)}`);
    }
    const loop = this._loop;
    loop._checkClosed();
    this._name = options?.name !== undefined ? String(options.name) : ++taskCounter;
    this._coro = coro;
    this._context = options?.context ?? contextForNewTask(loop._currentTask, this);
    // The Task made just before may have this coroutine: `createTask(coro)` twice (shared-coroutines.ts).
    noteSharing(this, loop._tasks.add(this as Task<unknown>));
    loop._tracer?._taskCreated(this as Task<unknown>, loop._currentTask);
    if (options?.eagerStart === true && loop._running) {
      this._eagerStart();
    } else {
      loop._pushReady(this);
    }
  }

  /**
   * The Task's name: the one it was given, else `Task-N`.
   *
   * @python `asyncio.Task.get_name` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.get_name
   * @example
   * ```ts
   * const task = asyncio.createTask(worker());
   * console.log(task.getName()); // "Task-1"
   * ```
   */
  getName(): string {
    const name = this._name;
    return typeof name === "number" ? `Task-${name}` : name;
  }

  /**
   * Renames the Task (any value, made a string as Python's `str()` does).
   *
   * @python `asyncio.Task.set_name` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.set_name
   * @example
   * ```ts
   * asyncio.currentTask()!.setName(`request-${id}`);
   * ```
   */
  setName(value: unknown): void {
    this._name = String(value);
  }

  /**
   * The coroutine this Task drives (`null` once an eagerly started task finished).
   *
   * @python `asyncio.Task.get_coro` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.get_coro
   * @example
   * ```ts
   * const coro = asyncio.currentTask()!.getCoro();
   * ```
   */
  getCoro(): Coroutine<T> | null {
    return this._coro;
  }

  /**
   * The Context (of context variables) the Task's coroutine runs in.
   *
   * @python `asyncio.Task.get_context` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.get_context
   * @example
   * ```ts
   * const task = asyncio.createTask(handler());
   * const requestId = task.getContext().get(requestIdVar);
   * ```
   */
  getContext(): Context {
    return ownContext(this);
  }

  /**
   * Pending cancellation requests (every `cancel()` counts; only `uncancel()` takes one back).
   *
   * @python `asyncio.Task.cancelling` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancelling
   * @example
   * ```ts
   * try {
   *   yield* work();
   * } catch (e) {
   *   // cancelled by someone other than our own timeout?
   *   if (e instanceof asyncio.CancelledError && asyncio.currentTask()!.cancelling() > 0) throw e;
   * }
   * ```
   */
  cancelling(): number {
    return this._numCancelsRequested;
  }

  /**
   * Takes back one cancellation request; returns how many remain.
   *
   * With none left, an undelivered cancellation is withdrawn too (Python 3.13).
   *
   * @python `asyncio.Task.uncancel` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.uncancel
   * @example
   * ```ts
   * const task = asyncio.currentTask()!;
   * try {
   *   yield* asyncio.sleep(10);
   * } catch (e) {
   *   if (!(e instanceof asyncio.CancelledError)) throw e;
   *   if (task.uncancel() > 0) throw e; // someone else wants us cancelled too
   * }
   * ```
   */
  uncancel(): number {
    if (this._numCancelsRequested > 0) {
      this._numCancelsRequested--;
      // Python 3.13+: with no request left, an undelivered cancellation is withdrawn.
      if (this._numCancelsRequested === 0) {
        this._mustCancel = false;
        // The Task goes on (a timeout() turned the cancellation into TimeoutError):
        // the next `signal` is a new one, or every Promise call after would start aborted.
        if (this._abort?.signal.aborted) this._abort = undefined;
      }
    }
    return this._numCancelsRequested;
  }

  /**
   * Requests cancellation: `CancelledError` is thrown into the coroutine at its
   * suspension point. Returns false if the Task is already done.
   *
   * Each call counts one request (`cancelling()`); the coroutine may catch the
   * error to clean up, and should throw it again.
   *
   * @python `asyncio.Task.cancel` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel
   * @example
   * ```ts
   * const task = asyncio.createTask(asyncio.sleep(3600));
   * yield* asyncio.sleep(0);
   * task.cancel("shutting down");
   * try {
   *   yield* task;
   * } catch (e) {
   *   console.log(String(e)); // "CancelledError: shutting down"
   * }
   * ```
   */
  override cancel(msg?: string): boolean {
    this._clearLogTraceback();
    if (this._state !== PENDING) return false;
    this._numCancelsRequested++;
    const loop = this._loop;
    loop._tracer?._cancelRequested(this as Task<unknown>, loop._currentTask);
    if (this._abort !== undefined && !this._abort.signal.aborted) {
      this._abort.abort(new CancelledError(msg ?? ""));
    }
    const waiter = this._futWaiter;
    // The waiter stays in place: it may be a Task that swallows the cancellation.
    if (waiter !== null && waiter._cancelFor(this, msg)) return true;
    this._mustCancel = true;
    this._cancelMessage = msg;
    return true;
  }

  /**
   * An AbortSignal aborted when cancellation of this Task is requested, for
   * Promise-based APIs. Once `uncancel()` takes back the last request (as
   * `timeout()` does when it turns the cancellation into TimeoutError), this
   * is a new signal: the old one stays aborted for what it was given to.
   *
   * @python no counterpart: JavaScript's AbortSignal carries cancellation into Promise-based APIs — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel
   * @example
   * ```ts
   * function* download(url: string): asyncio.Coroutine<string> {
   *   const task = asyncio.currentTask()!;
   *   const response = yield* asyncio.fromPromise(fetch(url, { signal: task.signal }));
   *   return yield* asyncio.fromPromise(response.text());
   * }
   * ```
   */
  get signal(): AbortSignal {
    if (this._abort === undefined) {
      this._abort = new AbortController();
      if (this._numCancelsRequested > 0 || this._state !== PENDING) {
        this._abort.abort(new CancelledError(this._cancelMessage ?? ""));
      }
    }
    return this._abort.signal;
  }

  /**
   * The frames of the coroutine, outermost first: where it is suspended (in
   * debug mode; JavaScript cannot look inside a suspended generator
   * otherwise), where it runs if it is the current Task, or the traceback of
   * the error it failed with. `limit` keeps the newest frames of a stack and
   * the oldest of a traceback, as in Python.
   *
   * @python `asyncio.Task.get_stack` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.get_stack
   * @example
   * ```ts
   * const task = asyncio.createTask(worker());
   * yield* asyncio.sleep(1);
   * for (const frame of task.getStack()) console.log(frame.functionName, frame.lineNumber);
   * ```
   */
  getStack(options?: { limit?: number }): FrameInfo[] {
    return taskGetStack(this as Task<unknown>, options?.limit);
  }

  /**
   * Prints `getStack()` as Python's `print_stack` does (to standard error by default).
   *
   * `file`: anything with `write(text)`, as Python's `file=`.
   *
   * @python `asyncio.Task.print_stack` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.print_stack
   * @example
   * ```ts
   * asyncio.getRunningLoop().setDebug(true);
   * const task = asyncio.createTask(worker());
   * yield* asyncio.sleep(1);
   * task.printStack(); // "Stack for <Task pending ...> (most recent call last): ..."
   * ```
   */
  printStack(options?: { limit?: number; file?: { write(text: string): void } }): void {
    taskPrintStack(this as Task<unknown>, options);
  }

  /**
   * Refused: a Task's result is its coroutine's. Raises RuntimeError, as in CPython.
   *
   * @python `asyncio.Task.set_result` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.set_result
   * @example
   * ```ts
   * try {
   *   asyncio.currentTask()!.setResult(undefined);
   * } catch (e) {
   *   console.log(String(e)); // "RuntimeError: Task does not support set_result operation"
   * }
   * ```
   */
  override setResult(_result: T): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  /**
   * Refused: a Task fails when its coroutine raises. Raises RuntimeError, as in CPython.
   *
   * @python `asyncio.Task.set_exception` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.set_exception
   * @example
   * ```ts
   * try {
   *   asyncio.currentTask()!.setException(new Error("x"));
   * } catch (e) {
   *   console.log(String(e)); // "RuntimeError: Task does not support set_exception operation"
   * }
   * ```
   */
  override setException(_exception: unknown): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  /** @internal CPython's `_task_repr_info`: state, name, coro, wait_for, then result and callbacks. */
  override _reprInfo(): string[] {
    const info = super._reprInfo();
    if (this._numCancelsRequested > 0 && this._state === PENDING) info[0] = "cancelling";
    const words = [`name='${this.getName()}'`];
    if (this._coro !== null) words.push(`coro=<${coroutineLabel(this as Task<unknown>)}>`);
    if (this._futWaiter !== null) words.push(`wait_for=${this._futWaiter}`);
    info.splice(1, 0, ...words);
    return info;
  }

  /** @internal Leaving PENDING: the Task stops being one of `allTasks()`. */
  override _scheduleCallbacks(firstContext: Context | null): void {
    this._loop._tasks.delete(this as Task<unknown>);
    const extra = this._extra;
    if (extra !== null && extra._whenDone !== undefined) {
      const onDone = extra._whenDone;
      extra._whenDone = undefined;
      onDone();
    }
    super._scheduleCallbacks(firstContext);
  }

  /** @internal What `recordSuspension` tells the running Task as its coroutine suspends. */
  _suspending(stack: string | undefined): void {
    const loop = this._loop;
    if (loop._debug) this._suspendedStack = stack;
    loop._tracer?._taskSuspending(this as Task<unknown>);
  }

  /** @internal Runs `callback` synchronously when the Task leaves PENDING (before its done callbacks). */
  _onDone(callback: () => void): void {
    const extra = this._extras();
    const previous = extra._whenDone;
    extra._whenDone =
      previous === undefined
        ? callback
        : () => {
            previous();
            callback();
          };
  }

  /** @internal The ready queue runs a scheduled Task through here. */
  _run(): void {
    try {
      const from = this._woken ? this._futWaiter : null;
      if (from !== null) {
        this._woken = false;
        this._wakeup(from);
      } else if (this._hasStepExc) {
        const exc = this._stepExc;
        this._stepExc = undefined;
        this._hasStepExc = false;
        this._step(exc, true);
      } else {
        this._step(undefined, false);
      }
    } catch (e) {
      if (isExitException(e)) throw e;
      this._loop.callExceptionHandler({
        message: `Exception in callback Task._step() of ${this}`,
        exception: e,
        task: this,
      });
    }
  }

  /** Python's `__wakeup`: the awaited Future is done; resume with its outcome. */
  private _wakeup(future: Future<unknown>): void {
    if (future._state === CANCELLED) {
      // What `future.result()` would throw, without paying for a throw and a catch.
      this._step(future._makeCancelledError(), true);
    } else if (future._failed) {
      future._clearLogTraceback();
      this._step(future._exception, true);
    } else {
      this._step(undefined, false);
    }
  }

  /** Python's `__step`: one resumption of the coroutine, as the current task. */
  private _step(exc: unknown, hasExc: boolean): void {
    if (this._state !== PENDING) {
      throw new InvalidStateError(`_step(): already done: ${this}, ${reprValue(exc)}`);
    }
    if (this._mustCancel) {
      if (!(exc instanceof CancelledError)) {
        exc = this._makeCancelledError();
        hasExc = true;
      }
      this._mustCancel = false;
    }
    this._futWaiter = null;
    const loop = this._loop;
    if (loop._currentTask !== null) {
      throw new RuntimeError(
        `Cannot enter into task ${this} while another task ${loop._currentTask} is being executed.`,
      );
    }
    loop._currentTask = this as Task<unknown>;
    try {
      this._runAndHandleResult(exc, hasExc);
    } finally {
      loop._currentTask = null;
    }
  }

  /** @internal The part of a step shared with eager start. */
  _runAndHandleResult(exc: unknown, hasExc: boolean): void {
    const loop = this._loop;
    loop._tracer?._stepStarted(this as Task<unknown>);
    try {
      this._resumeCoroutine(exc, hasExc);
    } finally {
      // The tracer installed now, which may have been started (or replaced) during the step.
      loop._tracer?._stepEnded(this as Task<unknown>);
    }
  }

  /** Resumes the coroutine once and acts on what it did: returned, raised, or waits. */
  private _resumeCoroutine(exc: unknown, hasExc: boolean): void {
    const coro = this._coro!;
    const previousContext = enterContext(contextToEnter(this), this);
    let r: IteratorResult<unknown, T>;
    try {
      r = hasExc ? coro.throw(exc) : coro.next();
    } catch (thrown) {
      exitContext(previousContext);
      // An eager Task made on a coroutine executing further up the stack
      // could not start it, and did not end it; or another driver may have
      // finished this coroutine (shared-coroutines.ts).
      const reused =
        thrown instanceof TypeError && isExecuting(coro)
          ? new ValueError("coroutine already executing")
          : (this._flags & SHARED_CORO) !== 0
            ? sharedEnd(coro)
            : null;
      if (reused !== null) {
        Future.prototype.setException.call(this, reused);
        return;
      }
      if (thrown instanceof CancelledError) {
        Future.prototype.cancel.call(this);
        // Awaiters of this Task re-raise this very error (Python's `_cancelled_exc`);
        // a Task done otherwise during its own step keeps its outcome.
        if (this._state === CANCELLED) this._cancelledExc = thrown;
        return;
      }
      // A chain deeper than the stack: Python's RecursionError (stack-overflow.ts).
      const e = isStackOverflow(thrown) ? overflowError(thrown) : thrown;
      Future.prototype.setException.call(this, e);
      if (isExitException(e)) throw e;
      return;
    }
    exitContext(previousContext);
    if (r.done === true) {
      // Another driver may have finished this coroutine (shared-coroutines.ts).
      const reused = (this._flags & SHARED_CORO) !== 0 ? sharedEnd(coro) : null;
      if (reused !== null) {
        Future.prototype.setException.call(this, reused);
      } else if (this._mustCancel) {
        // cancel() arrived during this step and the coroutine returned anyway.
        this._mustCancel = false;
        Future.prototype.cancel.call(this, this._cancelMessage);
      } else {
        Future.prototype.setResult.call(this, r.value);
      }
      return;
    }
    const yielded = r.value;
    if (yielded === undefined) {
      // A bare `yield`: one turn of the loop, as `sleep(0)`.
      this._loop._pushReady(this);
    } else if (yielded instanceof Future) {
      this._waitOn(yielded);
    } else if (isCoroutine(yielded)) {
      this._scheduleThrow(
        new RuntimeError(
          `yield was used instead of yield* for generator in task ${this} with ${reprValue(yielded)}`,
        ),
      );
    } else {
      // CPython's message; JavaScript adds the Promise, yielded where `await` was meant.
      const hint = isThenable(yielded) ? " (await a Promise with yield* fromPromise(p))" : "";
      this._scheduleThrow(new RuntimeError(`Task got bad yield: ${reprValue(yielded)}${hint}`));
    }
  }

  private _waitOn(future: Future<unknown>): void {
    if (future._loop !== this._loop) {
      this._scheduleThrow(
        new RuntimeError(`Task ${this} got Future ${future} attached to a different loop`),
      );
    } else if (!future._blocking) {
      this._scheduleThrow(
        new RuntimeError(`yield was used instead of yield* in task ${this} with ${future}`),
      );
    } else if (future === this) {
      this._scheduleThrow(new RuntimeError(`Task cannot await on itself: ${this}`));
    } else {
      future._blocking = false;
      if (future._cb !== null) this._checkSharing(future);
      future._addEntry(this, this._context);
      this._futWaiter = future;
      if (this._mustCancel && future._cancelFor(this, this._cancelMessage))
        this._mustCancel = false;
    }
  }

  /**
   * `future`, which this Task is about to wait on, has waiters already: the
   * last may be driving this Task's coroutine too, which then resumed here
   * and yielded the Future that driver waits on (shared-coroutines.ts).
   */
  private _checkSharing(future: Future<unknown>): void {
    const cb = future._cb;
    const last = Array.isArray(cb) ? cb[cb.length - 2] : cb;
    if (last instanceof Task && last !== this) noteSharing(this, last);
  }

  /** Schedules a step that throws `exc` into the coroutine (Python: `call_soon(__step, exc)`). */
  private _scheduleThrow(exc: unknown): void {
    this._stepExc = exc;
    this._hasStepExc = true;
    this._loop._pushReady(this);
  }

  private _eagerStart(): void {
    const loop = this._loop;
    const previous = loop._currentTask;
    loop._currentTask = this as Task<unknown>;
    try {
      this._runAndHandleResult(undefined, false);
    } finally {
      loop._currentTask = previous;
    }
    if (this._state !== PENDING) this._coro = null;
  }
}

/**
 * Wraps a coroutine in a Task scheduled on the running loop. `signal`: an
 * AbortSignal that cancels the Task (task-signal.ts).
 *
 * @python `asyncio.create_task` — https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task
 * @example
 * ```ts
 * const t = asyncio.createTask(work(), { name: "worker", signal: AbortSignal.timeout(5000) });
 * ```
 */
export function createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T>;
export function createTask<C extends Coroutine<unknown>>(
  coro: C,
  options?: CreateTaskOptions,
): Task<AwaitedOf<C>>;
export function createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T> {
  return getRunningLoop().createTask(coro, options);
}

/**
 * The Task running now on `loop` (the running loop by default), or `undefined`.
 *
 * @python `asyncio.current_task` — https://docs.python.org/3/library/asyncio-task.html#asyncio.current_task
 * @example
 * ```ts
 * function* handler(): asyncio.Coroutine<void> {
 *   console.log(`handled by ${asyncio.currentTask()?.getName()}`);
 * }
 * ```
 */
export function currentTask(loop?: AbstractEventLoop): Task<unknown> | undefined {
  return (loop ?? getRunningLoop())._currentTask ?? undefined;
}

/**
 * The Tasks of `loop` (the running loop by default) not done yet, in creation order.
 *
 * @python `asyncio.all_tasks` — https://docs.python.org/3/library/asyncio-task.html#asyncio.all_tasks
 * @example
 * ```ts
 * for (const task of asyncio.allTasks()) {
 *   if (task !== asyncio.currentTask()) task.cancel();
 * }
 * ```
 */
export function allTasks(loop?: AbstractEventLoop): Set<Task<unknown>> {
  return new Set((loop ?? getRunningLoop())._tasks);
}

/**
 * An AbortSignal aborted when the current Task is cancelled, for Promise-based APIs.
 *
 * Outside a Task, a RuntimeError.
 *
 * @python no counterpart: JavaScript's AbortSignal carries a Task's cancellation into Promise-based APIs — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.cancel
 * @example
 * ```ts
 * function* fetchText(url: string): asyncio.Coroutine<string> {
 *   const response = yield* asyncio.fromPromise(fetch(url, { signal: asyncio.abortSignal() }));
 *   return yield* asyncio.fromPromise(response.text());
 * }
 * ```
 */
export function abortSignal(): AbortSignal {
  const task = currentTask();
  if (task === undefined) throw new RuntimeError("abortSignal() must be called from a task");
  return task.signal;
}
