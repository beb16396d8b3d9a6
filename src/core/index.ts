/**
 * The core of asyncio-ts: the event loop, Futures, Tasks, structured
 * concurrency and context variables. No host-specific imports: this runs in
 * browsers and any JavaScript runtime.
 */
export { aclosing } from "./aclosing.js";
export { AsCompleted, type AsCompletedOptions, asCompleted } from "./as-completed.js";
export {
  AsyncGenerator,
  asyncGenerator,
  type Emit,
  type Emitted,
  type EmittedBy,
} from "./async-generator.js";
export {
  type AsyncIterableLike,
  type AsyncIteratorLike,
  anext,
  asyncFor,
} from "./async-iteration.js";
export {
  type AsyncContextManager,
  type AsyncWithResult,
  asyncWith,
  type EnteredValue,
} from "./async-with.js";
export { futureAddToAwaitedBy, futureDiscardFromAwaitedBy } from "./awaited-by.js";
export type { ContextOption } from "./callback-context.js";
export { type Clock, SystemClock, VirtualClock } from "./clock.js";
export { Context, ContextVar, copyContext, Token } from "./contextvars.js";
export {
  type Awaitable,
  type AwaitedOf,
  type Coroutine,
  type CoroutineFunction,
  isCoroutine,
  isCoroutineFunction,
  type Yielded,
} from "./coroutine.js";
export { type CoroutineCall, coroutine } from "./coroutine-function.js";
export { createEagerTaskFactory, eagerTaskFactory, type TaskConstructor } from "./eager.js";
export { ensureFuture, type FutureLike, fromPromise, wrapFuture } from "./ensure-future.js";
export {
  EventLoop,
  type EventLoopOptions,
  type ExceptionContext,
  type ExceptionHandler,
  type TaskFactory,
} from "./event-loop.js";
export {
  type ExceptStarClause,
  type ExceptStarCoroutineClause,
  exceptStar,
  exceptStarAsync,
} from "./except-star.js";
export {
  BaseExceptionGroup,
  ExceptionGroup,
  type ExceptionMatcher,
} from "./exception-group.js";
export {
  AttributeError,
  BaseException,
  CancelledError,
  GeneratorExit,
  IndexError,
  InvalidStateError,
  KeyboardInterrupt,
  KeyError,
  LookupError,
  NotImplementedError,
  OSError,
  PythonError,
  RuntimeError,
  SendfileNotAvailableError,
  StopAsyncIteration,
  SystemExit,
  TimeoutError,
  ValueError,
} from "./exceptions.js";
export { type DoneCallback, Future, isFuture } from "./futures.js";
export { type GatherOptions, gather } from "./gather.js";
export { Handle, TimerHandle } from "./handles.js";
export {
  Barrier,
  type BarrierState,
  type BarrierStatistics,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  type ConditionStatistics,
  Event,
  type EventStatistics,
  Lock,
  type LockStatistics,
  Semaphore,
  type SemaphoreStatistics,
} from "./locks/index.js";
export { CollectedFuture } from "./loss-report.js";
export {
  type Comparator,
  LifoQueue,
  PriorityQueue,
  type PriorityQueueOptions,
  pythonCompare,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  type QueueStatistics,
} from "./queues/index.js";
export { runCoroutineThreadsafe } from "./run-coroutine-threadsafe.js";
export {
  Runner,
  type RunnerOptions,
  type RunnerRunOptions,
  type RunOptions,
  run,
} from "./runners.js";
export { getEventLoop, getRunningLoop, setEventLoop } from "./running-loop.js";
export { shield } from "./shield.js";
export { sleep } from "./sleep.js";
export type { FrameInfo } from "./stack.js";
export { type StaggeredRaceResult, staggeredRace } from "./staggered.js";
export type { CreateTaskOptions } from "./task-signal.js";
export { TaskGroup } from "./taskgroups.js";
export {
  abortSignal,
  allTasks,
  createTask,
  currentTask,
  Task,
  type TaskOptions,
} from "./tasks.js";
export { Timeout, timeout, timeoutAt } from "./timeouts.js";
export {
  ALL_COMPLETED,
  type AsFuture,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type ReturnWhen,
  type WaitOptions,
  wait,
} from "./wait.js";
export { waitFor } from "./wait-for.js";

import { EventLoop } from "./event-loop.js";

/** A new event loop (Python's `asyncio.new_event_loop`). */
export function newEventLoop(options?: import("./event-loop.js").EventLoopOptions): EventLoop {
  return new EventLoop(options);
}
