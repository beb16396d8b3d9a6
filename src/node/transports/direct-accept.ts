/**
 * A plain server's accepted socket made again with Node's `onread` option,
 * so the server's reads skip Node's Readable stream as a client's do
 * (direct-reads.ts): Node's `net.Server` makes accepted sockets itself and
 * offers no `onread` for them, and on a W9 round trip the server's Readable
 * path (`push`, `addChunk`, the `'data'` emit, `maybeReadMore` and its tick)
 * is the largest share of Node's own JavaScript (BENCHMARKS.md, "The server's
 * reads through onread").
 *
 * The listener pauses on connect (listen.ts), so Node has read nothing; the
 * connection's libuv handle is then handed to a new `net.Socket` with
 * `onread`, which is how Node's own `onconnection` makes an accepted socket
 * (`new Socket({ handle, ... })`, the same in Node 20 to 24). The socket
 * Node emitted gives its handle up, and its `_server` (the `net.Server`
 * whose count of connections a socket's destroy decrements) goes to the new
 * socket, so the new one's close lets `server.close()` finish, by Node's own
 * code; the emptied socket is destroyed at once. (Where a Node keeps no
 * `_server`, the emptied socket stays until the new one closes.)
 *
 * `handle`, `_handle` and `_server` are Node's internals, not its documented API. Each
 * step is checked and every failure keeps the socket Node made, read as
 * before ('data'): a socket whose handle is not where it was, not paused or
 * with anything buffered, and a constructor that did not take the handle.
 * If a Node ignored `onread` beside a handle, the reads would come as
 * 'data' events, which the transport listens to either way.
 */
import type { OnReadOpts, Socket, SocketConstructorOpts } from "node:net";
import { net } from "../lazy-builtins.js";
import { type DirectReads, onreadInto } from "./direct-reads.js";

/**
 * What Node keeps on a socket: its libuv handle (a TCP or Pipe wrap), and on
 * an accepted one the `net.Server` whose count of connections its destroy
 * decrements (`_server`, and `server` beside it).
 */
interface WithHandle {
  _handle: { readStart?: unknown; readStop?: unknown } | null;
  _server?: unknown;
  server?: unknown;
}

/** The constructor options Node's `onconnection` passes, which Node's types do not list. */
type AcceptedSocketOpts = SocketConstructorOpts & {
  handle: unknown;
  pauseOnCreate: boolean;
  onread: OnReadOpts;
};

let enabled = true;

/**
 * @internal For tests: whether accepted sockets are made again with `onread`
 * (true) or read through Node's Readable stream (false, the fallback).
 */
export function setDirectAccept(on: boolean): void {
  enabled = on;
}

/**
 * The socket to serve `accepted` through, and where its reads go (`reads`,
 * for the transport to take over), or `accepted` itself with no `reads`
 * where it cannot be made again.
 */
export function directAccept(accepted: Socket): { socket: Socket; reads: DirectReads | undefined } {
  const handle = (accepted as unknown as WithHandle)._handle;
  if (
    !enabled ||
    typeof handle?.readStart !== "function" ||
    typeof handle.readStop !== "function" ||
    accepted.destroyed ||
    accepted.readableLength > 0 ||
    accepted.readableFlowing !== false ||
    accepted.listenerCount("data") > 0
  ) {
    return { socket: accepted, reads: undefined };
  }
  const reads: DirectReads = { into: undefined, socket: undefined };
  const options: AcceptedSocketOpts = {
    handle,
    allowHalfOpen: accepted.allowHalfOpen,
    pauseOnCreate: true,
    readable: true,
    writable: true,
    onread: onreadInto(reads),
  };
  const socket = new (net().Socket)(options);
  reads.socket = socket;
  if ((socket as unknown as WithHandle)._handle !== handle) {
    // This Node made a socket of its own: it holds nothing to release.
    socket.destroy();
    return { socket: accepted, reads: undefined };
  }
  const from = accepted as unknown as WithHandle;
  from._handle = null;
  const owner = from._server;
  if (owner != null && (socket as unknown as WithHandle)._server == null) {
    // The new socket carries the server's count of the connection, as Node's
    // own accepted socket does, and the one Node made goes now: kept until
    // the connection closed, it was a second net.Socket per connection, whose
    // heap outlives young-generation collections (BENCHMARKS.md, W10).
    const to = socket as unknown as WithHandle;
    to._server = owner;
    to.server = from.server;
    from._server = null;
    accepted.destroy();
  } else {
    socket.once("close", () => accepted.destroy());
  }
  return { socket, reads };
}
