/**
 * A worker process's life: `asyncio-ts worker` runs `serveQueue` on its own
 * asyncio-ts loop. BullMQ fetches the jobs (up to `concurrency` at once),
 * renews their locks and recovers the jobs of workers that died; each job
 * runs as a Task of this loop (worker-job.ts).
 *
 * Outcomes go to the client that submitted the job (reply.ts). Cancel
 * requests arrive on the queue's cancel channel: the job's Task is
 * cancelled. A request published while this worker was not listening (its
 * connection was down, or the job had not reached it yet) is found by the
 * marker the client sets first, checked when each job starts and after
 * every reconnection.
 *
 * SIGTERM or SIGINT: the worker stops taking jobs, lets the running ones
 * finish for `grace` seconds, then cancels them and hands them back to the
 * queue for another worker. A second signal hands them back at once and
 * leaves without waiting for Redis (the CLI then exits the process).
 */
import type * as BullMQ from "bullmq";
import type { Redis as IORedis } from "ioredis";
import {
  type Coroutine,
  createTask,
  Event,
  FIRST_COMPLETED,
  fromPromise,
  getRunningLoop,
  wait,
} from "../../core/index.js";
import { loadEngine, type RedisConnection } from "./load-engine.js";
import { sendReply } from "./reply.js";
import { ServedModules } from "./served-modules.js";
import { cancelChannel, cancelMarker, encodeThrown, type JobData, type JobResult } from "./wire.js";
import { type JobContext, processJob, type RunningJob } from "./worker-job.js";

export interface QueueWorkerOptions {
  readonly connection: RedisConnection;
  readonly queue: string;
  /** The modules whose exports jobs may call, as jobs name them. */
  readonly modules: readonly string[];
  /** Jobs run at once (default 1). */
  readonly concurrency?: number;
  readonly prefix?: string;
  /** Seconds a job's lock lasts without renewal; a dead worker's jobs are retried after it (default 30). */
  readonly lockDuration?: number;
  /** Seconds between two checks for jobs whose worker died (default 30). */
  readonly stalledInterval?: number;
  /** Times a job may lose its worker before it fails (default 1). */
  readonly maxStalledCount?: number;
  /** Seconds running jobs may take to finish at shutdown (default 10). */
  readonly grace?: number;
  /** Where relative module paths start (default the current directory). */
  readonly cwd?: string;
  /** Told once the worker takes jobs, and of connection errors. */
  readonly log?: (line: string) => void;
}

/** Serves the queue until SIGTERM or SIGINT (or `stop` is set). */
export function* serveQueue(options: QueueWorkerOptions, stop = new Event()): Coroutine<void> {
  const loop = getRunningLoop();
  const log = options.log ?? ((line: string) => console.error(line));
  const { bullmq, options: connectionOptions, redis } = yield* fromPromise(loadEngine());
  const modules = yield* fromPromise(
    ServedModules.load(options.modules, options.cwd ?? process.cwd()),
  );
  const prefix = options.prefix ?? "bull";
  const running = new Map<string, RunningJob>();
  const commands = redis(options.connection);
  const subscriber = redis(options.connection);
  // A Redis restart reports the same error from every connection: once is enough.
  let lastError = "";
  const report = (error: Error): void => {
    if (error.message !== lastError) log(`asyncio-ts worker: ${error.message}`);
    lastError = error.message;
  };
  commands.on("error", report);
  subscriber.on("error", report);
  const cancel = (jobId: string): void => {
    running.get(jobId)?.task.cancel();
  };
  const checkMarker = (jobId: string): void => {
    commands.exists(cancelMarker(prefix, options.queue, jobId)).then(
      (found: number) => found === 1 && cancel(jobId),
      () => {},
    );
  };
  subscriber.on("message", (_channel: string, jobId: string) => cancel(jobId));
  let connectedOnce = false;
  subscriber.on("ready", () => {
    if (connectedOnce) for (const jobId of running.keys()) checkMarker(jobId);
    connectedOnce = true;
  });
  yield* fromPromise(subscriber.subscribe(cancelChannel(prefix, options.queue)));

  const context: JobContext = {
    bullmq,
    loop,
    modules,
    running,
    redis: commands,
    seen: new WeakSet(),
    started: checkMarker,
  };
  const worker = new bullmq.Worker<JobData, JobResult>(
    options.queue,
    (job, token) => processJob(context, job, token),
    {
      connection: connectionOptions(options.connection),
      prefix,
      concurrency: options.concurrency ?? 1,
      ...seconds("lockDuration", options.lockDuration),
      ...seconds("stalledInterval", options.stalledInterval),
      ...(options.maxStalledCount === undefined
        ? {}
        : { maxStalledCount: options.maxStalledCount }),
    },
  );
  worker.on("error", report);
  worker.on("failed", (job, error) => {
    // Failed by BullMQ before the processor ran (it lost its worker more
    // often than --max-stalled allows): the client still has to hear of it.
    if (job === undefined || context.seen.has(job)) return;
    const thrown = encodeThrown(new Error(error.message));
    sendReply(commands, job.data, { id: job.id!, thrown }).catch(report);
  });
  const signals = ["SIGTERM", "SIGINT"] as const;
  // The second signal: hand the jobs back now, and leave without waiting
  // for Redis (it may be the reason the first one did not end the worker).
  const forced = new Event();
  let signalled = 0;
  const handBackAll = (): void => {
    for (const job of running.values()) {
      job.handBack = true;
      job.task.cancel();
    }
  };
  for (const signal of signals) {
    loop.addSignalHandler(signal, () => {
      if (++signalled > 1) {
        handBackAll();
        forced.set();
      }
      stop.set();
    });
  }
  try {
    yield* fromPromise(worker.waitUntilReady());
    log(
      `asyncio-ts worker ${process.pid}: serving queue '${options.queue}' (${modules.names.join(", ")}), concurrency ${worker.concurrency}`,
    );
    yield* stop.wait();
    log(`asyncio-ts worker ${process.pid}: stopping (${running.size} running)`);
    const closing = fromPromise(worker.close());
    const leaving = createTask(forced.wait());
    try {
      const [done] = yield* wait([closing, leaving], {
        timeout: options.grace ?? 10,
        returnWhen: FIRST_COMPLETED,
      });
      if (done.size === 0) {
        handBackAll();
        yield* wait([closing, leaving], { returnWhen: FIRST_COMPLETED });
      }
    } finally {
      leaving.cancel();
    }
  } finally {
    for (const signal of signals) loop.removeSignalHandler(signal);
    if (forced.isSet()) {
      for (const client of [commands, subscriber]) client.disconnect();
      void worker.close(true);
    } else {
      yield* fromPromise(Promise.all([quit(commands), quit(subscriber), worker.close(true)]));
    }
  }
}

function seconds(
  name: "lockDuration" | "stalledInterval",
  value: number | undefined,
): Partial<BullMQ.WorkerOptions> {
  if (value === undefined) return {};
  if (!(value > 0)) throw new RangeError(`${name} must be a number of seconds > 0`);
  return { [name]: Math.round(value * 1000) };
}

async function quit(client: IORedis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
