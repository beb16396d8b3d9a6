/**
 * `openConnection` and `startServer`: TCP streams on Node's `net` sockets.
 * A socket's data, EOF and errors feed a StreamReader (whose flow control
 * pauses and resumes the socket); a StreamWriter writes to it. Socket events
 * arrive as host callbacks and wake the loop through the reader's Futures.
 */
import { createConnection, createServer, type Server as NetServer, type Socket } from "node:net";
import type { AsyncContextManager } from "../../core/async-with.js";
import { type Coroutine, isCoroutine } from "../../core/coroutine.js";
import { PromiseFuture } from "../../core/ensure-future.js";
import type { EventLoop } from "../../core/event-loop.js";
import { RuntimeError } from "../../core/exceptions.js";
import { getRunningLoop } from "../../core/running-loop.js";
import { toOSError } from "./connection-errors.js";
import { feedReader } from "./feed-reader.js";
import { StreamReader } from "./stream-reader.js";
import { StreamWriter } from "./stream-writer.js";

export interface StreamOptions {
  /** The StreamReader's limit (64 KiB by default). */
  limit?: number;
}

/** Connects a socket to a new reader and writer. */
function attach(
  socket: Socket,
  loop: EventLoop,
  limit: number | undefined,
): [StreamReader, StreamWriter] {
  const reader = new StreamReader(limit, { loop });
  feedReader(reader, socket);
  return [reader, new StreamWriter(socket, reader, loop)];
}

/** A Future following a Node event: `ok` resolves it, `error` rejects it; cancelling runs `onCancel`. */
export function waitForEvent<T>(
  loop: EventLoop,
  start: (ok: (v: T) => void, fail: (e: unknown) => void) => void,
  onCancel: () => void,
): PromiseFuture<T> {
  const controller = new AbortController();
  controller.signal.addEventListener("abort", onCancel, { once: true });
  const future = new PromiseFuture<T>(loop, controller);
  future._follow(new Promise<T>((resolve, reject) => start(resolve, (e) => reject(toOSError(e)))));
  return future;
}

/**
 * Opens a TCP connection; returns its reader and writer.
 * @example const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", 8888);
 */
export function openConnection(
  host: string,
  port: number,
  options?: StreamOptions,
): Coroutine<[StreamReader, StreamWriter]> {
  return connect({ host, port }, options);
}

/**
 * Opens a connection to the Unix socket at `path`; returns its reader and writer.
 * @example const [reader, writer] = yield* asyncio.openUnixConnection("/tmp/app.sock");
 */
export function openUnixConnection(
  path: string,
  options?: StreamOptions,
): Coroutine<[StreamReader, StreamWriter]> {
  return connect({ path }, options);
}

function* connect(
  target: { host: string; port: number } | { path: string },
  options: StreamOptions | undefined,
): Coroutine<[StreamReader, StreamWriter]> {
  const loop = getRunningLoop();
  const socket = createConnection(target);
  yield* waitForEvent<void>(
    loop,
    (ok, fail) => {
      socket.once("connect", () => ok());
      socket.once("error", fail);
    },
    () => socket.destroy(),
  );
  return attach(socket, loop, options?.limit);
}

/** What `startServer` calls per connection; a coroutine it returns runs as a Task. */
export type ClientConnected = (
  reader: StreamReader,
  writer: StreamWriter,
) => Coroutine<unknown> | unknown;

/** A listening server (Python's `asyncio.Server`), usable through `asyncWith`. */
export class Server implements AsyncContextManager<Server> {
  private readonly _connections = new Set<Socket>();
  private _serving = true;
  private readonly _closed: Promise<void>;

  constructor(
    private readonly _server: NetServer,
    private readonly _loop: EventLoop,
  ) {
    this._closed = new Promise((resolve) => _server.once("close", () => resolve()));
  }

  /** @internal */
  _track(socket: Socket): void {
    this._connections.add(socket);
    socket.once("close", () => this._connections.delete(socket));
  }

  /** The listening TCP address as `[host, port]`. */
  get sockname(): [string, number] {
    const address = this._server.address();
    if (address === null || typeof address === "string") {
      throw new RuntimeError("the server is not listening on TCP");
    }
    return [address.address, address.port];
  }

  /** The path of a Unix socket server. */
  get path(): string {
    const address = this._server.address();
    if (typeof address !== "string")
      throw new RuntimeError("the server is not a Unix socket server");
    return address;
  }

  isServing(): boolean {
    return this._serving;
  }

  /** Stops listening; open connections are left alone (Python 3.12+: see `closeClients`). */
  close(): void {
    if (!this._serving) return;
    this._serving = false;
    this._server.close();
  }

  /** Closes every open client connection. */
  closeClients(): void {
    for (const socket of this._connections) socket.end();
  }

  /** Waits until the server is closed and its connections are gone. */
  *waitClosed(): Coroutine<void> {
    const closed = new PromiseFuture<void>(this._loop, undefined);
    closed._follow(this._closed);
    yield* closed;
  }

  /** Serves until cancelled, then closes. */
  *serveForever(): Coroutine<void> {
    try {
      yield* this._loop.createFuture<void>();
    } finally {
      this.close();
      yield* this.waitClosed();
    }
  }

  *aenter(): Coroutine<Server> {
    return this;
  }

  *aexit(_exc?: unknown): Coroutine<void> {
    this.close();
    yield* this.waitClosed();
  }
}

/**
 * Starts a TCP server calling `clientConnected(reader, writer)` per connection.
 * @example const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
 */
export function startServer(
  clientConnected: ClientConnected,
  host: string,
  port: number,
  options?: StreamOptions,
): Coroutine<Server> {
  return listen(clientConnected, (server) => server.listen(port, host), options);
}

/**
 * Starts a server on the Unix socket at `path`.
 * @example const server = yield* asyncio.startUnixServer(handle, "/tmp/app.sock");
 */
export function startUnixServer(
  clientConnected: ClientConnected,
  path: string,
  options?: StreamOptions,
): Coroutine<Server> {
  return listen(clientConnected, (server) => server.listen(path), options);
}

function* listen(
  clientConnected: ClientConnected,
  bind: (server: NetServer) => void,
  options: StreamOptions | undefined,
): Coroutine<Server> {
  const loop = getRunningLoop();
  let server!: Server;
  const net = createServer((socket) => {
    server._track(socket);
    const [reader, writer] = attach(socket, loop, options?.limit);
    loop.callSoon(() => {
      const result = clientConnected(reader, writer);
      if (isCoroutine(result)) loop.createTask(result);
    });
  });
  server = new Server(net, loop);
  yield* waitForEvent<void>(
    loop,
    (ok, fail) => {
      net.once("listening", () => ok());
      net.once("error", fail);
      bind(net);
    },
    () => net.close(),
  );
  return server;
}
