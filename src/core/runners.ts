/**
 * `run` and `Runner`: the entry points that own a loop (Python's `runners`).
 *
 * `Runner.run` wraps the main coroutine in a Task and runs the loop until it
 * is done. `Runner.close` cancels every Task still pending, waits for them,
 * reports those that failed, and closes the loop. `interrupt()` is what
 * Ctrl-C does (the Node layer wires SIGINT to it): the first one cancels the
 * main Task, a second one raises KeyboardInterrupt out of the loop.
 */

import { asyncDispose } from "./async-dispose.js";
import { gather } from "./gather.js";
import {
  _getRunningLoop,
  type Awaitable,
  allTasks,
  awaitableRequired,
  CancelledError,
  type Context,
  type Coroutine,
  className,
  copyContext,
  EventLoop,
  inspectCustom,
  isAwaitableObject,
  isCoroutine,
  isThenable,
  KeyboardInterrupt,
  named,
  RuntimeError,
  setEventLoop,
  type Task,
  wrapFuture,
} from "./kernel/index.js";

/**
 * Options of `new Runner(options)` and `run(main, options)`.
 *
 * @python `asyncio.Runner` (its keyword arguments `debug` and `loop_factory`) — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
 * @example
 * ```ts
 * const runner = new asyncio.Runner({ debug: true, virtualTime: true });
 * ```
 */
export interface RunnerOptions {
  /** Debug mode for the loop (left as the loop has it when omitted). */
  debug?: boolean;
  /** Run on a virtual clock: sleeping takes no real time. */
  virtualTime?: boolean;
  /** Makes the loop (Python's `loop_factory`); `virtualTime` is then ignored. */
  loopFactory?: () => EventLoop;
}

/**
 * Options of `Runner.run`.
 *
 * @python `asyncio.Runner.run` (its `context` keyword) — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner.run
 * @example
 * ```ts
 * await runner.run(main(), { context: asyncio.copyContext(), signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface RunnerRunOptions {
  /** The Context the main Task runs in (the Runner's own by default). */
  context?: Context;
  /** An AbortSignal that cancels the main Task (task-signal.ts); `run` then raises CancelledError. */
  signal?: AbortSignal;
}

/**
 * Options of `run`: the Runner's, and the main Task's `signal`.
 *
 * @python `asyncio.run` (its keyword arguments) — https://docs.python.org/3/library/asyncio-runner.html#asyncio.run
 * @example
 * ```ts
 * await asyncio.run(main(), { debug: true, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface RunOptions extends RunnerOptions {
  /** An AbortSignal that cancels the main Task (task-signal.ts); `run` then raises CancelledError. */
  signal?: AbortSignal;
}

const CREATED = 0;
const INITIALIZED = 1;
const CLOSED = 2;

/**
 * Runs several top-level coroutines on one loop, sharing one Context.
 *
 * @python `asyncio.Runner` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
 * @example
 * ```ts
 * const runner = new asyncio.Runner({ virtualTime: true });
 * try { await runner.run(main()); } finally { await runner.close(); }
 * ```
 */
