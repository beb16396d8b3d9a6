/**
 * `Handle` (a callback scheduled with `callSoon`) and `TimerHandle` (with
 * `callLater`/`callAt`). Running one is where user callbacks are actually
 * called; an error there goes to the loop's exception handler, except
 * `KeyboardInterrupt`/`SystemExit`, which end `runForever`.
 *
 * Invariants: `_args === null` means exactly one argument, kept in `_arg`
 * (a Future's done callback, with no array); a cancelled Handle holds no
 * callback or arguments and runs nothing; a TimerHandle's `_when` and `_seq`
 * never change, since its place in the timer heap depends on them.
 */
import { className, named } from "./class-name.js";
import { type Context, enterContext, exitContext, OTHER } from "./contextvars.js";
import type { AbstractEventLoop, KernelLoop, Runnable } from "./events.js";
import { isExitException } from "./exceptions.js";
import { inspectCustom } from "./inspect.js";
import { describeCallback, reprFloat } from "./repr.js";

// biome-ignore lint/suspicious/noExplicitAny: callbacks are stored untyped; the public signatures type them
type AnyCallback = (...args: any[]) => unknown;

/**
 * A callback scheduled with `callSoon` (or `callSoonThreadsafe`), as the
 * loop returns it: `cancel()` stops it from running. An error the callback
 * raises goes to the loop's exception handler.
 *
 * @python `asyncio.Handle` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle
 * @example
 * ```ts
 * const handle = asyncio.getRunningLoop().callSoon(console.log, "maybe");
 * handle.cancel(); // nothing is printed
 * ```
 */
export class Handle implements Runnable {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(handle).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle
   * @example
   * ```ts
   * console.log(asyncio.TimerHandle.pythonName); // "TimerHandle"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Handle");
  /** @internal */ _callback: AnyCallback | null;
  /** @internal The arguments; `null` when there is exactly one, kept in `_arg` (no array). */
  _args: readonly unknown[] | null;
  /** @internal */ _arg: unknown;
  /** @internal */ _cancelled = false;
  /** @internal */ readonly _loop: KernelLoop;
  /** @internal */ readonly _context: Context;
  /** @internal */ _sourceTraceback: string | undefined;

  constructor(
    callback: AnyCallback,
    args: readonly unknown[] | null,
    loop: AbstractEventLoop,
    context: Context,
  ) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
    this._context = context;
    this._sourceTraceback = loop._debug ? new Error().stack : undefined;
  }

  /**
   * The Context the callback runs in.
   *
   * @python `asyncio.Handle.get_context` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle.get_context
   * @example
   * ```ts
   * const handle = loop.callSoon(() => {});
   * console.log(handle.getContext().get(requestId));
   * ```
   */
  getContext(): Context {
    return this._context;
  }

  /**
   * Cancels the callback: it will not run. Does nothing once it has run or was cancelled.
   *
   * @python `asyncio.Handle.cancel` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle.cancel
   * @example
   * ```ts
   * const handle = loop.callSoon(() => console.log("never"));
   * handle.cancel();
   * ```
   */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      // Drop references early, as CPython does, so a cancelled timer frees what it held.
      this._callback = null;
      this._args = [];
      this._arg = undefined;
    }
  }

  /**
   * Whether the Handle was cancelled.
   *
   * @python `asyncio.Handle.cancelled` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle.cancelled
   * @example
   * ```ts
   * if (!handle.cancelled()) handle.cancel();
   * ```
   */
  cancelled(): boolean {
    return this._cancelled;
  }

  /** @internal */
  _run(): void {
    if (this._cancelled) return;
    const context = this._context;
    let previous: Context | null = null;
    let error: unknown;
    let failed = false;
    try {
      // Context.run, inlined: no rest-parameter array per callback.
      previous = enterContext(context, OTHER);
      const callback = this._callback!;
      const args = this._args;
      if (args === null) callback(this._arg);
      else if (args.length === 0) callback();
      else if (args.length === 1) callback(args[0]);
      else callback(...args);
    } catch (e) {
      error = e;
      failed = true;
    } finally {
      if (previous !== null) exitContext(previous);
    }
    if (!failed) return;
    if (isExitException(error)) throw error;
    const report: Record<string, unknown> = {
      message: `Exception in callback ${this._describe()}`,
      exception: error,
      handle: this,
    };
    if (this._sourceTraceback !== undefined) report.sourceTraceback = this._sourceTraceback;
    this._loop.callExceptionHandler(report);
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython 3.13's repr (`<Handle cancelled>`, `<Handle f()>`; the arguments too in debug mode), without the module and address.
   *
   * @python `asyncio.Handle.__repr__` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Handle
   * @example
   * ```ts
   * console.log(String(loop.callSoon(console.log, 1))); // <Handle log()>, <Handle log(1)> in debug mode
   * ```
   */
  toString(): string {
    const state = this._cancelled ? "cancelled" : this._describe();
    return `<${className(this)} ${state}>`;
  }

  /** @internal The callback as CPython 3.13 shows it: its arguments only in debug mode. */
  _describe(): string {
    const args = this._args ?? [this._arg];
    return describeCallback(this._callback, this._loop._debug ? args : []);
  }
}

/**
 * A callback scheduled with `callLater` or `callAt`: a Handle that also
 * knows when it is due (`when()`). Cancelling one removes it from the loop's timers.
 *
 * @python `asyncio.TimerHandle` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.TimerHandle
 * @example
 * ```ts
 * const loop = asyncio.getRunningLoop();
 * const reminder = loop.callLater(30, () => console.log("still there?"));
 * console.log(reminder.when() - loop.time()); // 30
 * reminder.cancel();
 * ```
 */
export class TimerHandle extends Handle {
  static override readonly pythonName = /* @__PURE__ */ named(this, "TimerHandle");
  /** @internal */ readonly _when: number;
  /** @internal */ readonly _seq: number;
  /** @internal */ _scheduled = false;

  constructor(
    when: number,
    seq: number,
    callback: AnyCallback,
    args: readonly unknown[],
    loop: AbstractEventLoop,
    context: Context,
  ) {
    super(callback, args, loop, context);
    this._when = when;
    this._seq = seq;
  }

  /**
   * The absolute time (in `loop.time()` seconds) the callback is due.
   *
   * @python `asyncio.TimerHandle.when` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.TimerHandle.when
   * @example
   * ```ts
   * const timer = loop.callLater(5, () => {});
   * console.log(timer.when() > loop.time()); // true
   * ```
   */
  when(): number {
    return this._when;
  }

  override cancel(): void {
    if (!this._cancelled) this._loop._timerHandleCancelled(this);
    super.cancel();
  }

  override toString(): string {
    if (this._cancelled) return `<TimerHandle cancelled when=${reprFloat(this._when)}>`;
    return `<TimerHandle when=${reprFloat(this._when)} ${this._describe()}>`;
  }
}
