/**
 * Closes TLS politely, as CPython's SSL transport does: send close_notify
 * and read (discarding) until the peer's, so data in flight — TLS 1.3's
 * session tickets — does not turn the close into a reset. Bounded by the
 * shutdown timeout, and never what keeps the process alive.
 */
import type { TLSSocket } from "node:tls";

/** CPython's `ssl_shutdown_timeout` default, in seconds. */
const SSL_SHUTDOWN_TIMEOUT = 30;

export function shutDownTls(socket: TLSSocket): void {
  const timer = setTimeout(() => socket.destroy(), SSL_SHUTDOWN_TIMEOUT * 1000);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  socket.on("error", () => socket.destroy());
  socket.end();
  socket.resume();
  socket.unref();
}
