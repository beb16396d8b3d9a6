/** What the I/O tests share: bytes from and to text, a server's port, a line echo handler, a read's outcome, the descriptors a run leaves open. */
import { once } from "node:events";
import { readdirSync, readlinkSync } from "node:fs";
import { connect, createServer } from "node:net";
import * as asyncio from "asyncio-ts";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The port of the server's `i`-th listening socket. */
export const portOf = (server: asyncio.Server, i = 0): number =>
  (server.sockets[i]!.getsockname() as [string, number])[1];

/** A startServer handler that echoes each line until EOF, then closes. */
export function* echoLines(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0) break;
    writer.write(line);
    yield* writer.drain();
  }
  writer.close();
  yield* writer.waitClosed();
}

/** Reads to EOF; returns "eof:<bytes>" or the class of the error that ended the read. */
export function* readOutcome(reader: asyncio.StreamReader): asyncio.Coroutine<string> {
  try {
    return `eof:${(yield* reader.read()).length}`;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) throw e;
    return (e as Error).constructor.name;
  }
}

// --- file descriptors -----------------------------------------------------------

/** This process's open file descriptors, each with what it refers to. */
function openFds(): Map<string, string> {
  const fds = new Map<string, string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      fds.set(fd, readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // The directory's own fd, closed once listed.
    }
  }
  return fds;
}

/**
 * What `run` gave, and the descriptors it opened and left open: what
 * /proc/self/fd lists after it and did not before, once closing handles are gone (libuv closes
 * a handle in its next iteration: a bounded wait). Node's own first-use
 * descriptors are opened before counting: libuv's spare fd (its first
 * listen) and the resolver's (its first lookup).
 */
export async function fdsLeftBy<T>(run: () => Promise<T>): Promise<[T, string[]]> {
  const listener = createServer().listen(0, "127.0.0.1");
  await once(listener, "listening");
  await new Promise((resolve) => listener.close(resolve));
  const lookup = connect(80, "no-such-host.invalid");
  await once(lookup, "error").catch(() => {});
  const before = openFds();
  const out = await run();
  let left: string[] = [];
  for (let turn = 0; turn < 500; turn++) {
    left = [...openFds()].filter(([fd, target]) => before.get(fd) !== target).map(([, t]) => t);
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return [out, left];
}
