/**
 * The reading half of a StreamTransport (stream-transport.ts). Node reads on
 * its own schedule and hands over chunks; the protocol must see them from a
 * loop callback, in arrival order, and a `pauseReading()` must stop them at
 * once, where Node may already have read more. So what Node delivers waits
 * in a queue (`_incoming`), and one Handle, posted whenever data waits and
 * no delivery is due, hands it to the protocol (`_deliver`); a pause leaves
 * the rest queued, as unread bytes stay in the kernel under CPython's
 * selector.
 *
 * The queue carries the ends of reading too, in their place behind the data:
 * EOF, Node's close of the stream, a read that failed. What they mean is
 * stream-eof.ts's business; a failed read is queued here, with the error.
 */
import type { Readable } from "node:stream";
import type { EventLoop } from "../../core/kernel/index.js";
import {
  copyContext,
  Handle,
  objectArray,
  RuntimeError,
  wakeForInput,
} from "../../core/kernel/index.js";
import { toOSError } from "../streams/connection-errors.js";
import { BufferedProtocol, type Protocol } from "./protocols.js";
import { StreamWriting, type StreamWritingOptions } from "./stream-writing.js";

/** The protocols a stream transport reads into. */
export type StreamProtocol = Protocol | BufferedProtocol;

/** What Node delivered and the protocol has not yet seen. */
type Incoming = Uint8Array | typeof EOF | typeof CLOSED | typeof FAILED;
export const EOF = Symbol("EOF");
/** Node closed the stream itself (both directions ended, or a child exited). */
export const CLOSED = Symbol("CLOSED");
/** Reading failed (`_readError`) after the data before it, which CPython's recv() returns first. */
const FAILED = Symbol("FAILED");

/**
 * How many bytes Node may read ahead of the protocol before the stream is
 * paused: about one of Node's reads (up to 64 KiB). A flowing stream reads
 * for as long as the peer sends, and the protocol takes the bytes only when
 * the loop runs (CPython's transport hands each recv() to the protocol at
 * once, so its reader pauses reading in time). Unbounded, a server whose
 * loop fell behind 1,500 connections held all they had sent (256 KiB each).
 */
const MAX_INCOMING = 64 * 1024;

/**
 * From how many bytes waiting the loop runs in this host callback
 * (wakeForInput, core/kernel/input-wake.ts) rather than once after all of the host turn's
 * callbacks: bytes that wait for that batch wait on every connection at
 * once. Below it (a 1 KiB request), the batch after the turn serves all
 * connections together, which costs less per byte (W9).
 */
const WAKE_AT_ONCE = 16 * 1024;

export interface StreamReadingOptions extends StreamWritingOptions {
  /** Where bytes come from (`undefined` for a write-only pipe). */
  readable?: Readable | undefined;
}

export abstract class StreamReading extends StreamWriting<StreamProtocol> {
  protected readonly _readable: Readable | undefined;
  private _paused = false;
  /** Reading has started (connectionMade has run): deliveries may be posted. */
  protected _reading = false;
  /** Why reading failed, queued behind the data read before it (FAILED). */
  private _readError: Error | undefined;
  /** The stream's error is known already (`_readError`, or a failed EOF probe). */
  protected _hostErrorTaken = false;
  protected _incoming = objectArray<Incoming>();
  /** Bytes in `_incoming`. */
  private _incomingBytes = 0;
  /** Node's stream is paused because `_incoming` is full (MAX_INCOMING). */
  private _backlogged = false;
  private _deliveryScheduled = false;
  /**
   * What runs `_deliver` in the loop: one Handle, made when reading starts
   * or resumes with a copy of the Context current then, and posted again for
   * every delivery. CPython's selector keeps the Handle `_add_reader` made
   * and appends that same Handle to `_ready` on every read event, so
   * `data_received` runs in one Context each time (a variable it sets is
   * seen by the next call), until `resume_reading` adds a reader anew.
   */
  private _reader: Handle | null = null;

  constructor(loop: EventLoop, protocol: StreamProtocol, options: StreamReadingOptions) {
    super(loop, protocol, options);
    this._readable = options.readable;
  }

  /** The protocol reaches EOF (stream-eof.ts). */
  protected abstract _onEof(): void;
  /** The protocol reaches Node's close of the stream (stream-eof.ts). */
  protected abstract _onClosedByHost(): void;

  isReading(): boolean {
    return !this._closing && !this._paused;
  }

  pauseReading(): void {
    if (!this.isReading()) return;
    this._paused = true;
    this._readable?.pause();
  }

  resumeReading(): void {
    if (this._closing || !this._paused) return;
    this._paused = false;
    if (this._reading) this._reader = this._newReader();
    // Backlogged: the delivery resumes Node's stream once it has drained.
    if (this._reading && !this._backlogged) this._readable?.resume();
    this._scheduleDelivery();
  }

  protected _startReading(): void {
    if (this._readable === undefined || this._connLost > 0 || this._detached) return;
    this._reading = true;
    this._reader = this._newReader();
    if (!this._paused && !this._closing) this._readable.resume();
    this._scheduleDelivery();
  }

