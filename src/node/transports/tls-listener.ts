/**
 * The listening socket of a TLS server, and what it does with clients that
 * never finish their handshake.
 *
 * Node reports such a client with `tlsClientError` when its socket errors
 * (a TLS alert) or closes, but a half-open socket that reads EOF does
 * neither: a client that leaves with a bare FIN before its ClientHello (a
 * health check, a port scan) or mid-handshake (a Node client rejecting the
 * certificate sends no alert) would hold its socket until the handshake
 * timeout, 60 s by default. CPython closes it at once. So a connection is not half-open while its
 * handshake runs — Node then ends it on EOF and reports it — and becomes
 * half-open once the handshake is done, so what the protocol writes after
 * the client's EOF (in `dataReceived`, `eofReceived`) still goes out, as in
 * CPython.
 */
import type { Server, TLSSocket } from "node:tls";
import { tls } from "../lazy-builtins.js";
import type { ServerSSL } from "./tls-options.js";

export function tlsListener(ssl: ServerSSL, handshakeTimeout: number): Server {
  const server = tls().createServer({
    ...ssl,
    allowHalfOpen: false,
    handshakeTimeout: handshakeTimeout * 1000,
  });
  // Synchronously with the handshake's end, before the socket can read an EOF
  // (Node documents that allowHalfOpen may change until 'end').
  server.prependListener("secureConnection", (socket: TLSSocket) => {
    socket.allowHalfOpen = true;
  });
  // Node leaves the socket open after a failed or timed-out handshake. As
  // CPython, nothing is reported: a failed handshake is an OSError there,
  // which only its debug log mentions.
  server.on("tlsClientError", (_e: Error, socket: TLSSocket) => socket.destroy());
  return server;
}
