/**
 * `asyncio-ts worker`: a worker process of the distributed executor (see
 * src/node/distributed/serve-queue.ts), serving one queue on one Redis.
 * Start as many as you like, on any machines that reach the Redis server.
 */
import { parseArgs } from "node:util";
import { MissingPackageError } from "../node/distributed/load-engine.js";
import { type QueueWorkerOptions, serveQueue } from "../node/distributed/serve-queue.js";
import { run } from "../node/index.js";

export const WORKER_USAGE =
  "usage: asyncio-ts worker --queue NAME --redis URL --module PATH [--module PATH ...] [--concurrency N]";

export const WORKER_HELP = `${WORKER_USAGE}

Run jobs of a distributed executor (asyncio.QueueExecutor) from a BullMQ queue
on Redis, each as a Task of this process's asyncio-ts loop. Needs the packages
bullmq and ioredis. SIGTERM or SIGINT: stop taking jobs, let running ones finish
(--grace seconds), then hand them back to the queue.

options:
  --queue NAME              the queue's name (the executor's queue)
  --redis URL               the Redis server (default redis://127.0.0.1:6379)
  --module PATH             a module whose exports jobs may call, named by jobs as
                            written here (repeatable)
  --concurrency N           jobs run at once (default 1)
  --prefix PREFIX           BullMQ's key prefix (default bull)
  --lock-duration SECONDS   a dead worker's jobs are retried after this (default 30)
  --stalled-interval SECONDS
                            how often to look for them (default 30)
  --max-stalled N           times a job may lose its worker before it fails (default 1)
  --grace SECONDS           time running jobs get at shutdown (default 10)`;

/** Runs the worker; its exit status. */
export async function workerCommand(args: readonly string[]): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(args);
  } catch (e) {
    console.error(`${WORKER_USAGE}\nasyncio-ts worker: error: ${(e as Error).message}`);
    return 2;
  }
  if (values.help === true) {
    console.log(WORKER_HELP);
    return 0;
  }
  const problem = missing(values);
  if (problem !== undefined) {
    console.error(`${WORKER_USAGE}\nasyncio-ts worker: error: ${problem}`);
    return 2;
  }
  try {
    await run(serveQueue(options(values)));
  } catch (e) {
    // What the user can fix, in one line: a package or a job module missing.
    const missingModule = (e as { code?: string }).code === "ERR_MODULE_NOT_FOUND";
    if (!(e instanceof MissingPackageError || missingModule)) throw e;
    console.error(`asyncio-ts worker: ${(e as Error).message}`);
    return 1;
  }
  return 0;
}

function options(values: ReturnType<typeof parse>): QueueWorkerOptions {
  return {
    connection: values.redis ?? "redis://127.0.0.1:6379",
    queue: values.queue!,
    modules: values.module!,
    concurrency: integer(values.concurrency),
    prefix: values.prefix,
    lockDuration: number(values["lock-duration"]),
    stalledInterval: number(values["stalled-interval"]),
    maxStalledCount: integer(values["max-stalled"]),
    grace: number(values.grace),
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      help: { type: "boolean", short: "h" },
      queue: { type: "string" },
      redis: { type: "string" },
      module: { type: "string", multiple: true },
      concurrency: { type: "string" },
      prefix: { type: "string" },
      "lock-duration": { type: "string" },
      "stalled-interval": { type: "string" },
      "max-stalled": { type: "string" },
      grace: { type: "string" },
    },
    strict: true,
  }).values;
}

function missing(values: ReturnType<typeof parse>): string | undefined {
  if (values.queue === undefined) return "the argument --queue is required";
  if (values.module === undefined) return "the argument --module is required";
  for (const name of ["concurrency", "max-stalled"] as const) {
    const text = values[name];
    if (text !== undefined && !/^\d+$/.test(text)) return `--${name}: invalid integer '${text}'`;
  }
  for (const name of ["lock-duration", "stalled-interval", "grace"] as const) {
    const text = values[name];
    if (text !== undefined && !(Number(text) >= 0)) return `--${name}: invalid number '${text}'`;
  }
  if (values.concurrency !== undefined && Number(values.concurrency) < 1) {
    return "--concurrency must be at least 1";
  }
  return undefined;
}

function number(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

const integer = number;
