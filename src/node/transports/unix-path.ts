/**
 * The longest path a Unix socket address holds, checked before Node sees it.
 *
 * A socket address keeps its path in `sun_path`, 108 bytes on Linux (104 on
 * macOS and the BSDs). CPython's bind() and connect() refuse a longer path
 * with OSError("AF_UNIX path too long"). Node 20's and 22's libuv instead
 * cut it to fit, NUL included: a server bound, reported success and
 * listened at another path (a file nobody asked for, left behind when it
 * closed, since the server removes the path it was given), and a client
 * tried another path (FileNotFoundError, ECONNRESET on Node 22). Node 24
 * says EINVAL. So the path is checked here, in bytes, leaving room for the
 * NUL libuv writes: a path of exactly 108 bytes is refused too, as CPython
 * 3.13 refuses it on Linux (107 bytes bind in both).
 */
import { OSError } from "../streams/connection-errors.js";

const SUN_PATH_BYTES = process.platform === "linux" ? 108 : 104;

export function checkUnixPath(path: string): void {
  if (Buffer.byteLength(path) >= SUN_PATH_BYTES) throw new OSError("AF_UNIX path too long");
}
