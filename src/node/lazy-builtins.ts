/**
 * Node's modules, as the Node layer reaches them: each loaded by `require`
 * on first use instead of imported when asyncio-ts is.
 *
 * - TLS, TCP, UDP, DNS, child processes, worker threads: most programs use
 *   one of them or none, and together they are over a hundred of Node's own
 *   modules (`node:tls` alone 52).
 * - `node:v8` (the distributed executor's wire format), `node:stream` (a
 *   child's stderr merged into its stdout), `node:util` (printing an
 *   unhandled KeyboardInterrupt), `node:os`: modules Node has not loaded
 *   at start-up, for features a program reaches through a call.
 * - `node:fs`, `node:path`, `node:url`, which Node has loaded: an ES import
 *   of a Node module has Node build a namespace of all its exports, reading
 *   every one, and the reads run the module's lazy getters (node:fs's
 *   `ReadStream` loads its streams, node:util's `parseArgs` and `MIMEType`
 *   load theirs); `require` reads nothing. Only `node:module` is imported,
 *   for `createRequire` where there is no `process.getBuiltinModule` (Node
 *   20 before 20.16).
 *
 * BENCHMARKS.md, "Start-up", has what each costs. Types come from the
 * modules as usual; only the loading waits.
 */
import type * as ChildProcess from "node:child_process";
import type * as Dgram from "node:dgram";
import type * as DnsPromises from "node:dns/promises";
import type * as Fs from "node:fs";
import { createRequire } from "node:module";
import type * as Net from "node:net";
import type * as Os from "node:os";
import type * as Path from "node:path";
import type * as Stream from "node:stream";
import type * as Tls from "node:tls";
import type * as Url from "node:url";
import type * as Util from "node:util";
import type * as V8 from "node:v8";
import type * as WorkerThreads from "node:worker_threads";

// `process.getBuiltinModule` (Node 20.16+, 22.3+) where there is one: making
// a require function costs about 3M instructions at import.
const load: (name: string) => unknown =
  typeof process.getBuiltinModule === "function"
    ? (name) => process.getBuiltinModule(name)
    : createRequire(import.meta.url);

/** A function returning the module `name`, loaded on its first call. */
function lazy<M>(name: string): () => M {
  let module: M | undefined;
  return () => (module ??= load(name) as M);
}

export const childProcess = lazy<typeof ChildProcess>("node:child_process");
export const dgram = lazy<typeof Dgram>("node:dgram");
export const dnsPromises = lazy<typeof DnsPromises>("node:dns/promises");
export const fs = lazy<typeof Fs>("node:fs");
export const net = lazy<typeof Net>("node:net");
export const os = lazy<typeof Os>("node:os");
export const path = lazy<typeof Path>("node:path");
export const stream = lazy<typeof Stream>("node:stream");
export const tls = lazy<typeof Tls>("node:tls");
export const url = lazy<typeof Url>("node:url");
export const util = lazy<typeof Util>("node:util");
export const v8 = lazy<typeof V8>("node:v8");
export const workerThreads = lazy<typeof WorkerThreads>("node:worker_threads");

/**
 * Whether `stream` is a TLS socket, without loading `node:tls` for a plain
 * one: a TLSSocket's `encrypted` is always true, and a net.Socket has none.
 */
export function isTlsSocket(stream: unknown): stream is Tls.TLSSocket {
  return (stream as { encrypted?: unknown } | null)?.encrypted === true;
}

/**
 * Whether `stream` is a `net.Socket` (a TLS one, a Unix socket and a child's
 * stdio pipe included), without loading `node:net` for a stream that is not
 * one: only a net.Socket of Node's streams has `setNoDelay`.
 */
export function isNetSocket(stream: unknown): stream is Net.Socket {
  return typeof (stream as { setNoDelay?: unknown } | null)?.setNoDelay === "function";
}
