/**
 * The worker pool behind `loop.runInExecutor` and `toThread`: Python's
 * ThreadPoolExecutor, on Node's worker threads.
 *
 * The pool is built in, on `node:worker_threads` (see pool-worker.ts), not
 * taken from a library: the package then has no runtime dependency at all,
 * so a browser install pulls nothing native (Piscina, used before, brought
 * @napi-rs/nice and its platform binary to every install). Threads start
 * lazily, up to `maxWorkers`, are reused, and end after `idleTimeout`
 * seconds idle. The queue is this executor's own, so a job can be cancelled
 * exactly while it waits (Python's `Future.cancel()` on a pending work item),
 * and a running job is never killed — it finishes and its result is dropped.
 *
 * A function crosses to a worker either as its source text (it must be
 * self-contained: no closure over outer variables) or named by module and
 * export (`{ module: import.meta.resolve("./work.js"), exportName: "hash" }`).
 * Arguments and results are structured-cloned; errors keep their class (for
 * the built-in ones), name, message, stack, cause and own properties.
 */
import {
  CancelledError,
  type Coroutine,
  fromPromise,
  named,
  RuntimeError,
} from "../core/kernel/index.js";
import { shield } from "../core/shield.js";
import { fs, os, url } from "./lazy-builtins.js";
import { PoolWorker, type WorkerJob, type WorkerOwner } from "./pool-worker.js";

/**
 * A function a worker thread runs: a self-contained function (sent as its source text, so it
 * must not close over outer variables), or a module URL and the name of its export.
 *
 * @python no counterpart: Python's executors take any callable, which JavaScript threads cannot share — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * const square: asyncio.WorkerFunction<[number], number> = (n) => n * n;
 * const hash: asyncio.WorkerFunction<[string], string> = {
 *   module: new URL("./hash.js", import.meta.url),
 *   exportName: "hash",
 * };
 * ```
 */
export type WorkerFunction<A extends unknown[], R> =
  | ((...args: A) => R | PromiseLike<R>)
  | {
      /** The module's URL, e.g. `new URL("./work.js", import.meta.url)`; the worker `import()`s it. */
      module: string | URL;
      /** The export to call; `default` when absent. */
      exportName?: string;
    };

interface PendingJob {
  job: WorkerJob;
  state: "pending" | "running" | "done" | "cancelled";
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function ignore(): void {}

/**
 * A job submitted to a WorkerPoolExecutor: a Promise of its outcome, and `cancel()`, which
 * succeeds only while the job still waits in the queue.
 *
 * @python `concurrent.futures.Future` — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * const pool = new asyncio.WorkerPoolExecutor();
 * const job = pool.submit((n: number) => n * 2, [21]);
 * console.log(await job.promise); // 42
 * ```
 */
export interface ExecutorJob<R> {
  /**
   * Settles with the function's result or rejects with its error (a CancelledError when
   * `shutdown(…, { cancelFutures: true })` dropped the job before it ran, as Python's
   * `result()` raises for a Future that shutdown cancelled).
   *
   * @python `concurrent.futures.Future.result` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const job = pool.submit((s: string) => s.toUpperCase(), ["abc"]);
   * const upper = await job.promise; // "ABC"
   * ```
   */
  readonly promise: Promise<R>;
  /**
   * Takes the job out of the queue if it has not started and returns true (true again if it
   * was already cancelled; its `promise` then never settles). A running or finished job is
   * not stopped: false.
   *
   * @python `concurrent.futures.Future.cancel` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const job = pool.submit((n: number) => n + 1, [1]);
   * if (job.cancel()) console.log("dropped before it ran");
   * ```
   */
  cancel(): boolean;
}

/**
 * Runs functions on a pool of Node worker threads, what `loop.runInExecutor` and `toThread` use:
 * Python's `ThreadPoolExecutor`. Threads start lazily up to `maxWorkers` (default
 * `min(32, cpus + 4)`, as Python's) and end after `idleTimeout` seconds idle (default 1).
 *
 * @python `concurrent.futures.ThreadPoolExecutor` — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 2, idleTimeout: 5 });
 *   const loop = asyncio.getRunningLoop();
 *   const n = yield* loop.runInExecutor(pool, (a: number, b: number) => a * b, 6, 7);
 *   console.log(n); // 42
 *   void pool.shutdown();
 * }
 * ```
 */
export class WorkerPoolExecutor {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "WorkerPoolExecutor");
  /**
   * The most worker threads the pool runs at once.
   *
   * @python `ThreadPoolExecutor`'s `max_workers` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const pool = new asyncio.WorkerPoolExecutor();
   * console.log(pool.maxWorkers); // e.g. 12 on 8 cores
   * ```
   */
  readonly maxWorkers: number;
  private readonly idleTimeout: number;
  private readonly queue: PendingJob[] = [];
  private running = 0;
  private isShutdown = false;
  private readonly workers = new Set<PoolWorker>();
  // Idle workers, the most recently used last: it is the one reused, so
  // surplus workers stay idle and time out.
  private readonly free: PoolWorker[] = [];
  private readonly idle: (() => void)[] = [];
  private readonly owner: WorkerOwner = {
    workerIdle: (worker) => {
      this.free.push(worker);
      this.pump();
    },
    workerGone: (worker) => {
      this.workers.delete(worker);
      const i = this.free.indexOf(worker);
      if (i >= 0) this.free.splice(i, 1);
      // A dead worker is replaced if jobs are waiting.
      this.pump();
    },
  };

