/**
 * The connections a TLS server accepted whose handshake is not done yet.
 *
 * Node's TLS server wraps each accepted TCP socket itself and tells of it
 * only at `secureConnection`: before that, no transport exists, so the
 * Server did not know of it. CPython's does: the handshake runs over a
 * socket transport already attached to the server, so `wait_closed()` waits
 * for it and `close_clients()`/`abort_clients()` close it (the client sees
 * EOF). Untracked, such a connection (a client that connected and sent
 * nothing, a slow handshake) stayed open after all three, and after `run()`
 * returned, keeping Node alive until the handshake timeout (60 s by default).
 *
 * Each connection is followed by its TCP socket, from the listener's
 * `connection` event (the raw socket) until its TLS socket is secured (the
 * TLS socket's `_parent` is that raw socket, Node's own link between them)
 * or it closes. Destroying the raw socket ends the handshake: the TLS
 * socket fails with ECONNRESET, which the listener's `tlsClientError`
 * handler closes silently (tls-listener.ts).
 */
import type { Server as NetServer, Socket } from "node:net";
import type { TLSSocket } from "node:tls";

export class TlsHandshakes {
  private readonly _sockets = new Set<Socket>();

  /** `onEnded` runs each time a connection leaves while handshaking (it closed). */
  constructor(private readonly _onEnded: () => void) {}

  /** Follows the connections `listener` (a TLS server) accepts until they are secured. */
  watch(listener: NetServer): void {
    listener.on("connection", (raw: Socket) => {
      this._sockets.add(raw);
      raw.once("close", () => {
        if (this._sockets.delete(raw)) this._onEnded();
      });
    });
    // Prepended: the connection is no longer handshaking when the Server hears of it.
    listener.prependListener("secureConnection", (socket: TLSSocket) => {
      this._sockets.delete((socket as TLSSocket & { _parent?: Socket })._parent as Socket);
    });
  }

  /** How many connections are still handshaking. */
  get size(): number {
    return this._sockets.size;
  }

  /** Ends every handshake under way (CPython's close_clients and abort_clients close their transports). */
  destroyAll(): void {
    for (const raw of [...this._sockets]) raw.destroy();
  }
}
