/**
 * The extra info of a socket transport (`getExtraInfo` names as in CPython):
 * `socket`, `sockname`, `peername`, and for TLS `sslcontext`, `ssl_object`,
 * `peercert`, `cipher`.
 */
import type { Socket } from "node:net";
import { isTlsSocket } from "../lazy-builtins.js";

/** Where a Unix socket is: the server's path, or `""` for an unbound end, as Python reports. */
export interface UnixEnds {
  sockname: string;
  peername: string;
}

export function socketExtra(
  socket: Socket,
  unix: UnixEnds | undefined,
  sslcontext: unknown,
): Record<string, unknown> {
  const extra: Record<string, unknown> = { socket };
  if (unix !== undefined) {
    extra.sockname = unix.sockname;
    extra.peername = unix.peername;
  } else {
    if (socket.localAddress !== undefined) extra.sockname = [socket.localAddress, socket.localPort];
    if (socket.remoteAddress !== undefined) {
      extra.peername = [socket.remoteAddress, socket.remotePort];
    }
  }
  if (isTlsSocket(socket)) {
    extra.sslcontext = sslcontext;
    extra.ssl_object = socket;
    extra.peercert = socket.getPeerCertificate();
    extra.cipher = socket.getCipher();
  }
  return extra;
}
