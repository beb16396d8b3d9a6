/**
 * What a Unix stream socket's EOF may hide. Linux marks a socket ECONNRESET
 * when its peer closes with bytes it never read (`unix_release_sock`), and
 * CPython's next recv() raises that after the data: data_received, then
 * connection_lost(ConnectionResetError), as for TCP. libuv takes a hang-up
 * seen with a short read for EOF without reading on (`uv__stream_io`), so
 * Node says 'end'. Unlike TCP (stream-eof.ts, `_probeEnd`), an empty
 * write cannot tell: it fails with EPIPE after any close of the peer. One
 * read(2) on the descriptor can: ECONNRESET (the read clears it), or 0 for
 * a real EOF. The descriptor is libuv's, non-blocking, and after EOF nothing
 * more can be queued, so the read neither waits nor takes data.
 */

import type { Readable, Writable } from "node:stream";
import { fs } from "../lazy-builtins.js";

/** One byte to read into: a read at EOF fills nothing. */
const ONE = new Uint8Array(1);

/** The reset Node reported as EOF on the Unix socket `stream`, or `undefined` for a real EOF. */
export function resetBehindUnixEof(stream: Readable | Writable | undefined): Error | undefined {
  const fd = (stream as { _handle?: { fd?: unknown } | null } | undefined)?._handle?.fd;
  // Windows' named pipes have no descriptor (-1).
  if (typeof fd !== "number" || fd < 0) return undefined;
  try {
    fs().readSync(fd, ONE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ECONNRESET") return e as Error;
  }
  return undefined;
}
