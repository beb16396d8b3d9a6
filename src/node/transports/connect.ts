/**
 * `loop.createConnection` and `loop.createUnixConnection`: connect a Node
 * socket (TCP, Unix, optionally TLS), then give it a transport and a protocol
 * from the factory. The coroutine returns once `connectionMade` has run.
 */
import type { IpcNetConnectOpts, Socket, TcpNetConnectOpts } from "node:net";
import type { Coroutine } from "../../core/kernel/index.js";
import { EventLoop, ValueError } from "../../core/kernel/index.js";
import { net, tls } from "../lazy-builtins.js";
import { awaitConnected } from "./await-connected.js";
import { connectionMade } from "./connection-made.js";
import { resolve } from "./datagram-socket.js";
import { connectOrDestroy, type DirectReads, directConnect } from "./direct-reads.js";
import { checkPort } from "./port-range.js";
import type { BufferedProtocol, Protocol } from "./protocols.js";
import { socketExtra, type UnixEnds } from "./socket-info.js";
import { StreamTransport } from "./stream-transport.js";
import { type ClientSSL, checkClientSSL, SSL_HANDSHAKE_TIMEOUT } from "./tls-options.js";
import type { Transport } from "./transport.js";
import { checkUnixPath } from "./unix-path.js";

/**
 * What `loop.createConnection` and `loop.createServer` call to make the protocol of a
 * connection: a class's constructor wrapped in a function, or a function returning one protocol.
 * In Python, the `protocol_factory` argument of `asyncio.loop.create_connection`.
 *
 * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
 * @example
 * ```ts
 * class Echo extends asyncio.Protocol {}
 * const factory: asyncio.StreamProtocolFactory<Echo> = () => new Echo();
 * const [transport, protocol] = yield* loop.createConnection(factory, "127.0.0.1", 8888);
 * ```
 */
export type StreamProtocolFactory<P extends Protocol | BufferedProtocol> = () => P;

/**
 * The keyword arguments of `loop.createConnection` (and `openConnection`): TLS, an existing
 * socket, the local address, Happy Eyeballs.
 *
 * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
 * @example
 * ```ts
 * const options: asyncio.ConnectionOptions = { ssl: true, sslHandshakeTimeout: 10 };
 * const [reader, writer] = yield* asyncio.openConnection("example.com", 443, options);
 * ```
 */
export interface ConnectionOptions {
  /**
   * TLS: `true` (verify the server against the system's CAs), or Node's `tls.connect` options
   * (`ca`, `cert`, `rejectUnauthorized`…), what Python's `SSLContext` holds.
   * In Python, the `ssl` argument of `asyncio.loop.create_connection`.
   *
   * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
   * @example
   * ```ts
   * const [reader, writer] = yield* asyncio.openConnection("example.com", 443, { ssl: true });
   * ```
   */
  ssl?: ClientSSL;
  /**
   * The name the server's certificate must match (defaults to `host`); needed with `sock`.
   * In Python, the `server_hostname` argument of `asyncio.loop.create_connection`.
   *
   * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
   * @example
   * ```ts
   * yield* asyncio.openConnection("10.0.0.5", 443, { ssl: true, serverHostname: "api.example.com" });
   * ```
   */
  serverHostname?: string;
  /**
   * Seconds the TLS handshake may take (60 by default).
   * In Python, the `ssl_handshake_timeout` argument of `asyncio.loop.create_connection`.
   *
   * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
   * @example
   * ```ts
   * yield* asyncio.openConnection("example.com", 443, { ssl: true, sslHandshakeTimeout: 5 });
   * ```
   */
  sslHandshakeTimeout?: number;
  /**
   * A Node socket already connected, used instead of `host` and `port`.
   * In Python, the `sock` argument of `asyncio.loop.create_connection`.
   *
   * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
   * @example
   * ```ts
   * const [reader, writer] = yield* asyncio.openConnection(undefined, undefined, { sock: socket });
   * ```
   */
  sock?: Socket;
  /**
   * `[host, port]` to bind the local end of the connection to.
   * In Python, the `local_addr` argument of `asyncio.loop.create_connection`.
   *
   * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
   * @example
   * ```ts
   * yield* asyncio.openConnection("example.com", 80, { localAddr: ["192.168.1.10", 0] });
   * ```
   */
  localAddr?: [string, number];
  /**
   * Happy Eyeballs (RFC 8305): seconds to wait for one address before also trying the next,
   * across IPv6 and IPv4 (Node's `autoSelectFamily`, which interleaves the families as
   * CPython's `interleave=1` does).
   * In Python, the `happy_eyeballs_delay` argument of `asyncio.loop.create_connection`.
   *
   * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
   * @example
   * ```ts
   * yield* asyncio.openConnection("example.com", 80, { happyEyeballsDelay: 0.25 });
   * ```
   */
  happyEyeballsDelay?: number;
}

/**
 * The keyword arguments of `loop.createUnixConnection` (and `openUnixConnection`): those of
 * `createConnection` but the local address and Happy Eyeballs.
 *
 * @python `asyncio.loop.create_unix_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_unix_connection
 * @example
 * ```ts
 * const options: asyncio.UnixConnectionOptions = { ssl: true, serverHostname: "internal" };
 * const [reader, writer] = yield* asyncio.openUnixConnection("/tmp/app.sock", options);
 * ```
 */
