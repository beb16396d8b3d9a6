/**
 * A transport over Node streams: a socket (TCP, TLS, Unix) or one end of a
 * child's pipe. CPython's selector socket transport, with Node's stream in
 * place of the selector: Node reads and buffers writes; this class turns its
 * events into protocol callbacks run inside the loop, in the order they
 * happened, and honours pauseReading at once (chunks Node already delivered
 * wait here until resumeReading).
 *
 * The class is built in layers, one concept to a file, each a subclass of
 * the one before so that a read or a write is a method call on the
 * transport with nothing in between:
 *
 * - flow-controlled-transport.ts: the protocol, extra info, the write
 *   buffer's water marks and fatal errors (shared with UDP);
 * - stream-writing.ts: writes into Node's buffer, seeing it drain, writeEof;
 * - this file: the reading, the connection's start (Node's events wired to
 *   the layers) and its end (close, abort, connectionLost, the hand-over to
 *   startTls).
 */
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import type { EventLoop, Future } from "../../core/kernel/index.js";
import { copyContext, Handle, objectArray, RuntimeError } from "../../core/kernel/index.js";
import { isNetSocket, isTlsSocket } from "../lazy-builtins.js";
import { BrokenPipeError, toOSError } from "../streams/connection-errors.js";
import { type DirectReads, readIntoStream } from "./direct-reads.js";
import { holdOnLoop, type LoopResource, letGo } from "./loop-resources.js";
import { BufferedProtocol, type Protocol } from "./protocols.js";
import { NO_ARGS, NOTHING, StreamWriting, type StreamWritingOptions } from "./stream-writing.js";
import { shutDownTls } from "./tls-shutdown.js";
import type { Transport } from "./transport.js";
import { isUnixSocket, resetBehindUnixEof } from "./unix-reset-probe.js";

/** What the transport tells the server that accepted its connection. */
export interface ConnectionOwner {
  /** @internal */ _attach(transport: StreamTransport): void;
  /** @internal */ _detach(transport: StreamTransport): void;
}

export interface StreamTransportOptions extends StreamWritingOptions {
  /** Where bytes come from (`undefined` for a write-only pipe). */
  readable?: Readable | undefined;
  server?: ConnectionOwner | undefined;
  /** Set once `connectionMade` ran. */
  waiter?: Future<void> | undefined;
  /** False when taking over a connection whose protocol already knows it (startTls). */
  callConnectionMade?: boolean;
  /** A pipe ends at EOF; a socket asks its protocol whether to stay open for writing. */
  closeOnEof?: boolean;
  /** The readable socket reads through Node's `onread` (direct-reads.ts): its reads come here. */
  directReads?: DirectReads | undefined;
}

/** What Node delivered and the protocol has not yet seen. */
type Incoming = Uint8Array | typeof EOF | typeof CLOSED | typeof FAILED;
const EOF = Symbol("EOF");
/** Node closed the stream itself (both directions ended, or a child exited). */
const CLOSED = Symbol("CLOSED");
/** Reading failed (`_readError`) after the data before it, which CPython's recv() returns first. */
const FAILED = Symbol("FAILED");

type StreamProtocol = Protocol | BufferedProtocol;

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
 * (EventLoop._wakeForInput) rather than once after all of the host turn's
 * callbacks: bytes that wait for that batch wait on every connection at
 * once. Below it (a 1 KiB request), the batch after the turn serves all
 * connections together, which costs less per byte (W9).
 */
const WAKE_AT_ONCE = 16 * 1024;

