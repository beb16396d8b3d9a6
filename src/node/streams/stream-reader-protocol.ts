/**
 * The protocol that joins a transport to a StreamReader and a StreamWriter
 * (CPython's `StreamReaderProtocol` with its `FlowControlMixin`): bytes and
 * EOF go to the reader; `pauseWriting`/`resumeWriting` hold and release the
 * writer's `drain()`; on a server, `connectionMade` calls the user's
 * callback with a fresh reader and writer, and runs a coroutine it returns
 * as a Task.
 */
import { type Coroutine, isCoroutine } from "../../core/coroutine.js";
import type { EventLoop } from "../../core/event-loop.js";
import type { Future } from "../../core/futures.js";
import { getEventLoop } from "../../core/running-loop.js";
import { Protocol } from "../transports/protocols.js";
import type { Transport } from "../transports/transport.js";
import { ConnectionResetError } from "./connection-errors.js";
import type { StreamReader } from "./stream-reader.js";
import { StreamWriter } from "./stream-writer.js";

/**
 * What `startServer` calls per connection; a coroutine it returns runs as a
 * Task. (Not `| unknown`, which would swallow the union and tell the lint
 * plugin the result is dropped.)
 */
export type ClientConnected = (
  reader: StreamReader,
  writer: StreamWriter,
) => Coroutine<unknown> | void;

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

  /** The connection's transport, once made and until lost. */
  get transport(): Transport | undefined {
    return this._transport;
  }

  /** Whether this protocol serves a connection a server accepted. */
  get serverSide(): boolean {
    return this._clientConnected !== undefined;
  }

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

  override dataReceived(data: Uint8Array): void {
    this._reader?.feedData(data);
  }

  override eofReceived(): boolean | undefined {
    this._reader?.feedEof();
    // Over TLS a half-close cannot be kept: let the transport close.
    return !this._overSSL;
  }

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

  override pauseWriting(): void {
    this._paused = true;
  }

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