export type UnixConnectionOptions = Omit<ConnectionOptions, "localAddr" | "happyEyeballsDelay">;

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Connects to `host`:`port` (TLS with `ssl`), makes the connection's protocol with
     * `protocolFactory`, and returns `[transport, protocol]`. Node only.
     *
     * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
     * @example
     * ```ts
     * class Client extends asyncio.Protocol {
     *   override dataReceived(data: Uint8Array): void {
     *     console.log(new TextDecoder().decode(data));
     *   }
     * }
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const [transport, protocol] = yield* loop.createConnection(() => new Client(), "127.0.0.1", 8888);
     *   transport.write(new TextEncoder().encode("hello"));
     * }
     * ```
     */
    createConnection<P extends Protocol | BufferedProtocol>(
      protocolFactory: StreamProtocolFactory<P>,
      host?: string,
      port?: number,
      options?: ConnectionOptions,
    ): Coroutine<[Transport, P]>;
    /**
     * Connects to the Unix domain socket at `path` and returns `[transport, protocol]`. Node only.
     *
     * @python `asyncio.loop.create_unix_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_unix_connection
     * @example
     * ```ts
     * const [transport, protocol] = yield* loop.createUnixConnection(() => new asyncio.Protocol(), "/tmp/app.sock");
     * ```
     */
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
  let reads: DirectReads | undefined;
  if (socket === undefined) {
    checkPort(port, "connect");
    if (localAddr !== undefined) checkPort(localAddr[1], "bind");
    const localAddress = localAddr && (yield* localIP(this, localAddr, host!));
    const connect: TcpNetConnectOpts = {
      host: host!,
      port: port!,
      allowHalfOpen: true,
      ...(localAddr !== undefined && { localAddress, localPort: localAddr[1] }),
      ...(options.happyEyeballsDelay !== undefined && {
        autoSelectFamily: true,
        // Node's smallest attempt timeout is 10 ms.
        autoSelectFamilyAttemptTimeout: Math.max(10, Math.round(options.happyEyeballsDelay * 1000)),
      }),
    };
    // Without TLS, the socket reads straight into the transport (direct-reads.ts).
    if (ssl) connectOrDestroy((socket = new (net().Socket)({ allowHalfOpen: true })), connect);
    else ({ socket, reads } = directConnect(connect));
    yield* awaitConnected(this, socket, "connect");
  }
  socket.setNoDelay(true);
  return yield* adopt(this, protocolFactory, socket, undefined, options, serverHostname, reads);
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
  let reads: DirectReads | undefined;
  if (socket === undefined) {
    checkUnixPath(path!);
    const connect: IpcNetConnectOpts = { path: path!, allowHalfOpen: true };
    if (ssl) connectOrDestroy((socket = new (net().Socket)({ allowHalfOpen: true })), connect);
    else ({ socket, reads } = directConnect(connect));
    yield* awaitConnected(this, socket, "connect");
  }
  const unix = { sockname: "", peername: path ?? "" };
  return yield* adopt(this, protocolFactory, socket, unix, options, serverHostname, reads);
};

/**
 * The IP to bind a connection's local end to: Node's `localAddress` takes an
 * IP only, so a name is resolved first, as CPython resolves `local_addr`
 * (an address of the remote's family when the remote is an IP).
 */
function* localIP(loop: EventLoop, localAddr: [string, number], host: string): Coroutine<string> {
  if (net().isIP(localAddr[0]) !== 0) return localAddr[0];
  const infos = yield* resolve(loop, localAddr, undefined);
  const family = net().isIP(host);
  return (infos.find((info) => info.family === family) ?? infos[0]!).address;
}

/** Wraps a connected socket (in TLS when asked), makes the protocol and its transport. */
function* adopt<P extends Protocol | BufferedProtocol>(
  loop: EventLoop,
  protocolFactory: StreamProtocolFactory<P>,
  raw: Socket,
  unix: UnixEnds | undefined,
  options: UnixConnectionOptions,
  serverHostname: string | undefined,
  directReads?: DirectReads,
): Coroutine<[Transport, P]> {
  let socket = raw;
  const { ssl } = options;
  if (ssl) {
    const tlsOptions = ssl === true ? {} : ssl;
    socket = tls().connect({
      ...tlsOptions,
      socket: raw,
      // Node verifies the certificate against `servername`, or `host` when it is an IP.
      ...(serverHostname !== undefined &&
        (net().isIP(serverHostname) ? { host: serverHostname } : { servername: serverHostname })),
    });
    yield* awaitConnected(
      loop,
      socket,
      "secureConnect",
      options.sslHandshakeTimeout ?? SSL_HANDSHAKE_TIMEOUT,
    );
  }
  let protocol: P;
  try {
    protocol = protocolFactory();
  } catch (e) {
    // No transport owns the socket yet, and Node never closes one by
    // itself (CPython's is closed when the exception lets it go).
    socket.destroy();
    throw e;
  }
  const waiter = loop.createFuture<void>();
  const transport = new StreamTransport(loop, protocol, {
    readable: socket,
    writable: socket,
    extra: socketExtra(socket, unix, ssl || undefined),
    waiter,
    canWriteEof: !ssl,
    directReads,
  });
  yield* connectionMade(transport, waiter);
  return [transport, protocol];
}
