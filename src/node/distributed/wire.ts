/**
 * What a distributed job looks like in Redis, and how values cross.
 *
 * Arguments, results and thrown values cross as V8's serialization (what
 * `structuredClone` and worker threads use), base64 inside BullMQ's JSON:
 * the same types survive as with the worker pool — primitives (undefined,
 * NaN, BigInt included), plain objects and arrays (cycles too), Date,
 * RegExp, Map, Set, ArrayBuffer and typed arrays, Error objects of the
 * built-in classes. Functions, symbols, class instances' prototypes and
 * getters do not. V8's format is read by the same or a newer Node, so the
 * machines of one queue should run the same Node major version.
 */
import { v8 } from "../lazy-builtins.js";
import { rebuildThrown } from "../rebuild-thrown.js";
import { recordThrown, type ThrownRecord } from "../thrown-value.js";

/** A job's `data` in BullMQ: which export of which served module, and its arguments. */
export interface JobData {
  readonly module: string;
  readonly exportName: string;
  /** The arguments, encoded. */
  readonly args: string;
  /** The list the client reads outcomes from (reply.ts). */
  readonly replyTo: string;
  /** Seconds the reply list is kept when its client does not read it. */
  readonly keep: number;
  /** What the last attempt threw, encoded; written by the worker when the job fails for good. */
  readonly thrown?: string;
}

/** A job's BullMQ `returnvalue`: the result, encoded. */
export interface JobResult {
  readonly value: string;
}

/** `value` as text; a DataCloneError (as `postMessage` throws) if it cannot cross. */
export function encode(value: unknown): string {
  try {
    return v8().serialize(value).toString("base64");
  } catch (error) {
    throw new DOMException((error as Error).message, "DataCloneError");
  }
}

export function decode(text: string): unknown {
  return v8().deserialize(Buffer.from(text, "base64"));
}

export function encodeThrown(thrown: unknown): string {
  return encode(recordThrown(thrown));
}

export function decodeThrown(text: string): unknown {
  return rebuildThrown(decode(text) as ThrownRecord);
}

/** The thrown value's name, read from its record without rebuilding it. */
export function thrownName(text: string): string | undefined {
  const record = decode(text) as ThrownRecord;
  return record.kind === "error" ? record.name : undefined;
}

/**
 * Keys beside BullMQ's own, under the queue's prefix: the channel on which a
 * client asks the workers to cancel a running job, and the marker that keeps
 * that request for a worker that was not listening when it was published.
 */
export function cancelChannel(prefix: string, queue: string): string {
  return `${prefix}:${queue}:asyncio-ts:cancel`;
}

export function cancelMarker(prefix: string, queue: string, jobId: string): string {
  return `${prefix}:${queue}:asyncio-ts:cancelled:${jobId}`;
}

/** How long a cancel request is kept for a job nobody runs yet: a day. */
export const CANCEL_MARKER_SECONDS = 24 * 3600;