  /**
   * @internal Node read `chunk` ('data', or a socket's `onread`: direct-reads.ts).
   * Methods, not arrow functions per transport, here and for Node's other
   * events (stream-transport.ts): an idle connection kept ten closures and
   * their Contexts, about 0.66 KB more (BENCHMARKS.md, W10).
   */
  _onHostData(chunk: Uint8Array): void {
    // A TLS socket still draining after connectionLost: nobody reads any more.
    if (this._connLost > 0) return;
    this._incoming.push(chunk);
    this._incomingBytes += chunk.length;
    if (this._incomingBytes >= MAX_INCOMING && !this._backlogged) {
      this._backlogged = true;
      this._readable!.pause();
    }
    if (this._incomingBytes >= WAKE_AT_ONCE && this._reading) wakeForInput(this._loop);
    this._scheduleDelivery();
  }

  /** Reading failed behind the data not yet delivered: the protocol gets that data, then the error (FAILED). */
  protected _failAfterIncoming(error: Error): void {
    this._hostErrorTaken = true;
    this._readError = error;
    this._incoming.push(FAILED);
    this._scheduleDelivery();
  }

  protected _scheduleDelivery(): void {
    if (this._deliveryScheduled || !this._reading || this._incoming.length === 0) return;
    this._deliveryScheduled = true;
    if (!this._loop.isClosed()) this._loop._pushReady(this._reader!);
  }

  /**
   * CPython's `_add_reader`: the Handle every delivery posts, in a copy of
   * the current Context. Its one argument is the transport (no array), so
   * the callback is one function for all transports.
   */
  private _newReader(): Handle {
    const reader = new Handle(StreamReading._deliver, null, this._loop, copyContext());
    reader._arg = this;
    return reader;
  }

  /** Hands what arrived to the protocol until it pauses reading or the connection ends. */
  private static _deliver(t: StreamReading): void {
    t._deliveryScheduled = false;
    const incoming = t._incoming;
    let i = 0;
    while (i < incoming.length && !t._paused && t._connLost === 0 && !t._closing) {
      const item = incoming[i++]!;
      // One `typeof` for a chunk: `===` between a chunk and a symbol has no
      // inline form in V8's optimized code, which called a builtin three times per chunk.
      if (typeof item === "symbol") {
        if (item === EOF) t._onEof();
        else if (item === CLOSED) t._onClosedByHost();
        else t._fatalError(toOSError(t._readError!), "Fatal read error on socket transport");
      } else if (t._protocol instanceof BufferedProtocol) {
        t._incomingBytes -= item.length;
        const rest = t._feedBuffered(item);
        // Paused (or closed) mid-chunk: the rest waits, as unread bytes would in the kernel.
        if (rest !== undefined) {
          incoming[--i] = rest;
          t._incomingBytes += rest.length;
        }
      } else {
        t._incomingBytes -= item.length;
        t._feed(item);
      }
    }
    // Most deliveries take everything: no array of the delivered items made to drop them.
    // One chunk is the usual delivery; pop() is inline where `length = 0` is a runtime call.
    if (i === incoming.length) {
      if (i === 1) incoming.pop();
      else incoming.length = 0;
    } else incoming.splice(0, i);
    if (t._backlogged && t._incomingBytes < MAX_INCOMING) {
      t._backlogged = false;
      if (!t._paused && !t._closing && t._connLost === 0) t._readable?.resume();
    }
  }

  /** The connection is gone: what Node delivered and the protocol did not see is lost. */
  protected _dropIncoming(): void {
    this._incoming = objectArray();
    this._incomingBytes = 0;
  }

  private _feed(data: Uint8Array): void {
    try {
      (this._protocol as Protocol).dataReceived(data);
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.data_received() call failed.");
    }
  }

  /**
   * One buffer-full at a time, as CPython's one `recv_into` per read event;
   * returns what is left if reading was paused or closed on the way.
   */
  private _feedBuffered(data: Uint8Array): Uint8Array | undefined {
    const protocol = this._protocol as BufferedProtocol;
    let at = 0;
    while (at < data.length && this._connLost === 0) {
      if (this._paused || this._closing) return data.subarray(at);
      const buffer = this._askBuffer();
      if (buffer === undefined) return undefined;
      const n = Math.min(buffer.length, data.length - at);
      buffer.set(data.subarray(at, at + n));
      at += n;
      try {
        protocol.bufferUpdated(n);
      } catch (exc) {
        this._fatalError(exc, "Fatal error: protocol.buffer_updated() call failed.");
        return undefined;
      }
    }
    return undefined;
  }

  /** The BufferedProtocol's buffer; `undefined` after a failure closed the connection. */
  protected _askBuffer(): Uint8Array | undefined {
    try {
      const buffer = (this._protocol as BufferedProtocol).getBuffer(-1);
      if (buffer.length === 0) throw new RuntimeError("get_buffer() returned an empty buffer");
      return buffer;
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.get_buffer() call failed.");
      return undefined;
    }
  }
}
