/**
 * `loop.createServer` and `loop.createUnixServer`: bind listening sockets
 * (TLS when `ssl` is given), and give every accepted connection a protocol
 * from the factory and a transport the Server counts.
 */
import type { Server as NetServer, Socket } from "node:net";
import type { Coroutine } from "../../core/kernel/index.js";
import { EventLoop, ValueError } from "../../core/kernel/index.js";
import { fs, net } from "../lazy-builtins.js";
import { OSError } from "../streams/connection-errors.js";
import type { StreamProtocolFactory } from "./connect.js";
import { directAccept } from "./direct-accept.js";
import { waitForEvent } from "./host-event.js";
import { checkPort } from "./port-range.js";
import type { BufferedProtocol, Protocol } from "./protocols.js";
import { Server } from "./server.js";
import { socketExtra, type UnixEnds } from "./socket-info.js";
import { StreamTransport } from "./stream-transport.js";
import { tlsListener } from "./tls-listener.js";
import { type ServerSSL, SSL_HANDSHAKE_TIMEOUT } from "./tls-options.js";
import { checkUnixPath } from "./unix-path.js";
import { closerFor } from "./unix-socket-file.js";

/**
 * The keyword arguments `loop.createServer` and `loop.createUnixServer` share (and
 * `startServer`): TLS, the backlog, when to start serving.
 *
 * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
 * @example
 * ```ts
 * const options: asyncio.ServerOptions = { backlog: 1024, startServing: false };
 * const server = yield* asyncio.startServer(handle, "127.0.0.1", 8888, options);
 * ```
 */
export interface ServerOptions {
  /**
   * TLS: Node's `tls.createServer` options, at least `key` and `cert`.
   * In Python, the `ssl` argument of `asyncio.loop.create_server`.
   *
   * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
   * @example
   * ```ts
   * const server = yield* asyncio.startServer(handle, "0.0.0.0", 8443, { ssl: { key, cert } });
   * ```
   */
  ssl?: ServerSSL;
  /**
   * The listen backlog: 511 by default, Node's (CPython's 100 drops SYNs when a burst of
   * clients connects, and each dropped one retries a second later).
   * In Python, the `backlog` argument of `asyncio.loop.create_server`.
   *
   * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
   * @example
   * ```ts
   * const server = yield* asyncio.startServer(handle, "0.0.0.0", 8080, { backlog: 4096 });
   * ```
   */
  backlog?: number;
  /**
   * Seconds a client's TLS handshake may take (Node's `handshakeTimeout`; 60 by default).
   * In Python, the `ssl_handshake_timeout` argument of `asyncio.loop.create_server`.
   *
   * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
   * @example
   * ```ts
   * yield* asyncio.startServer(handle, "0.0.0.0", 8443, { ssl: { key, cert }, sslHandshakeTimeout: 10 });
   * ```
   */
  sslHandshakeTimeout?: number;
  /**
   * Accept connections at once (the default), or only after `startServing()`/`serveForever()`.
   * In Python, the `start_serving` argument of `asyncio.loop.create_server`.
   *
   * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
   * @example
   * ```ts
   * const server = yield* asyncio.startServer(handle, "127.0.0.1", 0, { startServing: false });
   * yield* server.serveForever();
   * ```
   */
  startServing?: boolean;
}

/**
 * The keyword arguments of `loop.createUnixServer` (and `startUnixServer`).
 *
 * @python `asyncio.loop.create_unix_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_unix_server
 * @example
 * ```ts
 * const options: asyncio.UnixServerOptions = { cleanupSocket: false };
 * const server = yield* asyncio.startUnixServer(handle, "/tmp/app.sock", options);
 * ```
 */
export interface UnixServerOptions extends ServerOptions {
  /**
   * Remove the socket file on close if it is still this server's (Python 3.13; default true).
   * In Python, the `cleanup_socket` argument of `asyncio.loop.create_unix_server`.
   *
   * @python `asyncio.loop.create_unix_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_unix_server
   * @example
   * ```ts
   * const server = yield* asyncio.startUnixServer(handle, "/tmp/app.sock", { cleanupSocket: true });
   * ```
   */
  cleanupSocket?: boolean;
}

/**
 * The keyword arguments of `loop.createServer` (and `startServer`).
 *
 * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
 * @example
 * ```ts
 * const options: asyncio.TcpServerOptions = { family: 4, backlog: 128 };
 * const server = yield* asyncio.startServer(handle, undefined, 8080, options);
 * ```
 */
export interface TcpServerOptions extends ServerOptions {
  /**
   * Only IPv4 or only IPv6, when `host` is undefined (all interfaces).
   * In Python, the `family` argument of `asyncio.loop.create_server`.
   *
   * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
   * @example
   * ```ts
   * const server = yield* asyncio.startServer(handle, undefined, 8080, { family: 6 });
   * ```
   */
  family?: 4 | 6;
}

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Listens on `host`:`port` (all interfaces when `host` is undefined; several hosts, several
     * sockets; port 0, a free port) and returns the Server; each connection gets a protocol from
     * `protocolFactory`. Node only.
     *
     * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
     * @example
     * ```ts
     * class Echo extends asyncio.Protocol {
     *   private transport?: asyncio.Transport;
     *   override connectionMade(transport: asyncio.Transport): void {
     *     this.transport = transport;
     *   }
     *   override dataReceived(data: Uint8Array): void {
     *     this.transport!.write(data);
     *   }
     * }
     * function* main(): asyncio.Coroutine<void> {
     *   const server = yield* asyncio.getRunningLoop().createServer(() => new Echo(), "127.0.0.1", 8888);
     *   yield* server.serveForever();
     * }
     * ```
     */
    createServer(
      protocolFactory: StreamProtocolFactory<Protocol | BufferedProtocol>,
      host?: string | string[],
      port?: number,
      options?: TcpServerOptions,
    ): Coroutine<Server<[host: string, port: number]>>;
    /**
     * Listens on the Unix domain socket at `path` (a stale socket file there is replaced) and
     * returns the Server. Node only.
     *
     * @python `asyncio.loop.create_unix_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_unix_server
     * @example
     * ```ts
     * const server = yield* loop.createUnixServer(() => new asyncio.Protocol(), "/tmp/app.sock");
     * yield* server.serveForever();
     * ```
     */
    createUnixServer(
      protocolFactory: StreamProtocolFactory<Protocol | BufferedProtocol>,
      path: string,
      options?: UnixServerOptions,
    ): Coroutine<Server<string>>;
  }
}

