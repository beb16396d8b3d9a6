/**
 * The distributed executor: `loop.runInExecutor` on worker processes anywhere,
 * through a BullMQ queue on Redis (Python users' Dask/Ray/arq move, on the
 * established Node job engine).
 *
 * BullMQ does the queueing, retries and stalled-job recovery; this class
 * makes a job an asyncio Future. Each job gets an id chosen here (a UUID),
 * so its Future is registered before the job exists, and names this
 * executor's reply list, where workers push its outcome (reply.ts; the
 * executor reads it in reply-reader.ts). A job finishes at most once in
 * BullMQ (its lock decides which attempt may), a job run twice may reply
 * twice, and its Future takes the first outcome only: a result reaches the
 * awaiting Task exactly once.
 *
 * Cancelling the Future (see job-future.ts) removes the job if it is not
 * running; a running job is locked by its worker and cannot be removed, so
 * the request goes to the workers (a marker key, then a message on the
 * cancel channel) and the worker cancels the job's Task.
 */
import type { ConnectionOptions as BullMQConnection, Queue } from "bullmq";
import type { Redis as IORedis } from "ioredis";
import {
  type AsyncContextManager,
  type Coroutine,
  type EventLoop,
  type Future,
  fromPromise,
  getRunningLoop,
  RuntimeError,
} from "../../core/index.js";
import { named } from "../../core/kernel/index.js";
import { JobFuture, type JobOutcome } from "./job-future.js";
import { loadEngine, type RedisConnection } from "./load-engine.js";
import type { RemoteFunction } from "./remote-function.js";
import { inHandList, replyList, wakeReader } from "./reply.js";
import { type ReplyReceiver, readReplies, recoverOutcomes } from "./reply-reader.js";
import {
  CANCEL_MARKER_SECONDS,
  cancelChannel,
  cancelMarker,
  encode,
  type JobData,
  type JobResult,
} from "./wire.js";

/**
 * Where a QueueExecutor sends its jobs (the Redis server and the queue the
 * workers serve) and how BullMQ treats them: attempts, backoff, how long
 * finished jobs stay in Redis.
 *
 * @python no counterpart: Python's executors run in the calling process and need no server or queue — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * const options: asyncio.QueueExecutorOptions = {
 *   connection: "redis://10.0.0.5:6379",
 *   queue: "jobs",
 *   attempts: 3,
 *   backoff: 2,
 * };
 * const executor = new asyncio.QueueExecutor(options);
 * ```
 */
export interface QueueExecutorOptions {
  /** The Redis server: a `redis://host:port` URL or ioredis options. */
  readonly connection: RedisConnection;
  /** The queue's name; the workers serve the same name. */
  readonly queue: string;
  /** BullMQ's key prefix (default `"bull"`). */
  readonly prefix?: string;
  /**
   * How many times a job is tried when it throws (default 1: its error is
   * final, as a local call's is). A job whose worker died is retried by the
   * workers' stalled-job recovery, whatever this says.
   */
  readonly attempts?: number;
  /** Seconds between two attempts of a job that threw (default 0). */
  readonly backoff?: number;
  /** Seconds a finished job stays in Redis, for inspection (default 3600). */
  readonly keepFinished?: number;
}

interface Connected {
  readonly queue: Queue<JobData, JobResult>;
  /** The queue's connection, ours (BullMQ shares a client it is given). */
  readonly queueRedis: IORedis;
  /** For cancel requests. */
  readonly redis: IORedis;
  /** Blocked reading replies. */
  readonly replies: IORedis;
}

interface Pending {
  readonly future: JobFuture<unknown>;
  /** Settles once the job is in Redis. */
  readonly added: Promise<unknown>;
}

/**
 * Runs jobs on `asyncio-ts worker` processes, on any machine that reaches the
 * Redis server, through a BullMQ queue: the executor of
 * `loop.runInExecutor(executor, fn, ...args)` when the work outgrows one
 * process. A job is an export of a module the workers serve (a RemoteFunction),
 * and its Future belongs to the calling loop; cancelling it cancels the job,
 * even while a worker runs it. BullMQ and ioredis (optional peer dependencies)
 * are loaded on first use.
 *
 * @python `concurrent.futures.Executor` (its jobs on worker processes through a queue, as Dask's or arq's) — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const executor = new asyncio.QueueExecutor({ connection: "redis://127.0.0.1:6379", queue: "jobs" });
 *   yield* asyncio.asyncWith(executor, function* (ex) {
 *     const n = yield* ex.submit({ module: "./jobs.js", exportName: "count" }, "text");
 *     console.log(n);
 *   });
 * }
 * ```
 */
