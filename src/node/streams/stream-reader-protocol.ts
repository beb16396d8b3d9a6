/**
 * The protocol that joins a transport to a StreamReader and a StreamWriter
 * (CPython's `StreamReaderProtocol` with its `FlowControlMixin`): bytes and
 * EOF go to the reader; `pauseWriting`/`resumeWriting` hold and release the
 * writer's `drain()`; on a server, `connectionMade` calls the user's
 * callback with a fresh reader and writer, and runs a coroutine it returns
 * as a Task.
 */
import {
  type Coroutine,
  type EventLoop,
  type Future,
  getEventLoop,
  isCoroutine,
} from "../../core/kernel/index.js";
import { Protocol } from "../transports/protocols.js";
import type { Transport } from "../transports/transport.js";
import { ConnectionResetError } from "./connection-errors.js";
import type { StreamReader } from "./stream-reader.js";
import { StreamWriter } from "./stream-writer.js";

/**
 * What `startServer` calls for each connection with its reader and writer; a coroutine it
 * returns runs as a Task (a generator function is the usual choice).
 * In Python, the `client_connected_cb` argument of `asyncio.start_server`.
 *
 * @python `asyncio.start_server` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.start_server
 * @example
 * ```ts
 * const echo: asyncio.ClientConnected = function* (reader, writer) {
 *   writer.write(yield* reader.read(100));
 *   writer.close();
 * };
 * const server = yield* asyncio.startServer(echo, "127.0.0.1", 0);
 * ```
 */
export type ClientConnected = (
  reader: StreamReader,
  writer: StreamWriter,
) => Coroutine<unknown> | void;

/**
 * The protocol that joins a transport to a StreamReader (bytes and EOF go to it) and to a
 * StreamWriter's `drain()` (flow control); on a server it calls the `ClientConnected`
 * callback with a fresh reader and writer. What `openConnection` and `startServer` use.
 *
 * @python `asyncio.StreamReaderProtocol` (not in CPython's documentation) — https://docs.python.org/3/library/asyncio-stream.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const loop = asyncio.getRunningLoop();
 *   const reader = new asyncio.StreamReader();
 *   const protocol = new asyncio.StreamReaderProtocol(reader);
 *   const [transport] = yield* loop.createConnection(() => protocol, "example.com", 80);
 *   const writer = new asyncio.StreamWriter(transport, protocol, reader, loop);
 * }
 * ```
 */
export class StreamReaderProtocol extends Protocol {
  private _reader: StreamReader | undefined;
  private _transport: Transport | undefined;
  private _overSSL = false;
  private _paused = false;
  private _connectionLost = false;
  private readonly _drainWaiters: Future<void>[] = [];
  private readonly _closed: Future<void>;

  private readonly _loop: EventLoop;

  /** CPython's signature: the loop defaults to the running (or current) one. */
  constructor(
    reader: StreamReader | undefined,
    private readonly _clientConnected?: ClientConnected,
    loop?: EventLoop,
  ) {
    super();
    this._reader = reader;
    this._loop = loop ?? getEventLoop();
    this._closed = this._loop.createFuture<void>();
  }

  /**
   * The connection's transport, once made and until lost.
   *
   * @python no counterpart: CPython keeps it private (`_transport`) — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * protocol.transport?.close();
   * ```
   */
  get transport(): Transport | undefined {
    return this._transport;
  }

  /**
   * Whether this protocol serves a connection a server accepted (it has a `ClientConnected`
   * callback); `StreamWriter.startTls` then takes the TLS server side.
   *
   * @python no counterpart: CPython tests `_client_connected_cb` in `start_tls` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.start_tls
   * @example
   * ```ts
   * console.log(protocol.serverSide ? "accepted" : "connected out");
   * ```
   */
  get serverSide(): boolean {
    return this._clientConnected !== undefined;
  }

  /**
   * Called by the transport when the connection is made: gives the reader its transport and, on
   * a server, calls the `ClientConnected` callback (a coroutine it returns runs as a Task; an
   * error in it goes to the loop's exception handler and closes the connection).
   *
   * @python `asyncio.BaseProtocol.connection_made` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * const protocol = new asyncio.StreamReaderProtocol(new asyncio.StreamReader());
   * yield* loop.createConnection(() => protocol, "example.com", 80); // calls connectionMade
   * ```
   */
  override connectionMade(transport: Transport): void {
    this._transport = transport;
    this._reader?.setTransport(transport);
    this._overSSL = transport.getExtraInfo("sslcontext") !== undefined;
    const callback = this._clientConnected;
    if (callback === undefined) return;
    const reader = this._reader!;
    const writer = new StreamWriter(transport, this, reader, this._loop);
    const result = callback(reader, writer);
    if (isCoroutine(result)) {
      const task = this._loop.createTask(result);
      task.addDoneCallback(() => {
        if (task.cancelled()) {
          transport.close();
          return;
        }
        const exc = task.exception();
        if (exc !== undefined) {
          this._loop.callExceptionHandler({
            message: "Unhandled exception in client_connected_cb",
            exception: exc,
            transport,
          });
          transport.close();
        }
      });
    }
  }

