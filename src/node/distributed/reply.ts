/**
 * How a job's outcome reaches the client that submitted it: the worker
 * pushes a reply on the client's own list in Redis, and the client pops it.
 *
 * Not the queue's event stream: BullMQ trims it to about 10,000 events, and
 * a client that submitted 10,000 jobs in one go fell behind it and lost
 * outcomes (bench/distributed.mjs hung). A list keeps every reply until it
 * is read, and survives a Redis restart with the append-only file.
 *
 * The worker pushes before it tells BullMQ the job is done: a worker that
 * dies in between has its job run again, and the client takes the first
 * reply for a job and ignores any other. A reply lost on the way (the
 * client's connection dropped just as it popped it) is recovered from the
 * job itself: after a reconnection the client reads the finished jobs it
 * still waits for (queue-executor.ts).
 */
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import type { JobOutcome } from "./job-future.js";
import { decode, decodeThrown, type JobData, type JobResult, thrownName } from "./wire.js";

/** One job's outcome on the client's list. */
export type Reply =
  | { readonly id: string; readonly value: string }
  | { readonly id: string; readonly thrown: string };

/** The list of the client `clientId` on `queue`. */
export function replyList(prefix: string, queue: string, clientId: string): string {
  return `${prefix}:${queue}:asyncio-ts:replies:${clientId}`;
}

/** On the worker: pushes `reply` for the job's client. */
export async function sendReply(redis: Redis, data: JobData, reply: Reply): Promise<void> {
  await redis
    .multi()
    .rpush(data.replyTo, JSON.stringify(reply))
    .expire(data.replyTo, Math.max(1, data.keep))
    .exec();
}

/** On the client: the outcome a reply reports. */
export function replyOutcome(reply: Reply): JobOutcome {
  if ("value" in reply) return { kind: "result", value: decode(reply.value) };
  if (thrownName(reply.thrown) === "CancelledError") return { kind: "cancelled" };
  return { kind: "error", error: decodeThrown(reply.thrown) };
}

/** On the client: the outcome of a finished job read from Redis, if it has finished. */
export function finishedOutcome(job: Job<JobData, JobResult> | undefined): JobOutcome | undefined {
  if (job === undefined || !job.finishedOn) return undefined;
  if (job.returnvalue) return replyOutcome({ id: job.id!, value: job.returnvalue.value });
  if (job.data.thrown !== undefined) return replyOutcome({ id: job.id!, thrown: job.data.thrown });
  return { kind: "error", error: failedByBullMQ(job.failedReason, job.stacktrace) };
}

/** A job BullMQ failed itself (it lost its worker more often than allowed), not its code. */
export function failedByBullMQ(reason: string, stacktrace: readonly string[] | null): Error {
  const error = new Error(reason);
  const stack = stacktrace?.at(-1);
  if (stack)
    Object.defineProperty(error, "stack", { value: stack, writable: true, configurable: true });
  return error;
}