export class StreamTransport
  extends StreamWriting<StreamProtocol>
  implements Transport, LoopResource
{
  private readonly _readable: Readable | undefined;
  private _server: ConnectionOwner | undefined;
  private readonly _closeOnEof: boolean;
  private readonly _directReads: DirectReads | undefined;
  private _paused = false;
  private _reading = false;
  /** Why reading failed, queued behind the data read before it (FAILED). */
  private _readError: Error | undefined;
  /** The stream's error is known already (`_readError`, or a failed `_probeEnd`). */
  private _hostErrorTaken = false;
  /**
   * `_probeEnd` found the peer's FIN followed by a reset (EPIPE): Node closes
   * the socket, but CPython's transport stays open after an EOF kept open,
   * and its next send() fails (`_writeChunk` on a destroyed stream).
   */
  private _resetAfterEof = false;
  /** eofReceived() asked to keep the connection open for writing. */
  private _keptOpen = false;
  private _incoming = objectArray<Incoming>();
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
  /**
   * A TCP connection, not TLS, read and written through one socket: where
   * libuv may take a reset for EOF (`_probeEnd`). A Unix socket whose peer
   * closed refuses even an empty write (EPIPE), so it is not asked.
   */
  private readonly _probesEnd: boolean;
  /** A Unix stream socket: libuv may take a reset for EOF too, told apart by a read (unix-reset-probe.ts). */
  private readonly _probesUnixEnd: boolean;
  /** connectionLost has run (CPython's `_sock is None`): the repr says only "closed". */
  protected _lost = false;

  constructor(loop: EventLoop, protocol: StreamProtocol, options: StreamTransportOptions) {
    super(loop, protocol, options);
    this._readable = options.readable;
    this._server = options.server;
    this._closeOnEof = options.closeOnEof ?? false;
    this._probesEnd =
      isNetSocket(this._writable) &&
      (this._writable as unknown) === this._readable &&
      !isTlsSocket(this._writable) &&
      this._writable.remotePort !== undefined;
    this._probesUnixEnd = isUnixSocket(this._readable, this._writable);
    this._server?._attach(this);
    holdOnLoop(loop, this);
    for (const stream of new Set([this._readable, this._writable])) {
      stream?.on("error", this._onHostError);
      stream?.on("close", this._onHostClose);
    }
    // Listen at once but hold the stream until reading starts: a child's pipe
    // that nobody reads is drained and discarded by Node when the child exits.
    this._readable?.pause();
    this._readable?.on("data", this._onHostData);
    this._directReads = options.directReads;
    if (this._directReads !== undefined) this._directReads.deliver = this._onHostData;
    this._readable?.on("end", this._onHostEnd);
    if (options.callConnectionMade ?? true) {
      loop.callSoon(() => this._protocol.connectionMade(this));
    }
    // Reading starts only once connectionMade has run, as in CPython.
    loop.callSoon(() => this._startReading());
    const early = (this._readable ?? this._writable)?.errored;
    if (early) this._onHostError(early);
    // A peer that left before this transport existed: Node emits 'end' without
    // a reader when nothing is buffered (a TLS client whose Finished and
    // close_notify came in one read; a connection waiting for startServing).
    else if (this._readable?.readableEnded) this._onHostEnd();
    const waiter = options.waiter;
    if (waiter !== undefined) {
      loop.callSoon(() => {
        if (!waiter.cancelled()) waiter.setResult(undefined);
      });
    }
  }

  /** The Node socket or pipe underneath. */
  get stream(): Readable | Writable {
    return (this._readable ?? this._writable)!;
  }

  // --- reading -------------------------------------------------------------

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

  private _startReading(): void {
    if (this._readable === undefined || this._connLost > 0 || this._detached) return;
    this._reading = true;
    this._reader = this._newReader();
    if (!this._paused && !this._closing) this._readable.resume();
    this._scheduleDelivery();
  }

  private readonly _onHostData = (chunk: Uint8Array): void => {
    // A TLS socket still draining after connectionLost: nobody reads any more.
    if (this._connLost > 0) return;
    this._incoming.push(chunk);
    this._incomingBytes += chunk.length;
    if (this._incomingBytes >= MAX_INCOMING && !this._backlogged) {
      this._backlogged = true;
      this._readable!.pause();
    }
    if (this._incomingBytes >= WAKE_AT_ONCE && this._reading) this._loop._wakeForInput();
    this._scheduleDelivery();
  };

  private readonly _onHostEnd = (): void => {
    if (this._connLost > 0 || this._probeEnd()) return;
    this._incoming.push(EOF);
    this._scheduleDelivery();
  };

  /**
   * libuv reports a reset that came in with the last data as EOF: a hang-up
   * seen with a short read is taken for EOF without reading on
   * (uv__stream_io), where CPython's next recv() raises ConnectionResetError.
   * The error is still pending on the socket, and an empty write, which sends
   * nothing, fails with it or succeeds, and the EOF is real. Only where
   * nothing is waiting to be sent: a write waiting for a peer that does not
   * read would hold the EOF back (and a reset fails that write anyway).
   */
  private _probeEnd(): boolean {
    if (this._probesUnixEnd) {
      const reset = resetBehindUnixEof(this._readable);
      if (reset !== undefined) this._failAfterIncoming(reset);
      return reset !== undefined;
    }
    const socket = this._writable;
    if (
      !this._probesEnd ||
      socket === undefined ||
      socket.writableLength > 0 ||
      socket.writableEnded ||
      socket.destroyed
    )
      return false;
    socket.write(NOTHING, this._onEndProbed);
    return true;
  }

  private readonly _onEndProbed = (err?: Error | null): void => {
    if (this._connLost > 0) return;
    // The 'error' event that follows a failed probe is taken care of here.
    if (err != null) this._hostErrorTaken = true;
    // ECONNRESET: a reset without the peer's FIN (the kernel says EPIPE for
    // one after it), which CPython's recv() raises after the data. After the
    // FIN, recv() says EOF, and Node's close of the socket follows it.
    if ((err as NodeJS.ErrnoException | null | undefined)?.code === "ECONNRESET") {
      this._failAfterIncoming(err!);
      return;
    }
    this._resetAfterEof = err != null;
    this._incoming.push(EOF);
    this._scheduleDelivery();
  };

  /** Reading failed behind the data not yet delivered: the protocol gets that data, then the error (FAILED). */
  private _failAfterIncoming(error: Error): void {
    this._hostErrorTaken = true;
    this._readError = error;
    this._incoming.push(FAILED);
    this._scheduleDelivery();
  }

  private readonly _onHostError = (error: Error): void => {
    if (this._connLost > 0 || this._detached || this._hostErrorTaken) return;
    // A read that failed behind data not yet delivered: the data first, as
    // CPython's recv() returns what the kernel holds before it raises.
    if (
      this._incoming.length > 0 &&
      !this._closing &&
      (error as NodeJS.ErrnoException).syscall === "read"
    ) {
      this._failAfterIncoming(error);
      return;
    }
    // Otherwise the connection ends at once, and what was not yet delivered
    // is lost with it.
    this._dropIncoming();
    this._post(() => this._fatalError(toOSError(error), "Fatal error on transport"));
  };

  private readonly _onHostClose = (): void => {
    if (this._connLost > 0 || this._detached) return;
    if (this._readable !== undefined) {
      // After the data that came before it.
      this._incoming.push(CLOSED);
      this._scheduleDelivery();
      return;
    }
    // A pipe we only write to: its reader went away (CPython's write pipe
    // reports BrokenPipeError if data was still waiting to go).
    const lost = this.getWriteBufferSize() > 0 ? new BrokenPipeError("Broken pipe") : undefined;
    this._post(() => this._forceClose(lost));
  };

  private _scheduleDelivery(): void {
    if (this._deliveryScheduled || !this._reading || this._incoming.length === 0) return;
    this._deliveryScheduled = true;
    if (!this._loop.isClosed()) this._loop._pushReady(this._reader!);
  }

  /** CPython's `_add_reader`: the Handle every delivery posts, in a copy of the current Context. */
  private _newReader(): Handle {
    return new Handle(this._deliver, NO_ARGS, this._loop, copyContext());
  }

  /** Hands what arrived to the protocol until it pauses reading or the connection ends. */
  private readonly _deliver = (): void => {
    this._deliveryScheduled = false;
    const incoming = this._incoming;
    let i = 0;
    while (i < incoming.length && !this._paused && this._connLost === 0 && !this._closing) {
      const item = incoming[i++]!;
      if (item === EOF) this._onEof();
      else if (item === CLOSED) this._onClosedByHost();
      else if (item === FAILED)
        this._fatalError(toOSError(this._readError!), "Fatal read error on socket transport");
      else if (this._protocol instanceof BufferedProtocol) {
        this._incomingBytes -= item.length;
        const rest = this._feedBuffered(item);
        // Paused (or closed) mid-chunk: the rest waits, as unread bytes would in the kernel.
        if (rest !== undefined) {
          incoming[--i] = rest;
          this._incomingBytes += rest.length;
        }
      } else {
        this._incomingBytes -= item.length;
        this._feed(item);
      }
    }
    // Most deliveries take everything: no array of the delivered items made to drop them.
    // One chunk is the usual delivery; pop() is inline where `length = 0` is a runtime call.
    if (i === incoming.length) {
      if (i === 1) incoming.pop();
      else incoming.length = 0;
    } else incoming.splice(0, i);
    if (this._backlogged && this._incomingBytes < MAX_INCOMING) {
      this._backlogged = false;
      if (!this._paused && !this._closing && this._connLost === 0) this._readable?.resume();
    }
  };

  /** The connection is gone: what Node delivered and the protocol did not see is lost. */
  private _dropIncoming(): void {
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
  private _askBuffer(): Uint8Array | undefined {
    try {
      const buffer = (this._protocol as BufferedProtocol).getBuffer(-1);
      if (buffer.length === 0) throw new RuntimeError("get_buffer() returned an empty buffer");
      return buffer;
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.get_buffer() call failed.");
      return undefined;
    }
  }

  private _onEof(): void {
    // CPython's BufferedProtocol is asked for a buffer before the recv that finds EOF.
    if (this._protocol instanceof BufferedProtocol && this._askBuffer() === undefined) return;
    let keepOpen: boolean | undefined;
    try {
      keepOpen = this._protocol.eofReceived();
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    if (!keepOpen || this._closeOnEof) this.close();
    else this._keptOpen = true;
  }

  /**
   * Node closed the stream by itself. After both halves were shut down (EOF
   * kept open, then writeEof), or a reset behind an EOF kept open, CPython's
   * transport stays open until close() or a write; otherwise the connection
   * is gone.
   */
  private _onClosedByHost(): void {
    if (this._keptOpen && (this._eof || this._resetAfterEof)) return;
    this._forceClose(undefined);
  }

  // --- closing -------------------------------------------------------------

  /** Stops reading; once the buffered data is sent, `connectionLost(undefined)`. */
  close(): void {
    if (this._closing) return;
    this._closing = true;
    this._readable?.pause();
    const writable = this._writable;
    if (writable === undefined || writable.destroyed || writable.writableLength === 0) {
      this._connLost++;
      this._loop.callSoon(() => this._callConnectionLost(undefined));
    } else this._watchWrites();
  }

  protected override _forceClose(exc: Error | undefined): void {
    if (this._connLost > 0) return;
    this._closing = true;
    this._connLost++;
    this._dropIncoming();
    // The buffered data is dropped: nothing more goes out.
    this._destroyStreams();
    this._loop.callSoon(() => this._callConnectionLost(exc));
  }

  _releaseOnLoopClose(): void {
    this._lost = true;
    this._connLost++;
    this._closing = true;
    this._destroyStreams();
  }

  protected _callConnectionLost(exc: Error | undefined): void {
    this._lost = true;
    try {
      this._protocol.connectionLost(exc);
    } finally {
      letGo(this._loop, this);
      const stream = this.stream;
      // abort() destroyed it already; a clean close of TLS says goodbye first.
      if (exc === undefined && isTlsSocket(stream) && !stream.destroyed) shutDownTls(stream);
      else this._destroyStreams();
      const server = this._server;
      this._server = undefined;
      server?._detach(this);
    }
  }

  private _destroyStreams(): void {
    this._readable?.destroy();
    this._writable?.destroy();
  }

  /**
   * Hands the stream to a new owner (startTls): this transport stops reading
   * and will never call its protocol again. Chunks it held go back to the
   * stream, so the new owner reads them first. The server (if any) still
   * counts this transport until the caller detaches it.
   */
  _handOver(): { stream: Readable | Writable; server: ConnectionOwner | undefined } {
    this._detached = true;
    this._closing = true;
    this._connLost++;
    const readable = this._readable;
    if (readable !== undefined) {
      readable.off("data", this._onHostData);
      readable.off("end", this._onHostEnd);
      readable.pause();
      for (let i = this._incoming.length - 1; i >= 0; i--) {
        const item = this._incoming[i]!;
        if (item instanceof Uint8Array) readable.unshift(item);
      }
      if (this._directReads !== undefined) readIntoStream(this._directReads, readable as Socket);
    }
    this._dropIncoming();
    for (const stream of new Set([readable, this._writable])) {
      stream?.off("error", this._onHostError);
      stream?.off("close", this._onHostClose);
    }
    const server = this._server;
    this._server = undefined;
    letGo(this._loop, this);
    return { stream: this.stream, server };
  }

  /** CPython's repr without the fd: `<StreamTransport read=polling write=<idle, bufsize=0>>`. */
  override toString(): string {
    if (this._lost) return "<StreamTransport closed>";
    const bufsize = this.getWriteBufferSize();
    const write = `write=<${bufsize > 0 ? "polling" : "idle"}, bufsize=${bufsize}>`;
    return `<StreamTransport${this._closing ? " closing" : ""} read=${this._polling() ? "polling" : "idle"} ${write}>`;
  }

  /** @internal Whether the loop listens for data now (CPython's selector holds a reader). */
  _polling(): boolean {
    return this._reading && this.isReading() && !this._keptOpen;
  }
}
