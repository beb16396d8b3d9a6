/**
 * `loop.createConnection` and `loop.createUnixConnection`: connect a Node
 * socket (TCP, Unix, optionally TLS), then give it a transport and a protocol
 * from the factory. The coroutine returns once `connectionMade` has run.
 */
import { isIP, connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { Coroutine } from "../../core/coroutine.js";
import { EventLoop } from "../../core/event-loop.js";
import { ValueError } from "../../core/exceptions.js";
import { awaitConnected } from "./await-connected.js";
import { connectionMade } from "./connection-made.js";
import type { BufferedProtocol, Protocol } from "./protocols.js";
import { socketExtra, type UnixEnds } from "./socket-info.js";
import { StreamTransport } from "./stream-transport.js";
import { type ClientSSL, checkClientSSL, SSL_HANDSHAKE_TIMEOUT } from "./tls-options.js";
import type { Transport } from "./transport.js";

export type StreamProtocolFactory<P extends Protocol | BufferedProtocol> = () => P;

export interface ConnectionOptions {
  /** TLS: `true`, or Node's `tls.connect` options (`ca`, `cert`, `rejectUnauthorized`…). */
  ssl?: ClientSSL;
  /** The name the server's certificate must match (defaults to `host`). */
  serverHostname?: string;
  /** Seconds the TLS handshake may take (60 by default). */
  sslHandshakeTimeout?: number;
  /** A socket already connected, instead of `host` and `port`. */
  sock?: Socket;
  /** `[host, port]` to bind the local end to. */
  localAddr?: [string, number];
  /**
   * Happy Eyeballs (RFC 8305): seconds to wait for one address before also
   * trying the next, across IPv6 and IPv4 (Node's `autoSelectFamily`, which
   * interleaves the families as CPython's `interleave=1` does).
   */
  happyEyeballsDelay?: number;
}

export type UnixConnectionOptions = Omit<ConnectionOptions, "localAddr" | "happyEyeballsDelay">;

declare module "../../core/event-loop.js" {
  interface EventLoop {
    /**
     * Connects to `host:port` and returns `[transport, protocol]`. (Node only.)
     * @example const [transport, protocol] = yield* loop.createConnection(() => new Echo(), "127.0.0.1", 8888);
     */
    createConnection<P extends Protocol | BufferedProtocol>(
      protocolFactory: StreamProtocolFactory<P>,
      host?: string,
      port?: number,
      options?: ConnectionOptions,
    ): Coroutine<[Transport, P]>;
    /** Connects to the Unix socket at `path`. (Node only.) */
    createUnixConnection<P extends Protocol | BufferedProtocol>(
      protocolFactory: StreamProtocolFactory<P>,
      path?: string,
      options?: UnixConnectionOptions,
    ): Coroutine<[Transport, P]>;
  }
}

EventLoop.prototype.createConnection = function* createConnection<
  P extends Protocol | BufferedProtocol,
>(
  this: EventLoop,
  protocolFactory: StreamProtocolFactory<P>,
  host?: string,
  port?: number,
  options: ConnectionOptions = {},
): Coroutine<[Transport, P]> {
  const { sock, ssl, localAddr } = options;
  const serverHostname = checkClientSSL(
    ssl,
    host,
    options.serverHostname,
    options.sslHandshakeTimeout,
  );
  if (host !== undefined || port !== undefined) {
    if (sock !== undefined) {
      throw new ValueError("host/port and sock can not be specified at the same time");
    }
  } else if (sock === undefined) {
    throw new ValueError("host and port was not specified and no sock specified");
  }
  let socket = sock;
  if (socket === undefined) {
    socket = netConnect({
      host: host!,
      port: port!,
      allowHalfOpen: true,
      ...(localAddr !== undefined && { localAddress: localAddr[0], localPort: localAddr[1] }),
      ...(options.happyEyeballsDelay !== undefined && {
        autoSelectFamily: true,
        // Node's smallest attempt timeout is 10 ms.
        autoSelectFamilyAttemptTimeout: Math.max(10, Math.round(options.happyEyeballsDelay * 1000)),
      }),
    });
    yield* awaitConnected(this, socket, "connect");
  }
  socket.setNoDelay(true);
  return yield* adopt(this, protocolFactory, socket, undefined, options, serverHostname);
};

EventLoop.prototype.createUnixConnection = function* createUnixConnection<
  P extends Protocol | BufferedProtocol,
>(
  this: EventLoop,
  protocolFactory: StreamProtocolFactory<P>,
  path?: string,
  options: UnixConnectionOptions = {},
): Coroutine<[Transport, P]> {
  const { sock, ssl } = options;
  if (ssl && options.serverHostname === undefined) {
    throw new ValueError("you have to pass server_hostname when using ssl");
  }
  const serverHostname = checkClientSSL(
    ssl,
    options.serverHostname,
    options.serverHostname,
    options.sslHandshakeTimeout,
  );
  if (path !== undefined && sock !== undefined) {
    throw new ValueError("path and sock can not be specified at the same time");
  }
  if (path === undefined && sock === undefined)
    throw new ValueError("no path and sock were specified");
  let socket = sock;
  if (socket === undefined) {
    socket = netConnect({ path: path!, allowHalfOpen: true });
    yield* awaitConnected(this, socket, "connect");
  }
  const unix = { sockname: "", peername: path ?? "" };
  return yield* adopt(this, protocolFactory, socket, unix, options, serverHostname);
};

/** Wraps a connected socket (in TLS when asked), makes the protocol and its transport. */
function* adopt<P extends Protocol | BufferedProtocol>(
  loop: EventLoop,
  protocolFactory: StreamProtocolFactory<P>,
  raw: Socket,
  unix: UnixEnds | undefined,
  options: UnixConnectionOptions,
  serverHostname: string | undefined,
): Coroutine<[Transport, P]> {
  let socket = raw;
  const { ssl } = options;
  if (ssl) {
    const tlsOptions = ssl === true ? {} : ssl;
    socket = tlsConnect({
      ...tlsOptions,
      socket: raw,
      // Node verifies the certificate against `servername`, or `host` when it is an IP.
      ...(serverHostname !== undefined &&
        (isIP(serverHostname) ? { host: serverHostname } : { servername: serverHostname })),
    });
    yield* awaitConnected(
      loop,
      socket,
      "secureConnect",
      options.sslHandshakeTimeout ?? SSL_HANDSHAKE_TIMEOUT,
    );
  }
  const protocol = protocolFactory();
  const waiter = loop.createFuture<void>();
  const transport = new StreamTransport(loop, protocol, {
    readable: socket,
    writable: socket,
    extra: socketExtra(socket, unix, ssl || undefined),
    waiter,
    canWriteEof: !ssl,
  });
  yield* connectionMade(transport, waiter);
  return [transport, protocol];
}
