/**
 * The kernel: the runtime's machine (the loop, handles, Futures, Tasks,
 * contexts, the ring, the timer heap, the task list, the host and the clock)
 * and the leaf utilities it needs. It imports nothing outside this folder,
 * and nothing outside it imports a kernel file but this one
 * (test/layers.test.ts checks both).
 */
export { checkNumber, checkOptions } from "./arg-check.js";
export type { ContextOption } from "./callback-context.js";
export { className, named } from "./class-name.js";
export { type Clock, SystemClock, VirtualClock } from "./clock.js";
export { ContextVar, Token } from "./context-var.js";
export { Context, copyContext, currentContext } from "./contextvars.js";
export {
  type Awaitable,
  type AwaitedOf,
  type Coroutine,
  type CoroutineFunction,
  isCoroutine,
  isCoroutineFunction,
  isCoroutineOrFunction,
  type Yielded,
} from "./coroutine.js";
export { type CoroutineCall, type CoroutineEnd, callOf, coroutine } from "./coroutine-function.js";
export { coroutineName } from "./coroutine-name.js";
export { nameCoroutines, QUALNAME } from "./coroutine-qualname.js";
export { deliveredCancelledError } from "./delivered-cancelled-error.js";
export { DoneQueue } from "./done-queue.js";
export {
  awaitableRequired,
  ensureFuture,
  type FutureLike,
  fromPromise,
  isAwaitableObject,
  isThenable,
  wrapFuture,
} from "./ensure-future.js";
export { EventLoop, type EventLoopOptions } from "./event-loop.js";
export type { AbstractEventLoop, ExceptionContext, Runnable } from "./events.js";
export {
  AttributeError,
  BaseException,
  CancelledError,
  errorClassName,
  GeneratorExit,
  IndexError,
  InvalidStateError,
  isExitException,
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
  SystemExit,
  TimeoutError,
  ValueError,
} from "./exceptions.js";
export {
  CANCELLED,
  CANCELS_MAX,
  CANCELS_SHIFT,
  FINISHED,
  FUTURE_BITS,
  GATHER_MARK,
  NO_LOG_DESTROY,
  PENDING,
  TASK_BITS,
} from "./flags.js";
export { FutureList } from "./future-list.js";
export { type DoneCallback, Future, isFuture, recordSuspension } from "./futures.js";
export { checkResumed, HandCoroutine, resumedByHand, YieldOnce } from "./hand-coroutine.js";
export { Handle, TimerHandle } from "./handles.js";
export { clearHostTimer, setHostTimer } from "./host.js";
export { wakeForInput } from "./input-wake.js";
export { inspectCustom } from "./inspect.js";
export type { ExceptionHandler } from "./loop-exception-handler.js";
export type { TaskFactory } from "./loop-task-factory.js";
export type { LoopTracer } from "./loop-tracer.js";
export { CollectedFuture } from "./loss-report.js";
export { objectArray } from "./object-array.js";
export { reprFloat, reprValue } from "./repr.js";
export { Ring, unrolledDoubled } from "./ring.js";
export {
  _getRunningLoop,
  getEventLoop,
  getRunningLoop,
  setEventLoop,
} from "./running-loop.js";
export { SharedWait } from "./shared-wait.js";
export { SkippedCallbacks } from "./skipped-callbacks.js";
export { captureStack, type FrameInfo, parseStack } from "./stack.js";
export { isSpreadOverflow, SPREAD_OVERFLOW_HINT } from "./stack-overflow.js";
export type { CreateTaskOptions } from "./task-signal.js";
export { abortSignal, allTasks, createTask, currentTask, Task, type TaskOptions } from "./tasks.js";
export { unboundMethodError } from "./unbound-method.js";

// The shipped declarations leave these out (`stripInternal`): each needs a
// statement of its own, kept apart from the sorted exports above by this
// detached comment (organizing the imports would merge them away).

/** @internal */
export { PromiseFuture } from "./ensure-future.js";
/** @internal */
export { _loopsInRun } from "./running-loop.js";
