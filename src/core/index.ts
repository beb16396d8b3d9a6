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
export { createEagerTaskFactory, eagerTaskFactory, type TaskConstructor } from "./eager.js";
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
export { type GatherOptions, gather } from "./gather.js";
export type { ContextOption } from "./kernel/callback-context.js";
export { type Clock, SystemClock, VirtualClock } from "./kernel/clock.js";
export { Context, ContextVar, copyContext, Token } from "./kernel/contextvars.js";
export {
  type Awaitable,
  type AwaitedOf,
  type Coroutine,
  type CoroutineFunction,
  isCoroutine,
  isCoroutineFunction,
  type Yielded,
} from "./kernel/coroutine.js";
export { type CoroutineCall, coroutine } from "./kernel/coroutine-function.js";
export { ensureFuture, type FutureLike, fromPromise, wrapFuture } from "./kernel/ensure-future.js";
export {
  EventLoop,
  type EventLoopOptions,
  type ExceptionContext,
  type ExceptionHandler,
  type TaskFactory,
} from "./kernel/event-loop.js";
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
} from "./kernel/exceptions.js";
export { type DoneCallback, Future, isFuture } from "./kernel/futures.js";
export { Handle, TimerHandle } from "./kernel/handles.js";
export { CollectedFuture } from "./kernel/loss-report.js";
export { getEventLoop, getRunningLoop, setEventLoop } from "./kernel/running-loop.js";
export type { FrameInfo } from "./kernel/stack.js";
export type { CreateTaskOptions } from "./kernel/task-signal.js";
export {
  abortSignal,
  allTasks,
  createTask,
  currentTask,
  Task,
  type TaskOptions,
} from "./kernel/tasks.js";
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
export { shield } from "./shield.js";
export { sleep } from "./sleep.js";
export { type StaggeredRaceResult, staggeredRace } from "./staggered.js";
export { TaskGroup } from "./taskgroups.js";
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

import { EventLoop } from "./kernel/event-loop.js";

/** A new event loop (Python's `asyncio.new_event_loop`). */
export function newEventLoop(
  options?: import("./kernel/event-loop.js").EventLoopOptions,
): EventLoop {
  return new EventLoop(options);
}
