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
 * reply for a job and ignores any other.
 *
 * The client does not pop its replies: it moves them to a second list, its
 * replies in hand, and empties that once it has settled their Futures. A
 * pop whose answer never reached the client is otherwise a reply lost: Redis
 * stopped by SIGTERM or SHUTDOWN exits without writing the answers of the
 * commands it ran in its last turn, while the append-only file keeps their
 * effect (the "popped a reply" test in test/distributed.test.ts). A moved
 * reply is still in hand after the restart, and read again.
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

/** The list the client `list` belongs to moves its replies to while it handles them. */
export function inHandList(list: string): string {
  return `${list}:in-hand`;
}

// Moves up to 1000 replies to the list in hand, and answers all it holds:
// those moved now and those a lost answer left there.
const TAKE_REPLIES = `
local taken = redis.call('LRANGE', KEYS[1], 0, 999)
if #taken > 0 then
  redis.call('LTRIM', KEYS[1], #taken, -1)
  redis.call('RPUSH', KEYS[2], unpack(taken))
end
local held = redis.call('LRANGE', KEYS[2], 0, -1)
if #held > 0 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
return held`;

/**
 * On the client: its replies, moved to the list in hand, or none; once their
 * Futures are settled, `done` empties that list. Sent twice (ioredis resends
 * a command whose answer a reconnection lost), it answers the same replies
 * and maybe more: the client ignores a second reply for a job.
 */
export async function takeReplies(redis: Redis, list: string, keep: number): Promise<string[]> {
  return (await redis.eval(TAKE_REPLIES, 2, list, inHandList(list), Math.max(1, keep))) as string[];
}

/** On the client: waits until a reply comes, and moves it to the list in hand. */
export async function awaitReply(redis: Redis, list: string): Promise<void> {
  await redis.brpoplpush(list, inHandList(list), 0);
}

/**
 * On the client, after its reading connection reconnected: ioredis sent the
 * blocking wait again, and it would not see the replies in hand; a reply
 * for no job ends it.
 */
export async function wakeReader(redis: Redis, list: string): Promise<void> {
  await redis.rpush(list, "{}");
}

/** On the client: forgets the replies `takeReplies` gave, now handled. */
export async function doneWithReplies(redis: Redis, list: string): Promise<void> {
  await redis.del(inHandList(list));
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