  constructor(options?: { maxWorkers?: number; idleTimeout?: number }) {
    const max = options?.maxWorkers ?? Math.min(32, os().availableParallelism() + 4);
    if (!Number.isInteger(max) || max <= 0) {
      throw new RangeError("max_workers must be greater than 0");
    }
    const idleTimeout = options?.idleTimeout ?? 1;
    if (!(idleTimeout >= 0)) throw new RangeError("idleTimeout must be a number of seconds >= 0");
    this.maxWorkers = max;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Queues `fn(...args)` for a worker thread and returns the job (arguments and result are
   * structured-cloned; errors keep their class, message and stack). RuntimeError after `shutdown()`.
   *
   * @python `concurrent.futures.Executor.submit` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const job = pool.submit((a: number, b: number) => a + b, [1, 2]);
   * console.log(await job.promise); // 3
   * ```
   */
  submit<A extends unknown[], R>(fn: WorkerFunction<A, R>, args: A): ExecutorJob<R> {
    if (this.isShutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    const job = toJob(fn as WorkerFunction<never[], unknown>, args);
    let settle!: Pick<PendingJob, "resolve" | "reject">;
    const promise = new Promise<R>((resolve, reject) => {
      settle = { resolve: resolve as (v: unknown) => void, reject };
    });
    const pending: PendingJob = { job, state: "pending", promise, ...settle };
    this.queue.push(pending);
    this.pump();
    return {
      promise,
      cancel: () => {
        if (pending.state !== "pending") return pending.state === "cancelled";
        pending.state = "cancelled";
        this.queue.splice(this.queue.indexOf(pending), 1);
        this.settled();
        return true;
      },
    };
  }

  /**
   * Stops taking jobs; with `wait` (the default), resolves once every queued and running
   * job is done and the worker threads are gone. `cancelFutures` drops the queued jobs
   * (their promises reject with CancelledError; a `runInExecutor` Future of one is cancelled).
   *
   * @python `concurrent.futures.Executor.shutdown` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * await pool.shutdown(true, { cancelFutures: true });
   * ```
   */
  async shutdown(wait = true, options?: { cancelFutures?: boolean }): Promise<void> {
    this.isShutdown = true;
    if (options?.cancelFutures === true) {
      for (const p of this.queue.splice(0)) {
        p.state = "cancelled";
        // Nobody need look at a job shutdown dropped (Python's cancelled Future is
        // silent): without a handler, Node would end the process for its rejection.
        p.promise.catch(ignore);
        p.reject(new CancelledError());
      }
    }
    const stop = async (): Promise<void> => {
      while (this.running > 0 || this.queue.length > 0) {
        await new Promise<void>((resolve) => this.idle.push(resolve));
      }
      await Promise.all([...this.workers].map((worker) => worker.terminate()));
    };
    if (wait) await stop();
    else void stop();
  }

  /**
   * Enters `asyncWith(pool, …)`: gives the pool itself.
   *
   * @python `concurrent.futures.Executor` (`with ThreadPoolExecutor() as pool:`) — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * yield* asyncio.asyncWith(new asyncio.WorkerPoolExecutor(), function* (pool) {
   *   console.log(yield* asyncio.getRunningLoop().runInExecutor(pool, (n: number) => n * n, 7)); // 49
   * });
   * ```
   */
  *aenter(): Coroutine<this> {
    return this;
  }

  /**
   * Leaves `asyncWith(pool, …)`: `shutdown()`, waiting for the jobs and the threads' end, shielded
   * as Python's `with` block waits there with nothing to cut it short (a cancellation that
   * arrives meanwhile is raised at once; the shutdown goes on).
   *
   * @python `concurrent.futures.Executor.shutdown` (what leaving `with ThreadPoolExecutor() as pool:` calls) — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * yield* asyncio.asyncWith(new asyncio.WorkerPoolExecutor({ maxWorkers: 2 }), function* (pool) {
   *   const loop = asyncio.getRunningLoop();
   *   yield* asyncio.gather(loop.runInExecutor(pool, () => 1), loop.runInExecutor(pool, () => 2));
   * }); // the pool's threads have ended here
   * ```
   */
  *aexit(_exc?: unknown): Coroutine<void> {
    yield* shield(fromPromise(this.shutdown()));
  }

  /** Hands queued jobs to idle workers, starting workers up to `maxWorkers`. */
  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.free.pop();
      if (worker === undefined) {
        if (this.workers.size >= this.maxWorkers) return;
        worker = new PoolWorker(workerScript(), this.owner, this.idleTimeout);
        this.workers.add(worker);
      }
      const p = this.queue.shift()!;
      p.state = "running";
      this.running++;
      worker
        .run(p.job)
        .then(p.resolve, p.reject)
        .finally(() => {
          p.state = "done";
          this.running--;
          this.settled();
        });
    }
  }

  private settled(): void {
    if (this.running === 0 && this.queue.length === 0) {
      for (const wake of this.idle.splice(0)) wake();
    }
  }
}

