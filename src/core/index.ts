/**
 * The core of asyncio-ts: the event loop, Futures, Tasks, structured
 * concurrency and context variables. No host-specific imports: this runs in
 * browsers and any JavaScript runtime.
 */
export { aclosing } from "./aclosing.js";
export {
  AsCompleted,
  type AsCompletedFuture,
  type AsCompletedOptions,
  asCompleted,
} from "./as-completed.js";
export {
  AsyncGenerator,
  asyncGenerator,
  type Emit,
  type Emitted,
  type EmittedBy,
  type InferringEmit,
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
export { asynccontextmanager } from "./asynccontextmanager.js";
export { futureAddToAwaitedBy, futureDiscardFromAwaitedBy } from "./awaited-by.js";
export { createEagerTaskFactory, eagerTaskFactory, type TaskConstructor } from "./eager.js";
export {
  type ExceptStarClause,
  type ExceptStarCoroutineClause,
  type ExceptStarGroup,
  exceptStar,
  exceptStarAsync,
} from "./except-star.js";
export {
  BaseExceptionGroup,
  ExceptionGroup,
  type ExceptionMatcher,
} from "./exception-group.js";
export { type GatherOptions, gather } from "./gather.js";
export type { ContextOption, CreateTaskOptions, FrameInfo } from "./kernel/index.js";
export {
  type AbstractEventLoop,
  AttributeError,
  type Awaitable,
  type AwaitedOf,
  abortSignal,
  allTasks,
  BaseException,
  CancelledError,
  type Clock,
  CollectedFuture,
  Context,
  ContextVar,
  type Coroutine,
  type CoroutineCall,
  type CoroutineFunction,
  copyContext,
  coroutine,
  createTask,
  currentTask,
  type DoneCallback,
  EventLoop,
  type EventLoopOptions,
  type ExceptionContext,
  type ExceptionHandler,
  ensureFuture,
  Future,
  type FutureLike,
  fromPromise,
  GeneratorExit,
  getEventLoop,
  getRunningLoop,
  Handle,
  IndexError,
  InvalidStateError,
  isCoroutine,
  isCoroutineFunction,
  isFuture,
  KeyboardInterrupt,
  KeyError,
  LookupError,
  NotImplementedError,
  OSError,
  PythonError,
  RecursionError,
  RuntimeError,
  SendfileNotAvailableError,
  StopAsyncIteration,
  SystemClock,
  SystemExit,
  setEventLoop,
  Task,
  type TaskFactory,
  type TaskOptions,
  TimeoutError,
  TimerHandle,
  Token,
  ValueError,
  VirtualClock,
  wrapFuture,
  type Yielded,
} from "./kernel/index.js";
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

import { EventLoop } from "./kernel/index.js";

/**
 * A new event loop, not running and not set as current (`new EventLoop(options)`).
 *
 * @python `asyncio.new_event_loop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.new_event_loop
 * @example
 * ```ts
 * const loop = asyncio.newEventLoop({ virtualTime: true });
 * try {
 *   await loop.runUntilComplete(main());
 * } finally {
 *   loop.close();
 * }
 * ```
 */
export function newEventLoop(options?: import("./kernel/index.js").EventLoopOptions): EventLoop {
  return new EventLoop(options);
}
