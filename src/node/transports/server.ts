/**
 * `Server` (Python's `asyncio.Server`): listening sockets, the transports of
 * the connections they accepted, and CPython 3.12.1+'s closing rules —
 * `close()` stops listening and leaves connections alone; `waitClosed()`
 * returns once the server is closed and its last connection is gone.
 */
import type { Server as NetServer, Socket } from "node:net";
import { Server as TlsServer } from "node:tls";
import type { AsyncContextManager } from "../../core/async-with.js";
import type { Coroutine } from "../../core/coroutine.js";
import type { EventLoop } from "../../core/event-loop.js";
import { RuntimeError } from "../../core/exceptions.js";
import type { Future } from "../../core/futures.js";
import { inspectCustom } from "../../core/inspect.js";
import { sleep } from "../../core/sleep.js";
import { parkUntilAdopted } from "./await-connected.js";
import { holdOnLoop, type LoopResource, letGo } from "./loop-resources.js";
import type { ConnectionOwner, StreamTransport } from "./stream-transport.js";

/** A listening socket, as `server.sockets` lists them. */
export class ServerSocket {
  constructor(private readonly _server: NetServer) {}

  /** `[host, port]` of a TCP listener, the path of a Unix one. */
  getsockname(): [string, number] | string {
    const address = this._server.address();
    if (address === null) throw new RuntimeError("the socket is not listening");
    return typeof address === "string" ? address : [address.address, address.port];
  }

  /** Python's `socket.family` as a name: `"AF_INET"`, `"AF_INET6"` or `"AF_UNIX"`. */
  get family(): "AF_INET" | "AF_INET6" | "AF_UNIX" {
    const address = this._server.address();
    if (address === null || typeof address === "string") return "AF_UNIX";
    return address.family === "IPv6" ? "AF_INET6" : "AF_INET";
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /** CPython's TransportSocket repr without the fd, type and proto: `<ServerSocket family=AF_INET, laddr=('127.0.0.1', 8888)>`. */
  toString(): string {
    const address = this._server.address();
    if (address === null) return `<ServerSocket family=${this.family}>`;
    const laddr = typeof address === "string" ? address : `('${address.address}', ${address.port})`;
    return `<ServerSocket family=${this.family}, laddr=${laddr}>`;
  }
}

/** Makes the transport (and protocol) of an accepted connection. */
export type AcceptConnection = (socket: Socket, server: Server) => void;

export class Server implements ConnectionOwner, AsyncContextManager<Server>, LoopResource {
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
      const event = listener instanceof TlsServer ? "secureConnection" : "connection";
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
    this._loop.callSoon(() => {
      if (this._listeners === undefined) socket.destroy();
      else if (!this._serving) this._pending.push(socket);
      else this._accept(socket, this);
    });
  }

  /** @internal */
  _releaseOnLoopClose(): void {
    for (const listener of this._listeners ?? []) this._closeListener(listener);
    for (const socket of this._pending) socket.destroy();
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
    if (this._clients.size === 0 && this._listeners === undefined) this._wakeup();
  }

  private _wakeup(): void {
    const waiters = this._waiters;
    this._waiters = undefined;
    for (const waiter of waiters ?? []) if (!waiter.done()) waiter.setResult(undefined);
  }

  getLoop(): EventLoop {
    return this._loop;
  }

  isServing(): boolean {
    return this._serving;
  }

  /** The listening sockets; empty once closed. */
  get sockets(): ServerSocket[] {
    return (this._listeners ?? []).map((listener) => new ServerSocket(listener));
  }

  /** Starts accepting connections (a server made with `startServing: false`). */
  *startServing(): Coroutine<void> {
    this._startServing();
    yield* sleep(0);
  }

  private _startServing(): void {
    if (this._serving || this._listeners === undefined) return;
    this._serving = true;
    const pending = this._pending;
    this._pending = [];
    for (const socket of pending) this._accept(socket, this);
  }

  /** Stops listening; open connections are left alone (see `closeClients`). */
  close(): void {
    const listeners = this._listeners;
    if (listeners === undefined) return;
    this._listeners = undefined;
    letGo(this._loop, this);
    for (const listener of listeners) this._closeListener(listener);
    for (const socket of this._pending) socket.destroy();
    this._pending = [];
    this._serving = false;
    const forever = this._servingForever;
    if (forever !== undefined && !forever.done()) {
      forever.cancel();
      this._servingForever = undefined;
    }
    if (this._clients.size === 0) this._wakeup();
  }

  /** Closes every connection after its buffered data is sent (3.13). */
  closeClients(): void {
    for (const transport of [...this._clients]) transport.close();
  }

  /** Closes every connection at once (3.13). */
  abortClients(): void {
    for (const transport of [...this._clients]) transport.abort();
  }

  /** Serves until cancelled; then closes and waits for the connections to end. */
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

  /** Waits until the server is closed and its last connection has ended. */
  *waitClosed(): Coroutine<void> {
    if (this._waiters === undefined) return;
    const waiter = this._loop.createFuture<void>();
    this._waiters.push(waiter);
    yield* waiter;
  }

  *aenter(): Coroutine<Server> {
    return this;
  }

  *aexit(_exc?: unknown): Coroutine<void> {
    this.close();
    yield* this.waitClosed();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    // A Python tuple: one member keeps its trailing comma.
    const sockets = this.sockets;
    return `<Server sockets=(${sockets.join(", ")}${sockets.length === 1 ? "," : ""})>`;
  }
}
