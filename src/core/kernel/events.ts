/**
 * The loop as the kernel's Futures, Tasks and handles see it: CPython's
 * `events.py`, whose `AbstractEventLoop` lets `futures.py` and `tasks.py`
 * use a loop without importing the one that implements it.
 *
 * `KernelLoop` lists every member futures.ts, tasks.ts and handles.ts reach
 * on their loop, and nothing else: a Future that needs more of the loop
 * must add it here first, where a reader sees the whole coupling at once.
 * `EventLoop` (event-loop.ts) implements it. The types are structural and
 * this file imports nothing, so the loop's Futures and Tasks no longer
 * depend on the concrete loop, not even as types.
 *
 * `AbstractEventLoop` is the other direction: the loop a Future hands out
 * (`getLoop()`) or accepts (`{ loop }`), which event-loop.ts merges with the
 * whole `EventLoop` class, so users see every method of the loop.
 */

/**
 * What the ready queue holds: handles, and Tasks scheduling their own step.
 * Internal interfaces here mark their members internal, not themselves:
 * the shipped declarations keep each interface, empty, so a public class
 * may still name it in `implements`.
 */
export interface Runnable {
  /** @internal */
  _run(): void;
}

/**
 * What the loop passes to an exception handler (Python's `context` dict).
 *
 * @python `asyncio.loop.call_exception_handler` (its `context` dict) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_exception_handler
 * @example
 * ```ts
 * loop.setExceptionHandler((loop, context) => {
 *   console.error(context.message, context.exception, context.task);
 * });
 * ```
 */
export interface ExceptionContext {
  /** What went wrong, in CPython's words (`"Task exception was never retrieved"`). */
  message?: string;
  /** The error that was raised, if there was one. */
  exception?: unknown;
  /**
   * The Future or Task reported on. A report made after the garbage collector
   * freed it carries a `CollectedFuture`, which prints as the Future did.
   */
  future?: unknown;
  /** The Task reported on (a `CollectedFuture` after garbage collection, as for `future`). */
  task?: unknown;
  /** The Handle whose callback raised. */
  handle?: unknown;
  [key: string]: unknown;
}

/**
 * A Task as the loop's Futures see the one running: they tell it when its
 * coroutine suspends (debug mode and tracing only, see `recordSuspension`).
 */
export interface SuspendingTask {
  /** @internal Its coroutine is suspending now; `stack` holds the chain's frames in debug mode. */
  _suspending(stack: string | undefined): void;
}

/** The tracer's hooks the kernel's Futures and Tasks call (loop-tracer.ts has them all). */
export interface KernelTracer<T> {
  /** @internal */ _taskCreated(task: T, parent: T | null): void;
  /** @internal */ _stepStarted(task: T): void;
  /** @internal */ _stepEnded(task: T): void;
  /** @internal */ _taskSuspending(task: T): void;
  /** @internal */ _cancelRequested(task: T, by: T | null): void;
  /** @internal */ _futureDone(future: object): void;
}

/**
 * The loop contract of Futures, Tasks and handles. `T` is the
 * loop's Task type: Futures know only `SuspendingTask`, tasks.ts binds it to
 * `Task`. Loss reports (loss-report.ts) reach `_unretrieved` through a Future's loop.
 */
export interface KernelLoop<T extends SuspendingTask = SuspendingTask> {
  /** @internal Debug mode (`setDebug`): Futures and handles record where they were made. */
  readonly _debug: boolean;
  /** @internal Inside `runForever`: an eager Task starts at once only then. */
  readonly _running: boolean;
  /** @internal The Task whose step runs now; a Task sets itself here for its step. */
  _currentTask: T | null;
  /** @internal The pending Tasks (`allTasks()`): a Task enters when made and leaves when done. */
  readonly _tasks: { add(task: T): T | null; delete(task: T): void };
  /** @internal The installed tracer, or null: one null check per hook when none is. */
  readonly _tracer: KernelTracer<T> | null;
  /** @internal Failed Futures whose exception nobody retrieved yet (loss-report.ts). */
  readonly _unretrieved: { fresh: object[]; readonly watched: Set<WeakRef<object>> };
  /** @internal RuntimeError("Event loop is closed") if it is. */
  _checkClosed(): void;
  /** @internal Puts `item` at the end of the ready queue, with no Handle (a Task's step, a wake-up). */
  _pushReady(item: Runnable): void;
  /** @internal `callSoon(callback, arg)` in `context`, without the public method's argument checks. */
  _callSoonWithArg(context: object, callback: (arg: never) => unknown, arg: unknown): unknown;
  /** @internal A TimerHandle was cancelled: the timer heap may drop it. */
  _timerHandleCancelled(timer: object): void;
  /** @internal Reports an error nothing else will see (Python's `call_exception_handler`). */
  callExceptionHandler(context: ExceptionContext): void;
  /**
   * @internal Ordinary async code was handed a settled Future (`then`): a
   * virtual clock gives the host a turn before its next jump (event-loop.ts).
   */
  _hostTurnDue: boolean;
}

/**
 * The event loop a Future, Task or handle belongs to, as `getLoop()` returns
 * it: an `EventLoop` with all its methods (event-loop.ts merges the class
 * into this interface, so that futures.ts and tasks.ts can name the loop
 * without importing it).
 *
 * @python `asyncio.AbstractEventLoop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.AbstractEventLoop
 * @example
 * ```ts
 * const loop: asyncio.AbstractEventLoop = fut.getLoop();
 * loop.callSoon(() => console.log("next turn"));
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: event-loop.ts merges EventLoop into it
export interface AbstractEventLoop {}
