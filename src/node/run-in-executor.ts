/**
 * `loop.runInExecutor`, `loop.setDefaultExecutor`,
 * `loop.shutdownDefaultExecutor` and `toThread`: work on worker threads,
 * awaited from the loop. Added to EventLoop by the Node layer.
 *
 * The Future returned follows the job: its result or error comes back to the
 * awaiting Task; cancelling it cancels the job if it is still queued (a
 * running one finishes and is ignored, as in Python). While the job is out,
 * the loop counts it as a host operation, so a virtual clock waits for it.
 */
import {
  CancelledError,
  type Coroutine,
  EventLoop,
  type Future,
  getRunningLoop,
  nameCoroutines,
  PromiseFuture,
  RuntimeError,
  reprValue,
  TimeoutError,
} from "../core/kernel/index.js";
import { waitFor } from "../core/wait-for.js";
import { QueueExecutor } from "./distributed/queue-executor.js";
import type { RemoteFunction } from "./distributed/remote-function.js";
import { type WorkerFunction, WorkerPoolExecutor } from "./executor.js";

declare module "../core/kernel/event-loop.js" {
  interface EventLoop {
    /** @internal */ _defaultExecutor?: WorkerPoolExecutor;
    /**
     * Runs `fn(...args)` on `executor` (the default WorkerPoolExecutor when `undefined` or `null`, Python's `None`) and
     * returns a Future of its result; cancelling the Future drops the job if it has not started.
     * `fn` runs on a worker thread, so it must be self-contained (or named by module). Node only.
     *
     * @python `asyncio.loop.run_in_executor` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_in_executor
     * @example
     * ```ts
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const n = yield* loop.runInExecutor(undefined, (a: number, b: number) => a * b, 6, 7);
     *   console.log(n); // 42
     * }
     * ```
     */
    runInExecutor<A extends unknown[], R>(
      executor: WorkerPoolExecutor | null | undefined,
      fn: WorkerFunction<A, R>,
      ...args: A
    ): Future<R>;
    /**
     * Runs `fn(...args)` on a worker process of a distributed executor (an
     * export of a module the workers serve) and returns a Future of its result.
     * Node only; BullMQ and ioredis are loaded on first use.
     *
     * @python `asyncio.loop.run_in_executor` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_in_executor
     * @example
     * ```ts
     * const n = yield* loop.runInExecutor(executor, { module: "./jobs.js", exportName: "count" }, "text");
     * ```
     */
    runInExecutor<A extends unknown[], R>(
      executor: QueueExecutor,
      fn: RemoteFunction<A, R>,
      ...args: A
    ): Future<R>;
    /**
     * Sets the executor that `runInExecutor(undefined, …)` and `toThread` use. Node only.
     *
     * @python `asyncio.loop.set_default_executor` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_default_executor
     * @example
     * ```ts
     * asyncio.getRunningLoop().setDefaultExecutor(new asyncio.WorkerPoolExecutor({ maxWorkers: 4 }));
     * ```
     */
    setDefaultExecutor(executor: WorkerPoolExecutor): void;
  }
}

EventLoop.prototype.runInExecutor = function runInExecutor<A extends unknown[], R>(
  this: EventLoop,
  executor: WorkerPoolExecutor | QueueExecutor | null | undefined,
  fn: WorkerFunction<A, R> | RemoteFunction<A, R>,
  ...args: A
): Future<R> {
  this._checkClosed();
  // The distributed executor makes the Future itself: its cancel() reaches
  // a running job (distributed/job-future.ts).
  if (executor instanceof QueueExecutor) {
    return executor._submitOn(this, fn as RemoteFunction<A, R>, args);
  }
  if (executor != null && !(executor instanceof WorkerPoolExecutor)) {
    // CPython fails on `executor.submit`; a port that passes something else
    // (a pool of another library, the function itself) learns what is taken.
    throw new TypeError(
      `executor must be a WorkerPoolExecutor, a QueueExecutor or undefined, got ${reprValue(executor)}`,
    );
  }
  let pool = executor;
  // null is Python's None as a port spells it; undefined is this package's.
  if (pool == null) {
    if (this._executorShutdownCalled) throw new RuntimeError("Executor shutdown has been called");
    pool = this._defaultExecutor ??= new WorkerPoolExecutor();
  }
  const job = pool.submit(fn as WorkerFunction<A, R>, args);
  const controller = new AbortController();
  controller.signal.addEventListener("abort", () => job.cancel(), { once: true });
  const future = new PromiseFuture<R>(this, controller);
  // A job the pool dropped at its shutdown (cancelFutures) cancels the Future,
  // as CPython's wrap_future copies a cancelled concurrent Future's state.
  job.promise.catch((e: unknown) => {
    if (e instanceof CancelledError) future.cancel();
  });
  future._follow(job.promise);
  return future;
};

EventLoop.prototype.setDefaultExecutor = function setDefaultExecutor(
  this: EventLoop,
  executor: WorkerPoolExecutor,
): void {
  if (!(executor instanceof WorkerPoolExecutor)) {
    throw new TypeError("executor must be WorkerPoolExecutor");
  }
  this._defaultExecutor = executor;
};

EventLoop.prototype.shutdownDefaultExecutor = function* shutdownDefaultExecutor(
  this: EventLoop,
  timeout?: number,
): Coroutine<void> {
  this._executorShutdownCalled = true;
  const executor = this._defaultExecutor;
  if (executor === undefined) return;
  const done = new PromiseFuture<void>(this, undefined);
  done._follow(executor.shutdown(true));
  try {
    yield* waitFor(done, timeout);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    console.warn(`The executor did not finishing joining its threads within ${timeout} seconds.`);
    void executor.shutdown(false);
  }
};

/**
 * Runs `fn(...args)` on the loop's default worker pool and returns its result. Python runs
 * `fn` on a thread sharing the interpreter; here it is a worker thread, so `fn` must be
 * self-contained or named by module and export, and its arguments are structured-cloned.
 *
 * @python `asyncio.to_thread` — https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const length = yield* asyncio.toThread((s: string) => s.length, "abc");
 *   console.log(length); // 3
 * }
 * ```
 */
export function toThread<A extends unknown[], R>(
  fn: WorkerFunction<A, R>,
  ...args: A
): Coroutine<R> {
  return toThreadCoroutine(fn, ...args);
}

// A method named as the function: reprs, traces and `asyncio-ts ps` name a
// Task made on it `toThread()` (CPython: `to_thread()`) from the name
// nameCoroutines gives, which no minifier renames (see sleep.ts).
const toThreadCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *toThread<A extends unknown[], R>(fn: WorkerFunction<A, R>, ...args: A): Coroutine<R> {
      return yield* getRunningLoop().runInExecutor(undefined, fn, ...args);
    },
  }.toThread,
  "toThread",
);
