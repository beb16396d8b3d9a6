/**
 * `Server` (Python's `asyncio.Server`): listening sockets, the transports of
 * the connections they accepted, and CPython 3.12.1+'s closing rules —
 * `close()` stops listening and leaves connections alone; `waitClosed()`
 * returns once the server is closed and its last connection is gone.
 */
import type { Server as NetServer, Socket } from "node:net";
import type { AsyncContextManager } from "../../core/async-with.js";
import {
  type Context,
  type Coroutine,
  copyContext,
  type EventLoop,
  type Future,
  inspectCustom,
  named,
  RuntimeError,
} from "../../core/kernel/index.js";
import { sleep } from "../../core/sleep.js";
import { tls } from "../lazy-builtins.js";
import { parkUntilAdopted } from "./await-connected.js";
import { holdOnLoop, type LoopResource, letGo } from "./loop-resources.js";
import { ServerSocket, type SocketAddress } from "./server-socket.js";
import type { ConnectionOwner, StreamTransport } from "./stream-transport.js";
import { TlsHandshakes } from "./tls-handshakes.js";

/** Makes the transport (and protocol) of an accepted connection. */
export type AcceptConnection = (socket: Socket, server: Server) => void;

/**
 * A server made by `startServer`, `loop.createServer` and their Unix twins: its listening
 * sockets and the connections they accepted. `close()` stops listening and leaves connections
 * alone; `waitClosed()` returns once it is closed and its last connection is gone (CPython
 * 3.12.1+). An async context manager: `asyncWith` closes it and waits.
 *
 * @python `asyncio.Server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const server = yield* asyncio.startServer(handle, "127.0.0.1", 8888);
 *   console.log(`serving on ${server.sockets.map(String).join(", ")}`);
 *   yield* asyncio.asyncWith(server, function* () {
 *     yield* server.serveForever();
 *   });
 * }
 * ```
 */
