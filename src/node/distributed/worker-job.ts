/**
 * One job on a worker: its function called in a Task of the worker's loop,
 * and the Task's end told to BullMQ.
 *
 * - A result is returned to BullMQ (the job completes).
 * - An error is recorded in the job's data (class name, message, stack,
 *   cause, own properties: what the client rebuilds) and thrown to BullMQ
 *   as an Error of the same name, message and stack, so BullMQ retries the
 *   job while attempts remain, and shows the real error on its dashboards.
 * - CancelledError (the client cancelled the job) is recorded too, and
 *   thrown as BullMQ's UnrecoverableError: a cancelled job is not retried.
 * - Cancelled because the worker is shutting down, the job is handed back:
 *   moved to the waiting list for another worker, not failed.
 */
import type * as BullMQ from "bullmq";
import {
  CancelledError,
  type Coroutine,
  type EventLoop,
  fromPromise,
  isCoroutine,
  type Task,
} from "../../core/index.js";
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
  let fn: (...args: unknown[]) => unknown;
  let args: unknown[];
  try {
    fn = context.modules.lookup(job.data.module, job.data.exportName);
    args = decode(job.data.args) as unknown[];
  } catch (error) {
    // Another worker of this queue would refuse it too.
    await job.updateData({ ...job.data, thrown: encodeThrown(error) });
    throw new bullmq.UnrecoverableError((error as Error).message);
  }
  const entry: RunningJob = {
    task: loop.createTask(callJob(fn, args), { name: `job ${id}` }),
    handBack: false,
  };
  running.set(id, entry);
  context.started(id);
  try {
    const value = await entry.task;
    try {
      return { value: encode(value) };
    } catch (error) {
      const message = `The job's result could not be sent back from the worker: ${(error as Error).message}`;
      throw new DOMException(message, "DataCloneError");
    }
  } catch (thrown) {
    if (entry.handBack && thrown instanceof CancelledError) {
      await job.moveToWait(token);
      throw new bullmq.WaitingError();
    }
    await job.updateData({ ...job.data, thrown: encodeThrown(thrown) });
    if (thrown instanceof CancelledError) throw new bullmq.UnrecoverableError("job cancelled");
    throw forBullMQ(thrown);
  } finally {
    running.delete(id);
  }
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
