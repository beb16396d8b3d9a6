/**
 * One job on a worker: its function called in a Task of the worker's loop,
 * and the Task's end told to the client (reply.ts), then to BullMQ.
 *
 * - A result is sent, and returned to BullMQ (the job completes).
 * - An error is thrown to BullMQ as an Error of the same name, message and
 *   stack, so BullMQ retries the job while attempts remain and shows the
 *   real error on its dashboards. On the last attempt it is first sent to
 *   the client and recorded in the job's data (class name, message, stack,
 *   cause, own properties: what the client rebuilds).
 * - CancelledError (the client cancelled the job) is sent and recorded
 *   too, and thrown as BullMQ's UnrecoverableError: a cancelled job is not
 *   retried.
 * - Cancelled because the worker is shutting down, the job is handed back:
 *   moved to the waiting list for another worker, not failed.
 */
import type * as BullMQ from "bullmq";
import type { Redis } from "ioredis";
import {
  CancelledError,
  type Coroutine,
  type EventLoop,
  fromPromise,
  isCoroutine,
  type Task,
} from "../../core/index.js";
import { type Reply, sendReply } from "./reply.js";
import type { ServedModules } from "./served-modules.js";
import { decode, encode, encodeThrown, type JobData, type JobResult } from "./wire.js";

/** A job this worker runs, as the cancel channel and shutdown see it. */
export interface RunningJob {
  readonly task: Task<unknown>;
  /** Set before cancelling the Task at shutdown: the job goes back to the queue. */
  handBack: boolean;
}

export interface JobContext {
  readonly bullmq: typeof BullMQ;
  readonly loop: EventLoop;
  readonly modules: ServedModules;
  /** The connection replies are sent on. */
  readonly redis: Redis;
  /** The jobs the processor was called for (the others BullMQ failed itself). */
  readonly seen: WeakSet<BullMQ.Job>;
  /** Jobs by id, while they run. */
  readonly running: Map<string, RunningJob>;
  /** Called once the job is registered: checks for a cancel request made before. */
  readonly started: (jobId: string) => void;
}

/** BullMQ's processor: runs `job` and settles it as the module comment says. */
export async function processJob(
  context: JobContext,
  job: BullMQ.Job<JobData, JobResult>,
  token: string | undefined,
): Promise<JobResult> {
  const { bullmq, loop, running } = context;
  const id = job.id!;
  context.seen.add(job);
  const fail = async (thrown: unknown): Promise<void> => {
    const record = encodeThrown(thrown);
    await sendReply(context.redis, job.data, { id, thrown: record });
    await job.updateData({ ...job.data, thrown: record });
  };
  let fn: (...args: unknown[]) => unknown;
  let args: unknown[];
  try {
    fn = context.modules.lookup(job.data.module, job.data.exportName);
    args = decode(job.data.args) as unknown[];
  } catch (error) {
    // Another worker of this queue would refuse it too.
    await fail(error);
    throw new bullmq.UnrecoverableError((error as Error).message);
  }
  const entry: RunningJob = {
    task: loop.createTask(callJob(fn, args), { name: `job ${id}` }),
    handBack: false,
  };
  running.set(id, entry);
  context.started(id);
  let value: unknown;
  try {
    value = await entry.task;
  } catch (thrown) {
    if (entry.handBack && thrown instanceof CancelledError) {
      await job.moveToWait(token);
      throw new bullmq.WaitingError();
    }
    if (thrown instanceof CancelledError) {
      await fail(thrown);
      throw new bullmq.UnrecoverableError("job cancelled");
    }
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await fail(thrown);
    throw forBullMQ(thrown);
  } finally {
    running.delete(id);
  }
  let reply: Reply;
  try {
    reply = { id, value: encode(value) };
  } catch (error) {
    const message = `The job's result could not be sent back from the worker: ${(error as Error).message}`;
    const thrown = new DOMException(message, "DataCloneError");
    await fail(thrown);
    throw new bullmq.UnrecoverableError(message);
  }
  await sendReply(context.redis, job.data, reply);
  return { value: reply.value };
}

/** The job's function, awaited if it returns a coroutine or a Promise. */
function* callJob(fn: (...args: unknown[]) => unknown, args: unknown[]): Coroutine<unknown> {
  const result = fn(...args);
  if (isCoroutine(result)) return yield* result;
  if (isThenable(result)) return yield* fromPromise(result);
  return result;
}

/** An Error with the thrown value's name, message and stack, for BullMQ to store. */
function forBullMQ(thrown: unknown): Error {
  const error = new Error(thrown instanceof Error ? thrown.message : String(thrown));
  if (thrown instanceof Error) {
    // BullMQ gives these names a meaning of its own (retry later, do not retry…).
    if (!bullmqNames.has(thrown.name)) error.name = thrown.name;
    if (thrown.stack !== undefined) error.stack = thrown.stack;
  }
  return error;
}

const bullmqNames = new Set([
  "DelayedError",
  "RateLimitError",
  "UnrecoverableError",
  "WaitingChildrenError",
  "WaitingError",
]);

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}
