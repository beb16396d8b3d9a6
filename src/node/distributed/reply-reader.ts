/**
 * The client's half of reply.ts: how a QueueExecutor (queue-executor.ts)
 * learns its jobs' outcomes. One loop per executor reads its reply list on a
 * connection of its own (the reads block), and after a reconnection the
 * outcomes of jobs that finished are read again from the jobs themselves, in
 * case a reply went missing. Kept out of the executor so that it reads as
 * submit, cancel and shut down, and the two ways an outcome arrives are read
 * side by side.
 */
import type { Queue } from "bullmq";
import type { Redis as IORedis } from "ioredis";
import type { JobOutcome } from "./job-future.js";
import {
  awaitReply,
  doneWithReplies,
  finishedOutcome,
  type Reply,
  replyOutcome,
  takeReplies,
} from "./reply.js";
import type { JobData, JobResult } from "./wire.js";

/** What the reader needs of its executor. */
export interface ReplyReceiver {
  /** The executor is closing: the loop ends. */
  closing(): boolean;
  /** Whether a Future of this executor waits for the job `jobId`. */
  waits(jobId: string): boolean;
  /** Settles the job's Future (the first outcome wins; later ones are ignored). */
  finish(jobId: string, outcome: JobOutcome): void;
}

/** Reads replies until the executor closes (reply.ts: why they are held, not popped). */
export async function readReplies(
  replies: IORedis,
  replyTo: string,
  keepFinished: number,
  receiver: ReplyReceiver,
): Promise<void> {
  while (!receiver.closing()) {
    let texts: string[];
    try {
      texts = await takeReplies(replies, replyTo, keepFinished);
      if (texts.length === 0) {
        await awaitReply(replies, replyTo);
        continue;
      }
    } catch {
      // The connection closed: the executor shut down, or ioredis reconnects.
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    for (const text of texts) {
      const reply = JSON.parse(text) as Reply;
      if (receiver.waits(reply.id)) receiver.finish(reply.id, replyOutcome(reply));
    }
    // Failed, the next turn reads them again, and ignores them.
    await doneWithReplies(replies, replyTo).catch(() => {});
  }
}

/**
 * After a reconnection: the outcomes of jobs that finished, read from the
 * jobs themselves, in case a reply went missing (a second net: replies are
 * held until handled, reply.ts). `jobs` are the jobs still waiting, each
 * with the Promise that settles once it is in Redis.
 */
export async function recoverOutcomes(
  queue: Queue<JobData, JobResult>,
  jobs: Iterable<readonly [jobId: string, added: Promise<unknown>]>,
  receiver: ReplyReceiver,
): Promise<void> {
  const recovering = [...jobs].map(async ([jobId, added]) => {
    try {
      await added;
      const outcome = finishedOutcome(await queue.getJob(jobId));
      if (outcome !== undefined) receiver.finish(jobId, outcome);
    } catch {
      // Not added, or Redis went away again: the next reconnection retries.
    }
  });
  await Promise.all(recovering);
}
