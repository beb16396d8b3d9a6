/**
 * CPython's `_UnixReadPipeTransport` and `_UnixWritePipeTransport` (in
 * unix_events.py), on a Node Readable or Writable. Both are a StreamTransport
 * using one direction; what differs from a socket is how they end:
 *
 * - a read pipe ends at EOF: `eofReceived()` then `connectionLost(undefined)`,
 *   whatever `eofReceived` returns;
 * - a write pipe has no half-close: `writeEof()` is `close()` (the reader sees
 *   EOF once the buffered data has gone), writes after it are dropped, and a
 *   reader that goes away ends it with `connectionLost(BrokenPipeError)` if
 *   data was still buffered, else `connectionLost(undefined)`.
 *
 * As for every StreamTransport, the stream is destroyed after
 * `connectionLost`: the fd of a real pipe closes (its reader keeps what the
 * kernel holds), but an in-memory pipe (a PassThrough) drops what its reader
 * has not yet read.
 */
import type { Readable, Writable } from "node:stream";
import type { EventLoop, Future } from "../../core/kernel/index.js";
import { bytesTypeError, LOG_THRESHOLD_FOR_CONNLOST_WRITES } from "./flow-controlled-transport.js";
import type { BaseProtocol, BufferedProtocol, Protocol } from "./protocols.js";
import { StreamTransport } from "./stream-transport.js";

export class ReadPipeTransport extends StreamTransport {
  constructor(
    loop: EventLoop,
    protocol: Protocol | BufferedProtocol,
    pipe: Readable,
    waiter?: Future<void>,
  ) {
    super(loop, protocol, { readable: pipe, extra: { pipe }, waiter, closeOnEof: true });
  }

  /** CPython's repr without the fd: `<ReadPipeTransport polling>`. */
  override toString(): string {
    if (this._lost) return "<ReadPipeTransport closed>";
    return `<ReadPipeTransport${this._closing ? " closing" : ""} ${this._polling() ? "polling" : "idle"}>`;
  }
}

export class WritePipeTransport extends StreamTransport {
  /** Writes dropped after close (CPython counts them in `_conn_lost`, which here means "connectionLost scheduled"). */
  private _dropped = 0;

  constructor(loop: EventLoop, protocol: BaseProtocol, pipe: Writable, waiter?: Future<void>) {
    // Never read from, so only BaseProtocol's callbacks are called (as in CPython,
    // which takes any protocol here).
    super(loop, protocol as Protocol, { writable: pipe, extra: { pipe }, waiter });
  }

  override write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) throw bytesTypeError(data);
    if (data.length > 0 && this._closing) {
      if (this._connLost + this._dropped >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        console.warn("pipe closed by peer or os.write(pipe, data) raised exception.");
      }
      this._dropped++;
      return;
    }
    super.write(data);
  }

  /** CPython's write pipe: EOF is the end; `connectionLost(undefined)` once the buffer is flushed. */
  override writeEof(): void {
    this.close();
  }

  override close(): void {
    const writable = this.stream as Writable;
    // The end goes after the buffered data. A real pipe's reader would see
    // EOF anyway when the fd closes; an in-memory one (a PassThrough) only
    // ends if told so before connectionLost destroys it.
    if (!this._closing && !writable.destroyed) {
      this._watchWrites();
      writable.end();
    }
    super.close();
  }

  /** CPython's repr without the fd: `<WritePipeTransport idle bufsize=0>`. */
  override toString(): string {
    if (this._lost) return "<WritePipeTransport closed>";
    const bufsize = this.getWriteBufferSize();
    return `<WritePipeTransport${this._closing ? " closing" : ""} ${bufsize > 0 ? "polling" : "idle"} bufsize=${bufsize}>`;
  }
}
