/**
 * `StreamWriter` (CPython's): writes go straight to the transport, which
 * buffers them; `drain()` waits while that buffer is above its high-water
 * mark (real backpressure), and raises once the connection is lost.
 */
import type { Coroutine } from "../../core/coroutine.js";
import type { EventLoop } from "../../core/event-loop.js";
import { sleep } from "../../core/sleep.js";
import "../transports/start-tls.js";
import { inspectCustom } from "../../core/inspect.js";
import type { ClientSSL, ServerSSL } from "../transports/tls-options.js";
import type { Transport, WriteTransport } from "../transports/transport.js";
import type { StreamReader } from "./stream-reader.js";
import type { StreamReaderProtocol } from "./stream-reader-protocol.js";

/** What a writer needs of its protocol: drain and close waiting (StreamReaderProtocol's). */
export type WriterProtocol = Pick<
  StreamReaderProtocol,
  "_drainHelper" | "_closeWaiter" | "_replaceTransport" | "serverSide"
>;

export class StreamWriter {
  constructor(
    private _transport: WriteTransport,
    private readonly _protocol: WriterProtocol,
    private readonly _reader: StreamReader | undefined,
    private readonly _loop: EventLoop,
  ) {}

  get transport(): WriteTransport {
    return this._transport;
  }

  write(data: Uint8Array): void {
    this._transport.write(data);
  }

  writelines(data: Iterable<Uint8Array>): void {
    this._transport.writelines(data);
  }

  /** Half-closes: no more writes, the peer reads EOF. */
  writeEof(): void {
    this._transport.writeEof();
  }

  canWriteEof(): boolean {
    return this._transport.canWriteEof();
  }

  isClosing(): boolean {
    return this._transport.isClosing();
  }

  /** Sends what was written, then closes the connection. */
  close(): void {
    this._transport.close();
  }

  /** Waits until the connection is closed; raises the error that closed it, if any. */
  *waitClosed(): Coroutine<void> {
    yield* this._protocol._closeWaiter();
  }

  /**
   * Waits until the write buffer is down to its low-water mark; raises the
   * reader's error, or ConnectionResetError if the connection is lost.
   */
  *drain(): Coroutine<void> {
    const exc = this._reader?.exception();
    if (exc !== undefined) throw exc;
    if (this._transport.isClosing()) {
      // As CPython: give the loop a turn so connectionLost runs first and
      // the helper below raises instead of waiting forever.
      yield* sleep(0);
    }
    yield* this._protocol._drainHelper();
  }

  /** Upgrades the connection to TLS (the server side when a server accepted it). */
  *startTls(
    sslcontext: ClientSSL | ServerSSL,
    options: { serverHostname?: string; sslHandshakeTimeout?: number } = {},
  ): Coroutine<void> {
    const serverSide = this._protocol.serverSide;
    yield* this.drain();
    const upgraded = yield* this._loop.startTls(
      this._transport as Transport,
      this._protocol as StreamReaderProtocol,
      sslcontext,
      { ...options, serverSide },
    );
    this._transport = upgraded;
    this._protocol._replaceTransport(upgraded);
  }

  /** Python's `get_extra_info`: `peername`, `sockname`, `socket`, `sslcontext`, `peercert`… */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this._transport.getExtraInfo(name, defaultValue);
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    return `<StreamWriter transport=${this._transport}${this._reader ? ` reader=${this._reader}` : ""}>`;
  }
}
