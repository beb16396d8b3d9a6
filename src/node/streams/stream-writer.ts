/**
 * `StreamWriter` (CPython's): writes go straight to the transport, which
 * buffers them; `drain()` waits while that buffer is above its high-water
 * mark (real backpressure), and raises once the connection is lost.
 */
import { type Coroutine, type EventLoop, inspectCustom, named } from "../../core/kernel/index.js";
import { sleep } from "../../core/sleep.js";
import "../transports/start-tls.js";
import type { ClientSSL, ServerSSL } from "../transports/tls-options.js";
import type { ExtraInfo, Transport, WriteTransport } from "../transports/transport.js";
import { Drain } from "./drain.js";
import type { StreamReader } from "./stream-reader.js";
import type { StreamReaderProtocol } from "./stream-reader-protocol.js";

/** What a writer needs of its protocol: drain and close waiting (StreamReaderProtocol's). */
export type WriterProtocol = Pick<
  StreamReaderProtocol,
  "_drainHelper" | "_mustDrain" | "_closeWaiter" | "_replaceTransport" | "serverSide"
>;

/**
 * Writes to a connection or a pipe: `write` buffers in the transport, `drain()` waits while
 * that buffer is above its high-water mark (backpressure), `close()` and `waitClosed()` end
 * the connection. Made by `openConnection`, `startServer` and subprocess pipes.
 *
 * @python `asyncio.StreamWriter` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", 8888);
 *   writer.write(new TextEncoder().encode("hello\n"));
 *   yield* writer.drain();
 *   writer.close();
 *   yield* writer.waitClosed();
 * }
 * ```
 */