export class Server<A extends SocketAddress = SocketAddress>
  implements ConnectionOwner, AsyncContextManager<Server<A>>, LoopResource
{
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "Server", [
    "startServing",
    "serveForever",
    "waitClosed",
  ]);
  private _listeners: NetServer[] | undefined;
  private readonly _clients = new Set<StreamTransport>();
  private _waiters: Future<void>[] | undefined = [];
  private _serving = false;
  private _servingForever: Future<void> | undefined;
  /**
   * Connections that arrived before `startServing`. CPython does not listen
   * until then (a client is refused); Node cannot bind without listening, so
   * they wait here and are served when serving starts.
   */
  private _pending: Socket[] = [];
  /**
   * What a connection is accepted in: a copy of the context that started
   * serving, as CPython's accept callback is a Handle made (with a copy of
   * the context) when serving starts, so a handler's Task sees the
   * ContextVars set before `startServer`. Node's connection event itself
   * runs in no Task's context.
   */
  private _context: Context | undefined;
  // TLS connections still handshaking: clients too, as in CPython (tls-handshakes.ts).
  private readonly _handshakes = new TlsHandshakes(() => this._onHandshakeEnded());

  /** @internal Listeners must already be bound; `accept` runs inside the loop. */
  constructor(
    private readonly _loop: EventLoop,
    listeners: NetServer[],
    private readonly _accept: AcceptConnection,
    private readonly _closeListener: (listener: NetServer) => void = (l) => l.close(),
  ) {
    this._listeners = listeners;
    holdOnLoop(_loop, this);
    for (const listener of listeners) {
      // Over TLS connections arrive once their handshake is done; a client
      // that fails it is its own problem (tls-listener.ts), not the server's.
      const secure = listener instanceof tls().Server;
      if (secure) this._handshakes.watch(listener);
      const event = secure ? "secureConnection" : "connection";
      listener.on(event, (socket: Socket) => this._onHostConnection(socket));
      listener.on("error", (exc: Error) =>
        _loop.callExceptionHandler({ message: "Error on listening socket", exception: exc }),
      );
    }
  }

  private _onHostConnection(socket: Socket): void {
    if (this._loop.isClosed()) {
      socket.destroy();
      return;
    }
    parkUntilAdopted(socket);
    const accept = (): void => {
      if (this._listeners === undefined) {
        socket.destroy();
        // A TLS connection secured after close() was a client waitClosed() waited for.
        this._wakeIfDone();
      } else if (!this._serving) this._pending.push(socket);
      else this._accept(socket, this);
    };
    const context = this._context;
    if (context === undefined) this._loop.callSoon(accept);
    else this._loop.callSoon(accept, { context });
  }

  /** @internal */
  _releaseOnLoopClose(): void {
    for (const listener of this._listeners ?? []) this._closeListener(listener);
    for (const socket of this._pending) socket.destroy();
    this._handshakes.destroyAll();
    this._listeners = undefined;
    this._pending = [];
  }

  /** @internal */
  _attach(transport: StreamTransport): void {
    this._clients.add(transport);
  }

  /** @internal */
  _detach(transport: StreamTransport): void {
    this._clients.delete(transport);
    this._wakeIfDone();
  }

  private _onHandshakeEnded(): void {
    if (this._listeners === undefined && this._handshakes.size === 0) letGo(this._loop, this);
    this._wakeIfDone();
  }

  /** Wakes waitClosed() once the server is closed and its last connection, handshaking or not, is gone. */
  private _wakeIfDone(): void {
    if (this._listeners === undefined && this._clients.size === 0 && this._handshakes.size === 0) {
      this._wakeup();
    }
  }

  private _wakeup(): void {
    const waiters = this._waiters;
    this._waiters = undefined;
    for (const waiter of waiters ?? []) if (!waiter.done()) waiter.setResult(undefined);
  }

  /**
   * The loop the server runs on.
   *
   * @python `asyncio.Server.get_loop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.get_loop
   * @example
   * ```ts
   * console.log(server.getLoop() === asyncio.getRunningLoop()); // true
   * ```
   */
  getLoop(): EventLoop {
    return this._loop;
  }

  /**
   * Whether the server accepts connections (started serving and not closed).
   *
   * @python `asyncio.Server.is_serving` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.is_serving
   * @example
   * ```ts
   * if (!server.isServing()) yield* server.startServing();
   * ```
   */
  isServing(): boolean {
    return this._serving;
  }

  /**
   * The listening sockets; empty once closed.
   *
   * @python `asyncio.Server.sockets` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.sockets
   * @example
   * ```ts
   * const [host, port] = server.sockets[0]!.getsockname(); // a TCP server's: [host, port]
   * console.log(`listening on ${host}:${port}`);
   * ```
   */
  get sockets(): ServerSocket<A>[] {
    return (this._listeners ?? []).map((listener) => new ServerSocket<A>(listener));
  }

  /**
   * Starts accepting connections (for a server made with `startServing: false`); does nothing
   * if it already does.
   *
   * @python `asyncio.Server.start_serving` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.start_serving
   * @example
   * ```ts
   * const server = yield* asyncio.startServer(handle, "127.0.0.1", 0, { startServing: false });
   * // ...finish setting up, then:
   * yield* server.startServing();
   * ```
   */
  *startServing(): Coroutine<void> {
    this._startServing();
    yield* sleep(0);
  }

  private _startServing(): void {
    if (this._serving || this._listeners === undefined) return;
    this._serving = true;
    this._context = copyContext();
    const pending = this._pending;
    this._pending = [];
    for (const socket of pending) this._accept(socket, this);
  }

  /**
   * Stops listening (and cancels `serveForever`); open connections are left alone (see
   * `closeClients`). Follow with `waitClosed()`.
   *
   * @python `asyncio.Server.close` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.close
   * @example
   * ```ts
   * server.close();
   * yield* server.waitClosed();
   * ```
   */
  close(): void {
    const listeners = this._listeners;
    if (listeners === undefined) return;
    this._listeners = undefined;
    // A handshake under way keeps the server on the loop, whose close ends it.
    if (this._handshakes.size === 0) letGo(this._loop, this);
    for (const listener of listeners) this._closeListener(listener);
    for (const socket of this._pending) socket.destroy();
    this._pending = [];
    this._serving = false;
    const forever = this._servingForever;
    if (forever !== undefined && !forever.done()) {
      forever.cancel();
      this._servingForever = undefined;
    }
    this._wakeIfDone();
  }

  /**
   * Closes every accepted connection once its buffered data is sent, and ends the TLS
   * handshakes under way (Python 3.13).
   *
   * @python `asyncio.Server.close_clients` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.close_clients
   * @example
   * ```ts
   * server.close();
   * server.closeClients();
   * yield* server.waitClosed();
   * ```
   */
  closeClients(): void {
    this._handshakes.destroyAll();
    for (const transport of [...this._clients]) transport.close();
  }

  /**
   * Closes every accepted connection at once, dropping buffered data, and ends the TLS
   * handshakes under way (Python 3.13).
   *
   * @python `asyncio.Server.abort_clients` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.abort_clients
   * @example
   * ```ts
   * server.close();
   * server.abortClients();
   * yield* server.waitClosed();
   * ```
   */
  abortClients(): void {
    this._handshakes.destroyAll();
    for (const transport of [...this._clients]) transport.abort();
  }

  /**
   * Accepts connections until cancelled, then closes the server, waits for its connections to
   * end, and raises the CancelledError. RuntimeError if already awaited or closed.
   *
   * @python `asyncio.Server.serve_forever` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.serve_forever
   * @example
   * ```ts
   * const serving = asyncio.createTask(server.serveForever());
   * // on shutdown:
   * serving.cancel();
   * ```
   */
  *serveForever(): Coroutine<void> {
    if (this._servingForever !== undefined) {
      throw new RuntimeError(`server ${this} is already being awaited on serve_forever()`);
    }
    if (this._listeners === undefined) throw new RuntimeError(`server ${this} is closed`);
    this._startServing();
    this._servingForever = this._loop.createFuture<void>();
    try {
      yield* this._servingForever;
    } catch (e) {
      this.close();
      yield* this.waitClosed();
      throw e;
    } finally {
      this._servingForever = undefined;
    }
  }

  /**
   * Waits until the server is closed and its last connection has ended.
   *
   * @python `asyncio.Server.wait_closed` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.wait_closed
   * @example
   * ```ts
   * server.close();
   * yield* server.waitClosed();
   * ```
   */
  *waitClosed(): Coroutine<void> {
    if (this._waiters === undefined) return;
    const waiter = this._loop.createFuture<void>();
    this._waiters.push(waiter);
    yield* waiter;
  }

  /**
   * Enters `asyncWith(server, …)`: gives the server itself.
   *
   * @python `asyncio.Server.__aenter__` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server
   * @example
   * ```ts
   * yield* asyncio.asyncWith(server, function* (s) {
   *   yield* s.serveForever();
   * });
   * ```
   */
  *aenter(): Coroutine<Server<A>> {
    return this;
  }

  /**
   * Leaves `asyncWith(server, …)`: closes the server and waits until it is closed.
   *
   * @python `asyncio.Server.__aexit__` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server
   * @example
   * ```ts
   * yield* asyncio.asyncWith(server, function* () {
   *   yield* asyncio.sleep(60); // serve a minute, then close
   * });
   * ```
   */
  *aexit(_exc?: unknown): Coroutine<void> {
    this.close();
    yield* this.waitClosed();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * Python's repr of the server: `<Server sockets=(<ServerSocket …>,)>`.
   *
   * @python `asyncio.Server.__repr__` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server
   * @example
   * ```ts
   * console.log(String(server));
   * ```
   */
  toString(): string {
    // A Python tuple: one member keeps its trailing comma.
    const sockets = this.sockets;
    return `<Server sockets=(${sockets.join(", ")}${sockets.length === 1 ? "," : ""})>`;
  }
}
