/**
 * `loop.startTls`: upgrade a plain connection to TLS in place (STARTTLS).
 * The old transport hands its socket over and goes quiet; the returned
 * transport reads and writes through TLS for the same protocol, which is
 * not told `connectionMade` again (as in CPython).
 */
import type { Socket } from "node:net";
import type { ConnectionOptions } from "node:tls";
import type { Coroutine } from "../../core/kernel/index.js";
import { CancelledError, EventLoop } from "../../core/kernel/index.js";
import { isTlsSocket, net, tls } from "../lazy-builtins.js";
import { awaitConnected, isHandshakeTimeout } from "./await-connected.js";
import type { BufferedProtocol, Protocol } from "./protocols.js";
import { socketExtra } from "./socket-info.js";
import { StreamTransport } from "./stream-transport.js";
import { type ClientSSL, type ServerSSL, SSL_HANDSHAKE_TIMEOUT } from "./tls-options.js";
import type { Transport } from "./transport.js";

/**
 * The keyword arguments of `loop.startTls`.
 *
 * @python `asyncio.loop.start_tls` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.start_tls
 * @example
 * ```ts
 * const options: asyncio.StartTlsOptions = { serverHostname: "mail.example.com", sslHandshakeTimeout: 10 };
 * const tls = yield* loop.startTls(transport, new asyncio.Protocol(), true, options);
 * ```
 */
export interface StartTlsOptions {
  /**
   * Act as the TLS server (the side that accepted the connection).
   * In Python, the `server_side` argument of `asyncio.loop.start_tls`.
   *
   * @python `asyncio.loop.start_tls` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.start_tls
   * @example
   * ```ts
   * const tls = yield* loop.startTls(transport, new asyncio.Protocol(), { key, cert }, { serverSide: true });
   * ```
   */
  serverSide?: boolean;
  /**
   * The name the server's certificate must match (client side).
   * In Python, the `server_hostname` argument of `asyncio.loop.start_tls`.
   *
   * @python `asyncio.loop.start_tls` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.start_tls
   * @example
   * ```ts
   * const tls = yield* loop.startTls(transport, new asyncio.Protocol(), true, { serverHostname: "example.com" });
   * ```
   */
  serverHostname?: string;
  /**
   * Seconds the handshake may take (60 by default).
   * In Python, the `ssl_handshake_timeout` argument of `asyncio.loop.start_tls`.
   *
   * @python `asyncio.loop.start_tls` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.start_tls
   * @example
   * ```ts
   * const tls = yield* loop.startTls(transport, new asyncio.Protocol(), true, { sslHandshakeTimeout: 5 });
   * ```
   */
  sslHandshakeTimeout?: number;
}

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Upgrades a connected `transport` to TLS (STARTTLS) and returns the new transport, which
     * reports to `protocol`; use it, not the old one, from then on. Node only.
     *
     * @python `asyncio.loop.start_tls` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.start_tls
     * @example
     * ```ts
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const protocol = new asyncio.Protocol();
     *   const [plain] = yield* loop.createConnection(() => protocol, "mail.example.com", 587);
     *   plain.write(new TextEncoder().encode("STARTTLS\r\n"));
     *   const tls = yield* loop.startTls(plain, protocol, true, { serverHostname: "mail.example.com" });
     * }
     * ```
     */
    startTls(
      transport: Transport,
      protocol: Protocol | BufferedProtocol,
      sslcontext: ClientSSL | ServerSSL,
      options?: StartTlsOptions,
    ): Coroutine<Transport>;
  }
}

EventLoop.prototype.startTls = function* startTls(
  this: EventLoop,
  transport: Transport,
  protocol: Protocol | BufferedProtocol,
  sslcontext: ClientSSL | ServerSSL,
  options: StartTlsOptions = {},
): Coroutine<Transport> {
  if (!(transport instanceof StreamTransport) || isTlsSocket(transport.stream)) {
    throw new TypeError(`transport ${transport} is not supported by start_tls()`);
  }
  const tlsOptions = typeof sslcontext === "object" ? sslcontext : {};
  // Closing the old transport while the handshake runs ends it, as closing
  // CPython's socket transport under the SSLProtocol does: startTls raises
  // ConnectionResetError, the peer reads EOF, the server forgets the connection.
  let handshaking = true;
  const { stream, server } = transport._handOver(() => {
    if (handshaking) socket.destroy();
  });
  const raw = stream as Socket;
  const { serverHostname } = options;
  const socket = options.serverSide
    ? new (tls().TLSSocket)(raw, {
        isServer: true,
        secureContext: tls().createSecureContext(tlsOptions),
        ...tlsOptions,
      })
    : tls().connect({
        ...(tlsOptions as ConnectionOptions),
        socket: raw,
        ...(serverHostname !== undefined &&
          (net().isIP(serverHostname) ? { host: serverHostname } : { servername: serverHostname })),
      });
  try {
    yield* awaitConnected(
      this,
      socket,
      options.serverSide ? "secure" : "secureConnect",
      options.sslHandshakeTimeout ?? SSL_HANDSHAKE_TIMEOUT,
    );
  } catch (e) {
    handshaking = false;
    socket.destroy();
    server?._detach(transport);
    // The old transport went quiet at the hand-over: only this can end the
    // protocol's connection (a reader waiting on it, `waitClosed`).
    if (protocolHearsOf(e)) this.callSoon(() => protocol.connectionLost(e as Error));
    throw e;
  }
  handshaking = false;
  const upgraded = new StreamTransport(this, protocol, {
    readable: socket,
    writable: socket,
    extra: { ...socketExtra(socket, undefined, sslcontext), ...unixEnds(transport) },
    server,
    callConnectionMade: false,
    canWriteEof: false,
  });
  server?._detach(transport);
  return upgraded;
};

/**
 * Whether CPython's SSLProtocol passes a failed handshake on to the protocol
 * (`connection_lost(exc)`): it does for a TLS error and for the peer's EOF,
 * which end the handshake; not for a cancellation, the handshake timeout or a
 * socket error (a reset), which close the connection in mid-handshake, where
 * it tells the protocol nothing and a reader waiting on the stream waits on.
 */
function protocolHearsOf(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof CancelledError || isHandshakeTimeout(error)) {
    return false;
  }
  const cause = error.cause as { syscall?: unknown } | undefined;
  return cause?.syscall === undefined;
}

/** A Unix socket keeps the path-based names the plain transport had. */
function unixEnds(transport: StreamTransport): Record<string, unknown> {
  const sockname = transport.getExtraInfo("sockname");
  const peername = transport.getExtraInfo("peername");
  return typeof sockname === "string" ? { sockname, peername } : {};
}