export class StreamWriter {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "StreamWriter", ["waitClosed", "startTls"]);
  /**
   * Made by `openConnection`, `startServer` and subprocess pipes; its protocol is the
   * connection's internal StreamReaderProtocol (CPython does not advise making one either).
   */
  constructor(
    private _transport: WriteTransport,
    private readonly _protocol: WriterProtocol,
    private readonly _reader: StreamReader | undefined,
    private readonly _loop: EventLoop,
  ) {}

  /**
   * The transport underneath (the TLS one after `startTls`).
   *
   * @python `asyncio.StreamWriter.transport` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.transport
   * @example
   * ```ts
   * console.log(writer.transport.getWriteBufferSize());
   * ```
   */
  get transport(): WriteTransport {
    return this._transport;
  }

  /**
   * Writes `data` at once or buffers it in the transport; follow with `drain()` to respect backpressure.
   *
   * @python `asyncio.StreamWriter.write` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.write
   * @example
   * ```ts
   * writer.write(new TextEncoder().encode("hello\n"));
   * yield* writer.drain();
   * ```
   */
  write(data: Uint8Array): void {
    this._transport.write(data);
  }

  /**
   * Writes each of `data`'s chunks, as `write` does.
   *
   * @python `asyncio.StreamWriter.writelines` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.writelines
   * @example
   * ```ts
   * const enc = new TextEncoder();
   * writer.writelines([enc.encode("a\n"), enc.encode("b\n")]);
   * yield* writer.drain();
   * ```
   */
  writelines(data: Iterable<Uint8Array>): void {
    this._transport.writelines(data);
  }

  /**
   * Half-closes the connection after the buffered data: no more writes, the peer reads EOF,
   * and reading goes on.
   *
   * @python `asyncio.StreamWriter.write_eof` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.write_eof
   * @example
   * ```ts
   * writer.write(new TextEncoder().encode("request"));
   * if (writer.canWriteEof()) writer.writeEof();
   * const reply = yield* reader.read();
   * ```
   */
  writeEof(): void {
    this._transport.writeEof();
  }

  /**
   * Whether the transport can half-close (`writeEof`): TCP can, TLS cannot.
   *
   * @python `asyncio.StreamWriter.can_write_eof` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.can_write_eof
   * @example
   * ```ts
   * if (writer.canWriteEof()) writer.writeEof();
   * else writer.close();
   * ```
   */
  canWriteEof(): boolean {
    return this._transport.canWriteEof();
  }

  /**
   * Whether the writer is closed or closing.
   *
   * @python `asyncio.StreamWriter.is_closing` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.is_closing
   * @example
   * ```ts
   * if (!writer.isClosing()) writer.write(new TextEncoder().encode("bye\n"));
   * ```
   */
  isClosing(): boolean {
    return this._transport.isClosing();
  }

  /**
   * Closes the connection once what was written is sent; follow with `waitClosed()`.
   *
   * @python `asyncio.StreamWriter.close` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.close
   * @example
   * ```ts
   * writer.close();
   * yield* writer.waitClosed();
   * ```
   */
  close(): void {
    this._transport.close();
  }

  /**
   * Waits until the connection is closed; raises the error that closed it, if any.
   *
   * @python `asyncio.StreamWriter.wait_closed` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.wait_closed
   * @example
   * ```ts
   * writer.close();
   * yield* writer.waitClosed();
   * ```
   */
  *waitClosed(): Coroutine<void> {
    yield* this._protocol._closeWaiter();
  }

  /**
   * Waits until the transport's write buffer is down to its low-water mark; raises the
   * reader's error, or ConnectionResetError if the connection is lost.
   *
   * @python `asyncio.StreamWriter.drain` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.drain
   * @example
   * ```ts
   * for (const chunk of [data, data, data]) {
   *   writer.write(chunk);
   *   yield* writer.drain(); // backpressure: wait while the peer is slow
   * }
   * ```
   */
  drain(): Coroutine<void> {
    // Written by hand: most drains have nothing to wait for (drain.ts).
    return new Drain(this);
  }

  /**
   * @internal drain()'s first step: raises the reader's error; true if there
   * is nothing more to do (the transport open, writing neither paused nor lost).
   */
  _drained(): boolean {
    const exc = this._reader?.exception();
    if (exc !== undefined) throw exc;
    return !this._transport.isClosing() && !this._protocol._mustDrain();
  }

  /** @internal The rest of drain() when it may have to wait or raise. */
  *_drainSlowly(): Coroutine<void> {
    if (this._transport.isClosing()) {
      // As CPython: give the loop a turn so connectionLost runs first and
      // the helper below raises instead of waiting forever.
      yield* sleep(0);
    }
    if (this._protocol._mustDrain()) yield* this._protocol._drainHelper();
  }

  /**
   * Upgrades the connection to TLS in place (the server side when a server accepted it);
   * reader and writer then carry the encrypted connection (STARTTLS).
   *
   * @python `asyncio.StreamWriter.start_tls` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.start_tls
   * @example
   * ```ts
   * writer.write(new TextEncoder().encode("STARTTLS\r\n"));
   * yield* reader.readline();
   * yield* writer.startTls(true, { serverHostname: "mail.example.com" });
   * ```
   */
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

  /**
   * Information about the connection by name (`peername`, `sockname`, `socket`, `sslcontext`,
   * `peercert`…), or `defaultValue`.
   *
   * @python `asyncio.StreamWriter.get_extra_info` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter.get_extra_info
   * @example
   * ```ts
   * const peer = writer.getExtraInfo("peername"); // [host, port], a Unix path, or undefined
   * if (Array.isArray(peer)) console.log(`from ${peer[0]} port ${peer[1]}`);
   * ```
   */
  getExtraInfo<K extends string, D = undefined>(name: K, defaultValue?: D): ExtraInfo<K, D> {
    return this._transport.getExtraInfo(name, defaultValue);
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * Python's repr of the writer: `<StreamWriter transport=… reader=…>`.
   *
   * @python `asyncio.StreamWriter.__repr__` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamWriter
   * @example
   * ```ts
   * console.log(String(writer));
   * ```
   */
  toString(): string {
    return `<StreamWriter transport=${this._transport}${this._reader ? ` reader=${this._reader}` : ""}>`;
  }
}