EventLoop.prototype.createServer = function createServer(
  this: EventLoop,
  protocolFactory: StreamProtocolFactory<Protocol | BufferedProtocol>,
  host?: string | string[],
  port = 0,
  options: TcpServerOptions = {},
): Coroutine<Server<[host: string, port: number]>> {
  const hosts = host === undefined ? [undefined] : typeof host === "string" ? [host] : host;
  const any = options.family === 6 ? "::" : options.family === 4 ? "0.0.0.0" : undefined;
  const backlog = options.backlog ?? 511;
  return serve(
    this,
    protocolFactory,
    undefined,
    options,
    hosts.map((h) => (server) => server.listen({ host: h ?? any, port, backlog })),
    () => checkPort(port, "bind"),
  ) as Coroutine<Server<[host: string, port: number]>>;
};

EventLoop.prototype.createUnixServer = function createUnixServer(
  this: EventLoop,
  protocolFactory: StreamProtocolFactory<Protocol | BufferedProtocol>,
  path: string,
  options: UnixServerOptions = {},
): Coroutine<Server<string>> {
  removeStaleSocket(path);
  const backlog = options.backlog ?? 511;
  return serve(
    this,
    protocolFactory,
    { sockname: path, peername: "" },
    options,
    [(server) => server.listen({ path, backlog })],
    () => checkUnixPath(path),
  ) as Coroutine<Server<string>>;
};

/** CPython's messages for an address in use. */
function bindError(error: unknown, unix: UnixEnds | undefined): unknown {
  if (!(error instanceof OSError) || error.errno !== "EADDRINUSE") return error;
  const where = error.cause as { address?: string; port?: number } | undefined;
  const message =
    unix !== undefined
      ? `Address '${unix.sockname}' is already in use`
      : `error while attempting to bind on address ('${where?.address}', ${where?.port}): address already in use`;
  const mapped = new OSError(message, "EADDRINUSE");
  mapped.cause = error;
  return mapped;
}

/** As CPython: a socket file left by a process that is gone would make bind() fail. */
function removeStaleSocket(path: string): void {
  try {
    if (fs().lstatSync(path).isSocket()) fs().unlinkSync(path);
  } catch {
    // Nothing there, or not ours to remove: bind() reports it.
  }
}

function* serve(
  loop: EventLoop,
  protocolFactory: StreamProtocolFactory<Protocol | BufferedProtocol>,
  unix: UnixEnds | undefined,
  options: ServerOptions,
  binds: ((server: NetServer) => void)[],
  /** Refuses an address Node would misuse (unix-path.ts, port-range.ts). */
  checkAddress: () => void,
): Coroutine<Server> {
  const { ssl } = options;
  if (options.sslHandshakeTimeout !== undefined && ssl === undefined) {
    throw new ValueError("ssl_handshake_timeout is only meaningful with ssl");
  }
  checkAddress();
  // pauseOnConnect: nothing is read from a connection until its transport
  // starts reading (CPython reads after connection_made); else each of a
  // burst of connections waiting to be served holds a read's worth (64 KiB).
  // TLS must read for its handshake.
  const newListener = (): NetServer =>
    ssl === undefined
      ? net().createServer({ allowHalfOpen: true, pauseOnConnect: true })
      : tlsListener(ssl, options.sslHandshakeTimeout ?? SSL_HANDSHAKE_TIMEOUT);
  const listeners: NetServer[] = [];
  try {
    for (const bind of binds) {
      const server = newListener();
      listeners.push(server);
      yield* waitForEvent<void>(
        loop,
        (ok, fail) => {
          bind(server);
          server.once("listening", () => ok());
          server.once("error", fail);
        },
        () => server.close(),
      );
    }
  } catch (e) {
    for (const server of listeners) server.close();
    throw bindError(e, unix);
  }
  const accept = (accepted: Socket, owner: Server): void => {
    // Without TLS, the socket reads straight into the transport (direct-accept.ts).
    const { socket, reads } =
      ssl === undefined ? directAccept(accepted) : { socket: accepted, reads: undefined };
    if (unix === undefined) socket.setNoDelay(true);
    let protocol: Protocol | BufferedProtocol;
    try {
      protocol = protocolFactory();
    } catch (exc) {
      loop.callExceptionHandler({
        message: "Error on transport creation for incoming connection",
        exception: exc,
      });
      socket.destroy();
      return;
    }
    new StreamTransport(loop, protocol, {
      readable: socket,
      writable: socket,
      extra: socketExtra(socket, unix, ssl),
      server: owner,
      canWriteEof: ssl === undefined,
      directReads: reads,
    });
  };
  const server = new Server(
    loop,
    listeners,
    accept,
    unix === undefined
      ? undefined
      : closerFor(unix.sockname, (options as UnixServerOptions).cleanupSocket ?? true),
  );
  if (options.startServing ?? true) {
    yield* server.startServing();
  }
  return server;
}
