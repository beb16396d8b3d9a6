/**
 * Node's modules that only some programs use (TLS, TCP, UDP, DNS, child
 * processes, worker threads), loaded on first use instead of when asyncio-ts
 * is imported: together they are a third of what importing asyncio-ts cost
 * after bundling (about 10 ms of CPU under load; BENCHMARKS.md, "Start-up"),
 * and most programs use one of them or none. Types come from the modules as
 * usual; only the loading waits.
 */
import type * as ChildProcess from "node:child_process";
import type * as Dgram from "node:dgram";
import type * as DnsPromises from "node:dns/promises";
import { createRequire } from "node:module";
import type * as Net from "node:net";
import type * as Tls from "node:tls";
import type * as WorkerThreads from "node:worker_threads";

const load = createRequire(import.meta.url);

/** A function returning the module `name`, loaded on its first call. */
function lazy<M>(name: string): () => M {
  let module: M | undefined;
  return () => (module ??= load(name) as M);
}

export const childProcess = lazy<typeof ChildProcess>("node:child_process");
export const dgram = lazy<typeof Dgram>("node:dgram");
export const dnsPromises = lazy<typeof DnsPromises>("node:dns/promises");
export const net = lazy<typeof Net>("node:net");
export const tls = lazy<typeof Tls>("node:tls");
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