  /** startTls replaced the transport underneath. */
  _replaceTransport(transport: Transport): void {
    this._transport = transport;
    this._reader?._replaceTransport(transport);
    this._overSSL = transport.getExtraInfo("sslcontext") !== undefined;
  }

  /**
   * Called by the transport with bytes received: feeds them to the reader.
   *
   * @python `asyncio.Protocol.data_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.Protocol.data_received
   * @example
   * ```ts
   * const reader = new asyncio.StreamReader();
   * const protocol = new asyncio.StreamReaderProtocol(reader);
   * protocol.dataReceived(new TextEncoder().encode("hi\n"));
   * const line = yield* reader.readline(); // "hi\n"
   * ```
   */
  override dataReceived(data: Uint8Array): void {
    this._reader?.feedData(data);
  }

  /**
   * Called by the transport when the peer half-closes: feeds EOF to the reader and keeps the
   * connection open for writing (returns true), except over TLS, which cannot half-close.
   *
   * @python `asyncio.Protocol.eof_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.Protocol.eof_received
   * @example
   * ```ts
   * const keepOpen = protocol.eofReceived(); // true on plain TCP
   * ```
   */
  override eofReceived(): boolean | undefined {
    this._reader?.feedEof();
    // Over TLS a half-close cannot be kept: let the transport close.
    return !this._overSSL;
  }

  /**
   * Called by the transport when the connection is closed: ends the reader (with `exc` as its
   * error, if any), settles `StreamWriter.waitClosed()`, and wakes writers waiting in `drain()`.
   *
   * @python `asyncio.BaseProtocol.connection_lost` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_lost
   * @example
   * ```ts
   * protocol.connectionLost(undefined); // a clean close: the reader reads EOF
   * ```
   */
  override connectionLost(exc: Error | undefined): void {
    const reader = this._reader;
    if (reader !== undefined) {
      if (exc === undefined) reader.feedEof();
      else reader.setException(exc);
    }
    if (!this._closed.done()) {
      if (exc === undefined) this._closed.setResult(undefined);
      else {
        this._closed.setException(exc);
        // Nobody may wait for it; the error is the reader's to report.
        this._closed.exception();
      }
    }
    this._connectionLost = true;
    if (this._paused) this._wakeDrainWaiters(exc);
    this._reader = undefined;
    this._transport = undefined;
  }

  /**
   * Called by the transport when its write buffer goes over the high-water mark: `drain()` then waits.
   *
   * @python `asyncio.BaseProtocol.pause_writing` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.pause_writing
   * @example
   * ```ts
   * protocol.pauseWriting(); // writer.drain() now waits for resumeWriting()
   * ```
   */
  override pauseWriting(): void {
    this._paused = true;
  }

  /**
   * Called by the transport when its write buffer drains to the low-water mark: wakes `drain()`.
   *
   * @python `asyncio.BaseProtocol.resume_writing` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.resume_writing
   * @example
   * ```ts
   * protocol.resumeWriting(); // writers waiting in drain() go on
   * ```
   */
  override resumeWriting(): void {
    this._paused = false;
    this._wakeDrainWaiters(undefined);
  }

  private _wakeDrainWaiters(exc: Error | undefined): void {
    for (const waiter of this._drainWaiters) {
      if (waiter.done()) continue;
      if (exc === undefined) waiter.setResult(undefined);
      else waiter.setException(exc);
    }
  }

  /**
   * Whether `_drainHelper` has anything to do (raise or wait): `drain()` on a
   * connection neither paused nor lost then costs no generator (W9 drains
   * once per round trip on each side).
   */
  _mustDrain(): boolean {
    return this._connectionLost || this._paused;
  }

  /** What `StreamWriter.drain()` waits on: the transport's buffer below its low-water mark. */
  *_drainHelper(): Coroutine<void> {
    if (this._connectionLost) throw new ConnectionResetError("Connection lost");
    if (!this._paused) return;
    const waiter = this._loop.createFuture<void>();
    this._drainWaiters.push(waiter);
    try {
      yield* waiter;
    } finally {
      this._drainWaiters.splice(this._drainWaiters.indexOf(waiter), 1);
    }
  }

  /** Resolves when the connection is closed (StreamWriter.waitClosed). */
  _closeWaiter(): Future<void> {
    return this._closed;
  }
}
