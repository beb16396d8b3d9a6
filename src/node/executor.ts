/**
 * The worker pool behind `loop.runInExecutor` and `toThread`: Python's
 * ThreadPoolExecutor, on Node's worker threads through Piscina.
 *
 * Why Piscina: of the three established pools (Piscina, Tinypool, workerpool)
 * it is the most used and maintained, runs ESM workers and is typed;
 * Tinypool is a lighter fork of it, workerpool an older API. Its own queue
 * is not used: this executor keeps the queue, so a job can be cancelled
 * exactly while it waits (Python's `Future.cancel()` on a pending work item),
 * and a running job is never killed — it finishes and its result is dropped.
 *
 * A function crosses to a worker either as its source text (it must be
 * self-contained: no closure over outer variables) or named by module and
 * export (`{ module: import.meta.resolve("./work.js"), exportName: "hash" }`).
 * Arguments and results are structured-cloned.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { RuntimeError } from "../core/exceptions.js";

/** A function run in a worker: self-contained, or named by module and export. */
export type WorkerFunction<A extends unknown[], R> =
  | ((...args: A) => R | PromiseLike<R>)
  | { module: string | URL; exportName?: string };

/** What a worker receives. */
export type WorkerJob =
  | { kind: "source"; source: string; args: unknown[] }
  | { kind: "module"; module: string; exportName: string; args: unknown[] };

interface PendingJob {
  job: WorkerJob;
  state: "pending" | "running" | "done" | "cancelled";
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Pool {
  run(task: WorkerJob): Promise<unknown>;
  destroy(): Promise<void>;
}

/** A submitted job: its outcome, and `cancel()` that succeeds only while it waits. */
export interface ExecutorJob<R> {
  readonly promise: Promise<R>;
  cancel(): boolean;
}

/**
 * Runs functions on a pool of worker threads (Python's `ThreadPoolExecutor`).
 * @example const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 2 });
 */
export class WorkerPoolExecutor {
  readonly maxWorkers: number;
  private readonly queue: PendingJob[] = [];
  private running = 0;
  private isShutdown = false;
  private pool: Promise<Pool> | null = null;
  private readonly idle: (() => void)[] = [];

  constructor(options?: { maxWorkers?: number }) {
    const max = options?.maxWorkers ?? Math.min(32, availableParallelism() + 4);
    if (!Number.isInteger(max) || max <= 0) {
      throw new RangeError("max_workers must be greater than 0");
    }
    this.maxWorkers = max;
  }

  /** Queues `fn(...args)`; Python's `submit`. */
  submit<A extends unknown[], R>(fn: WorkerFunction<A, R>, args: A): ExecutorJob<R> {
    if (this.isShutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    const job = toJob(fn as WorkerFunction<never[], unknown>, args);
    let pending!: PendingJob;
    const promise = new Promise<R>((resolve, reject) => {
      pending = { job, state: "pending", resolve: resolve as (v: unknown) => void, reject };
    });
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
   * Stops taking jobs; with `wait`, resolves once every queued and running
   * job is done and the workers are gone. `cancelFutures` drops queued jobs.
   */
  async shutdown(wait = true, options?: { cancelFutures?: boolean }): Promise<void> {
    this.isShutdown = true;
    if (options?.cancelFutures === true) {
      for (const p of this.queue.splice(0)) {
        p.state = "cancelled";
        p.reject(new RuntimeError("cancelled by executor shutdown"));
      }
    }
    const stop = async (): Promise<void> => {
      while (this.running > 0 || this.queue.length > 0) {
        await new Promise<void>((resolve) => this.idle.push(resolve));
      }
      const pool = this.pool;
      this.pool = null;
      if (pool !== null) await (await pool).destroy();
    };
    if (wait) await stop();
    else void stop();
  }

  private pump(): void {
    while (this.running < this.maxWorkers && this.queue.length > 0) {
      const p = this.queue.shift()!;
      p.state = "running";
      this.running++;
      this.getPool()
        .then((pool) => pool.run(p.job))
        .then(p.resolve, p.reject)
        .finally(() => {
          p.state = "done";
          this.running--;
          this.settled();
          this.pump();
        });
    }
  }

  private settled(): void {
    if (this.running === 0 && this.queue.length === 0) {
      for (const wake of this.idle.splice(0)) wake();
    }
  }

  private getPool(): Promise<Pool> {
    // Loaded on first use: a program that never uses an executor never loads the pool.
    this.pool ??= import("piscina").then(
      ({ Piscina }) =>
        new Piscina({
          filename: workerScript(),
          maxThreads: this.maxWorkers,
          minThreads: 0,
          idleTimeout: 1000,
        }) as unknown as Pool,
    );
    return this.pool;
  }
}

/**
 * The compiled worker script beside this module; when this module runs from
 * its TypeScript source (under a test runner), the build's copy.
 */
function workerScript(): string {
  const beside = new URL("./executor-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  return new URL("../../dist/src/node/executor-worker.js", import.meta.url).href;
}

function toJob(fn: WorkerFunction<never[], unknown>, args: unknown[]): WorkerJob {
  if (typeof fn === "function") return { kind: "source", source: fn.toString(), args };
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