/**
 * The compiled worker script beside this module; when this module runs from
 * its TypeScript source (under a test runner) or from the package's Node
 * bundles (dist/bundle/, the same depth below the package as src/node/), the
 * build's copy, which the bundles leave unbundled.
 */
function workerScript(): URL {
  const beside = new URL("./executor-worker.js", import.meta.url);
  if (fs().existsSync(url().fileURLToPath(beside))) return beside;
  return new URL("../../dist/src/node/executor-worker.js", import.meta.url);
}

function toJob(fn: WorkerFunction<never[], unknown>, args: unknown[]): WorkerJob {
  if (typeof fn === "function") {
    const source = fn.toString();
    // What a built-in or a bound function's toString() gives: no source to send.
    if (/\{\s*\[native code\]\s*\}$/.test(source)) {
      throw new TypeError(
        `${fn.name || "this function"}() cannot run in a worker thread: a built-in or bound function has no source text to send; pass a function that calls it, such as (...args) => Math.max(...args), or name a module's export with { module, exportName }`,
      );
    }
    return { kind: "source", source, args };
  }
  if (typeof fn === "object" && fn !== null && "module" in fn) {
    return {
      kind: "module",
      module: String(fn.module),
      exportName: fn.exportName ?? "default",
      args,
    };
  }
  throw new TypeError("a function or { module, exportName } is required");
}