export class Runner {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(runner).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
   * @example
   * ```ts
   * console.log(asyncio.Runner.pythonName); // "Runner"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Runner");
  private _state = CREATED;
  private _loop: EventLoop | null = null;
  private _context: Context | null = null;
  private _setEventLoop = false;
  private _interruptCount = 0;
  private _mainTask: Task<unknown> | null = null;

  constructor(private readonly _options: RunnerOptions = {}) {}

  /**
   * Runs `main` (a coroutine or any awaitable) to completion and returns its result.
   *
   * @python `asyncio.Runner.run` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner.run
   * @example
   * ```ts
   * const runner = new asyncio.Runner();
   * try {
   *   await runner.run(setUp());
   *   await runner.run(main()); // same loop, same Context
   * } finally {
   *   await runner.close();
   * }
   * ```
   */
  async run<T>(
    main: Coroutine<T> | Awaitable<T> | PromiseLike<T>,
    options?: RunnerRunOptions,
  ): Promise<T> {
    if (_getRunningLoop() !== null) {
      throw new RuntimeError("Runner.run() cannot be called from a running event loop");
    }
    const loop = this._lazyInit();
    const coro = mainCoroutine(main, loop);
    const task = loop.createTask(coro, {
      context: options?.context ?? this._context!,
      signal: options?.signal,
    });
    this._mainTask = task as Task<unknown>;
    this._interruptCount = 0;
    const uninstall = this._installInterruptHandler();
    try {
      return await loop.runUntilComplete<T>(task);
    } catch (e) {
      if (e instanceof CancelledError && this._interruptCount > 0 && uncancel(task) === 0) {
        throw new KeyboardInterrupt();
      }
      throw e;
    } finally {
      uninstall?.();
      this._mainTask = null;
    }
  }

  /**
   * Cancels what is left, waits for it, and closes the loop. Idempotent.
   *
   * @python `asyncio.Runner.close` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner.close
   * @example
   * ```ts
   * try {
   *   await runner.run(main());
   * } finally {
   *   await runner.close(); // leftover Tasks cancelled, async generators closed, loop closed
   * }
   * ```
   */
  async close(): Promise<void> {
    if (this._state !== INITIALIZED) return;
    const loop = this._loop!;
    try {
      await cancelAllTasks(loop);
      await loop.runUntilComplete(loop.shutdownAsyncgens());
      await loop.runUntilComplete(loop.shutdownDefaultExecutor(300));
    } finally {
      if (this._setEventLoop) setEventLoop(null);
      loop.close();
      this._loop = null;
      this._state = CLOSED;
    }
  }

  /**
   * `close()`, for `await using`: Python's `with asyncio.Runner() as runner:`
   * closes the Runner when the block ends, whichever way it ends.
   *
   * @python `asyncio.Runner.__exit__` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
   * @example
   * ```ts
   * {
   *   await using runner = new asyncio.Runner();
   *   await runner.run(setUp());
   *   await runner.run(main());
   * } // runner.close(): leftover Tasks cancelled, loop closed
   * ```
   */
  [asyncDispose](): Promise<void> {
    return this.close();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr without the module and address (a Runner shows no state).
   *
   * @python `asyncio.Runner.__repr__` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
   * @example
   * ```ts
   * console.log(String(new asyncio.Runner())); // <Runner>
   * ```
   */
  toString(): string {
    return `<${className(this)}>`;
  }

  /**
   * The Runner's loop, created on first use.
   *
   * @python `asyncio.Runner.get_loop` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner.get_loop
   * @example
   * ```ts
   * const runner = new asyncio.Runner();
   * runner.getLoop().setExceptionHandler((loop, context) => console.error(context.message));
   * ```
   */
  getLoop(): EventLoop {
    return this._lazyInit();
  }

  /**
   * What Ctrl-C does: the first call cancels the main Task (and `run` then
   * raises KeyboardInterrupt if the Task did not swallow the cancellation);
   * a later call raises KeyboardInterrupt out of the loop at once.
   *
   * @python no counterpart: CPython's Runner does this in its private SIGINT handler — https://docs.python.org/3/library/asyncio-runner.html
   * @example
   * ```ts
   * const runner = new asyncio.Runner();
   * process.once("SIGUSR2", () => runner.interrupt()); // like Ctrl-C
   * await runner.run(main());
   * ```
   */
  interrupt(): void {
    const loop = this._loop;
    if (loop === null || !loop.isRunning()) return;
    this._interruptCount++;
    const main = this._mainTask;
    if (this._interruptCount === 1 && main !== null && !main.done()) {
      main.cancel();
      return;
    }
    loop.callSoon(raiseKeyboardInterrupt);
  }

  /**
   * Connects the host's Ctrl-C to `interrupt()` for the duration of `run()`
   * and returns the way to disconnect it. The core has no host to listen to.
   */
  protected _installInterruptHandler(): (() => void) | undefined {
    return undefined;
  }

  private _lazyInit(): EventLoop {
    if (this._state === CLOSED) throw new RuntimeError("Runner is closed");
    if (this._state === INITIALIZED) return this._loop!;
    const { loopFactory, virtualTime, debug } = this._options;
    let loop: EventLoop;
    if (loopFactory === undefined) {
      loop = new EventLoop({ virtualTime: virtualTime === true });
      setEventLoop(loop);
      this._setEventLoop = true;
    } else {
      loop = loopFactory();
    }
    if (debug !== undefined) loop.setDebug(debug);
    this._loop = loop;
    this._context = copyContext();
    this._state = INITIALIZED;
    return loop;
  }
}

/**
 * `task.uncancel()`, or undefined for a custom task factory's Task that has
 * none: the interrupt then surfaces as the CancelledError it caused, as in
 * CPython (`getattr(task, "uncancel", None)`).
 */
function uncancel(task: Task<unknown>): number | undefined {
  const method: unknown = (task as { uncancel?: unknown }).uncancel;
  return typeof method === "function" ? (method as () => number).call(task) : undefined;
}

function raiseKeyboardInterrupt(): never {
  throw new KeyboardInterrupt();
}

/**
 * What `run()` runs for `main`: a coroutine as it is; another awaitable (a
 * Future, a Promise) awaited by a coroutine (CPython 3.14). Anything else is
 * refused before a Task is made, naming what was given: most often a
 * generator function not called (`run(main)` for `run(main())`).
 */
function mainCoroutine<T>(
  main: Coroutine<T> | Awaitable<T> | PromiseLike<T>,
  loop: EventLoop,
): Coroutine<T> {
  if (isCoroutine(main)) return main as Coroutine<T>;
  if (isAwaitableObject(main)) return awaitMain(main as Awaitable<T>);
  if (isThenable(main)) return awaitMain(wrapFuture(main as PromiseLike<T>, { loop }));
  throw awaitableRequired(main, true);
}

function* awaitMain<T>(aw: Awaitable<T>): Coroutine<T> {
  return yield* aw;
}

async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const toCancel = [...allTasks(loop)];
  if (toCancel.length === 0) return;
  for (const task of toCancel) task.cancel();
  await loop.runUntilComplete(gather.from(toCancel, { returnExceptions: true }));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    if (task.exception() !== undefined || task._failed) {
      loop.callExceptionHandler({
        message: "unhandled exception during asyncio.run() shutdown",
        exception: task.exception(),
        task,
      });
    }
  }
}

/**
 * Runs `main` on a new loop and returns its result; leftover Tasks are
 * cancelled and awaited, then the loop is closed (Python's `asyncio.run`).
 * `signal`: an AbortSignal that cancels the main Task.
 *
 * @python `asyncio.run` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.run
 * @example
 * ```ts
 * await asyncio.run(main(), { virtualTime: true, signal: AbortSignal.timeout(60_000) });
 * ```
 */
export function run<T>(
  main: Coroutine<T> | Awaitable<T> | PromiseLike<T>,
  options?: RunOptions,
): Promise<T> {
  return runWith(Runner, main, options);
}

/** `run` with a Runner class of a host layer (the Node layer's installs SIGINT). */
export function runWith<T>(
  RunnerClass: new (options?: RunnerOptions) => Runner,
  main: Coroutine<T> | Awaitable<T> | PromiseLike<T>,
  options?: RunOptions,
): Promise<T> {
  if (_getRunningLoop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const { signal, ...runnerOptions } = options ?? {};
  const runner = new RunnerClass(runnerOptions);
  return runner.run(main, { signal }).finally(() => runner.close());
}