export class QueueExecutor implements AsyncContextManager<QueueExecutor> {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "QueueExecutor");
  /**
   * The name of the BullMQ queue the jobs go to (`options.queue`); the
   * workers serve the same name.
   *
   * @python no counterpart: Python's executors have no queue to name — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const executor = new asyncio.QueueExecutor({ connection: "redis://127.0.0.1:6379", queue: "jobs" });
   * console.log(executor.queueName); // "jobs"
   * ```
   */
  readonly queueName: string;
  /**
   * BullMQ's key prefix in Redis (`options.prefix`, default `"bull"`); the
   * workers must use the same one.
   *
   * @python no counterpart: Python's executors keep nothing in Redis — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const executor = new asyncio.QueueExecutor({ connection: "redis://127.0.0.1:6379", queue: "jobs" });
   * console.log(executor.prefix); // "bull"
   * ```
   */
  readonly prefix: string;
  private readonly connection: RedisConnection;
  private readonly attempts: number;
  private readonly backoff: number;
  private readonly keepFinished: number;
  private connecting: Promise<Connected> | undefined;
  /** The connections, as soon as they exist (connected or not). */
  private clients: Connected | undefined;
  private closing = false;
  /** This executor's list of replies. */
  private readonly replyTo: string;
  private readonly pending = new Map<string, Pending>();
  private isShutdown = false;
  private readonly idle: (() => void)[] = [];
  /**
   * Whether Redis is reachable, as far as the command connection knows:
   * false from its first failed or lost connection until it is ready again.
   */
  private online = true;
  /** Cancel requests on their way (shutdown lets them arrive). */
  private readonly requests = new Set<Promise<void>>();
  /** Called when the command connection goes down (cancel requests in flight). */
  private readonly offline = new Set<() => void>();
  /** What reply-reader.ts reads and settles for this executor. */
  private readonly receiver: ReplyReceiver = {
    closing: () => this.closing,
    waits: (jobId) => this.pending.has(jobId),
    finish: (jobId, outcome) => this.finish(jobId, outcome),
  };

  constructor(options: QueueExecutorOptions) {
    if (typeof options?.queue !== "string" || options.queue === "") {
      throw new TypeError("queue must be a non-empty string");
    }
    const attempts = options.attempts ?? 1;
    if (!Number.isInteger(attempts) || attempts < 1) {
      throw new RangeError("attempts must be an integer >= 1");
    }
    const backoff = options.backoff ?? 0;
    if (!(backoff >= 0)) throw new RangeError("backoff must be a number of seconds >= 0");
    const keepFinished = options.keepFinished ?? 3600;
    if (!(keepFinished >= 0)) throw new RangeError("keepFinished must be a number of seconds >= 0");
    this.queueName = options.queue;
    this.prefix = options.prefix ?? "bull";
    this.connection = options.connection;
    this.attempts = attempts;
    this.backoff = backoff;
    this.keepFinished = keepFinished;
    this.replyTo = replyList(this.prefix, this.queueName, crypto.randomUUID());
  }

  /**
   * Queues `fn(...args)` and returns the Future of its result, on the running
   * loop (the shortcut for `loop.runInExecutor(executor, fn, ...args)`). The
   * arguments are encoded at once, so one that cannot cross to a worker
   * throws here; RuntimeError after `shutdown()`. Cancelling the Future
   * removes the job if it waits, or has its worker cancel the job's Task.
   *
   * @python `concurrent.futures.Executor.submit` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * const add: asyncio.RemoteFunction<[number, number], number> = { module: "./jobs.js", exportName: "add" };
   * const sum = yield* executor.submit(add, 2, 3); // 5
   * ```
   */
  submit<A extends unknown[], R>(fn: RemoteFunction<A, R>, ...args: A): Future<R> {
    return this._submitOn(getRunningLoop(), fn, args);
  }

  /** @internal The Future of `fn(...args)` on `loop`. */
  _submitOn<A extends unknown[], R>(loop: EventLoop, fn: RemoteFunction<A, R>, args: A): Future<R> {
    if (this.isShutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    if (typeof fn !== "object" || fn === null || typeof fn.module !== "string") {
      throw new TypeError("a { module, exportName } the workers serve is required");
    }
    const exportName = fn.exportName ?? "default";
    // Encoded now, so an argument that cannot cross throws here, at the call.
    const data: JobData = {
      module: fn.module,
      exportName,
      args: encode(args),
      replyTo: this.replyTo,
      keep: this.keepFinished,
    };
    const jobId = crypto.randomUUID();
    const future = new JobFuture<R>(loop, jobId, () => this.cancelJob(jobId));
    const added = this.connect().then(({ queue }) =>
      queue.add(exportName, data, {
        jobId,
        attempts: this.attempts,
        backoff: this.backoff > 0 ? { type: "fixed", delay: this.backoff * 1000 } : undefined,
        removeOnComplete: { age: this.keepFinished },
        removeOnFail: { age: this.keepFinished },
      }),
    );
    this.pending.set(jobId, { future: future as JobFuture<unknown>, added });
    if (this.pending.size === 1) this.holdOpen(true);
    added.catch((error: unknown) => this.finish(jobId, { kind: "error", error }));
    return future;
  }

  /**
   * Stops taking jobs; with `wait` (the default), resolves once every
   * submitted job has ended and the connections are closed (without, the
   * same happens in the background). `cancelFutures` first removes the jobs
   * no worker has started, and cancels their Futures. An executor never shut
   * down keeps Node running only while jobs are out (or ioredis reconnects):
   * its connections stay open until the process ends, which is what
   * shutting down tidies (this executor's reply lists, BullMQ's queue).
   *
   * @python `concurrent.futures.Executor.shutdown` — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * yield* asyncio.fromPromise(executor.shutdown(true, { cancelFutures: true }));
   * ```
   */
  async shutdown(wait = true, options?: { cancelFutures?: boolean }): Promise<void> {
    this.isShutdown = true;
    // Node waits for the shutdown, whether awaited or not (Python's
    // interpreter joins an executor shut down without waiting, at exit).
    this.holdOpen(true);
    if (options?.cancelFutures === true) {
      await Promise.all([...this.pending.keys()].map((id) => this.removeWaiting(id)));
    }
    const stop = async (): Promise<void> => {
      while (this.pending.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
      if (this.online) await Promise.all(this.requests);
      const connecting = this.connecting;
      this.connecting = undefined;
      if (connecting === undefined) return;
      this.closing = true;
      if (!this.online && this.clients !== undefined) {
        // Redis is unreachable (maybe never was): leave now rather than wait
        // for it. The reply lists expire by themselves (keepFinished).
        // The queue's connection is ours: BullMQ's close() would wait for
        // its first connection, and its disconnect() for an "end" that
        // ioredis, stopped between two attempts to reconnect, never emits.
        for (const client of [this.clients.replies, this.clients.redis, this.clients.queueRedis]) {
          client.disconnect();
        }
        return;
      }
      let connected: Connected;
      try {
        connected = await connecting;
      } catch {
        return; // never connected: each job has failed with the reason
      }
      const { queue, queueRedis, redis, replies } = connected;
      replies.disconnect();
      await redis.del(this.replyTo, inHandList(this.replyTo));
      await queue.close();
      await Promise.all([queueRedis.quit(), redis.quit()]);
    };
    if (wait) await stop();
    else void stop();
  }

  /**
   * Enters `asyncWith(executor, …)`: gives the executor itself.
   *
   * @python `concurrent.futures.Executor` (its `with` statement) — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * yield* asyncio.asyncWith(executor, function* (ex) {
   *   console.log(yield* ex.submit(add, 2, 3)); // 5
   * });
   * ```
   */
  *aenter(): Coroutine<QueueExecutor> {
    return this;
  }

  /**
   * Leaves `asyncWith(executor, …)`: `shutdown()`, waiting for the jobs still
   * out, then closing the connections.
   *
   * @python `concurrent.futures.Executor.shutdown` (what leaving its `with` statement calls) — https://docs.python.org/3/library/concurrent.futures.html
   * @example
   * ```ts
   * yield* asyncio.asyncWith(executor, function* (ex) {
   *   ex.submit(add, 2, 3); // leaving waits for this job
   * });
   * ```
   */
  *aexit(): Coroutine<void> {
    yield* fromPromise(this.shutdown());
  }

  private connect(): Promise<Connected> {
    this.connecting ??= this.open();
    return this.connecting;
  }

  private async open(): Promise<Connected> {
    const engine = await loadEngine();
    const queueRedis = engine.redis(this.connection);
    const queue = new engine.bullmq.Queue<JobData, JobResult>(this.queueName, {
      connection: queueRedis as unknown as BullMQConnection,
      prefix: this.prefix,
    });
    const redis = engine.redis(this.connection);
    const replies = engine.redis(this.connection);
    this.clients = { queue, queueRedis, redis, replies };
    // An executor with no job out does not keep Node running (its sockets
    // are unref'd), as Python's interpreter ends once an executor's jobs
    // are done; each new socket (a reconnection) is told the same.
    for (const client of [queueRedis, redis, replies]) {
      client.on("connect", () => holdOpen(client, this.holds()));
    }
    // Connection errors are retried by ioredis; the jobs wait meanwhile. An
    // EventEmitter's "error" with no listener would end the process.
    queue.on("error", () => {});
    redis.on("error", () => {});
    replies.on("error", () => {});
    redis.on("ready", () => (this.online = true));
    redis.on("close", () => {
      this.online = false;
      for (const gone of [...this.offline]) gone();
    });
    let connectedOnce = false;
    replies.on("ready", () => {
      if (connectedOnce) {
        wakeReader(redis, this.replyTo).catch(() => {});
        const jobs = [...this.pending].map(([jobId, { added }]) => [jobId, added] as const);
        void recoverOutcomes(queue, jobs, this.receiver);
      }
      connectedOnce = true;
    });
    await queue.waitUntilReady();
    void readReplies(replies, this.replyTo, this.keepFinished, this.receiver);
    return { queue, queueRedis, redis, replies };
  }

  /** Whether the connections keep Node running: while jobs are out, and shutting down. */
  private holds(): boolean {
    return this.pending.size > 0 || this.isShutdown;
  }

  private holdOpen(hold: boolean): void {
    const clients = this.clients;
    if (clients === undefined) return;
    for (const client of [clients.queueRedis, clients.redis, clients.replies]) {
      holdOpen(client, hold);
    }
  }

  /**
   * The connections jobs were submitted on; never new ones once shutdown has
   * closed them (a cancel request still on its way then is dropped).
   */
  private opened(): Promise<Connected> {
    return this.connecting ?? Promise.reject(new RuntimeError("the executor is shut down"));
  }

  private finish(jobId: string, outcome: JobOutcome): void {
    const pending = this.pending.get(jobId);
    if (pending === undefined) return;
    this.pending.delete(jobId);
    pending.future._finish(outcome);
    if (this.pending.size === 0) {
      this.holdOpen(this.holds());
      for (const wake of this.idle.splice(0)) wake();
    }
  }

  /** Removes the job if no worker runs it; says whether it did. */
  private async removeWaiting(jobId: string): Promise<boolean> {
    const pending = this.pending.get(jobId);
    if (pending === undefined) return true;
    return this.removeJob(jobId, pending);
  }

  private async removeJob(jobId: string, pending: Pending): Promise<boolean> {
    try {
      await pending.added;
    } catch {
      return true; // never queued: its Future has the error already
    }
    const { queue } = await this.opened();
    if ((await queue.remove(jobId)) !== 1) return false;
    this.finish(jobId, { kind: "cancelled" });
    return true;
  }

  private cancelJob(jobId: string): void {
    const request = this.requestCancel(jobId);
    this.requests.add(request);
    void request.then(() => this.requests.delete(request));
  }

  /**
   * Cancels the job: removed if it waits, else its worker is asked to cancel
   * it. While Redis is unreachable nobody can be asked: the Future is
   * cancelled at once (as a run_in_executor Future is in Python), so that a
   * timeout around it fires, and the request goes out once Redis is back.
   */
  private async requestCancel(jobId: string): Promise<void> {
    const pending = this.pending.get(jobId);
    if (pending === undefined) return;
    const unreachable = (): void => this.finish(jobId, { kind: "cancelled" });
    if (!this.online) unreachable();
    else this.offline.add(unreachable);
    try {
      if (await this.removeJob(jobId, pending)) return;
      const { redis } = await this.opened();
      // The marker first: a worker that starts the job after this, or missed
      // the message, still finds the request.
      await redis.set(
        cancelMarker(this.prefix, this.queueName, jobId),
        "1",
        "EX",
        CANCEL_MARKER_SECONDS,
      );
      await redis.publish(cancelChannel(this.prefix, this.queueName), jobId);
    } catch (error) {
      this.finish(jobId, { kind: "error", error });
    } finally {
      this.offline.delete(unreachable);
    }
  }
}

/** Refs or unrefs the client's socket (none between two connections). */
function holdOpen(client: IORedis, hold: boolean): void {
  const socket = client.stream as { ref?(): void; unref?(): void } | undefined;
  if (hold) socket?.ref?.();
  else socket?.unref?.();
}
