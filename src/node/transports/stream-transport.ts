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
 * - stream-reading.ts: what Node read, queued and handed to the protocol in
 *   the loop, paused and resumed;
 * - stream-eof.ts: how reading ends: EOF, kept open or not, the probe that
 *   tells a reset libuv took for EOF, Node's own close of the stream;
 * - this file: the connection's start (Node's events wired to the layers)
 *   and its end (close, abort, connectionLost, the hand-over to startTls).
 */
import type { Readable, Writable } from "node:stream";
import type { EventLoop, Future } from "../../core/kernel/index.js";
import { isTlsSocket } from "../lazy-builtins.js";
import { BrokenPipeError, toOSError } from "../streams/connection-errors.js";
import type { DirectReads } from "./direct-reads.js";
import { holdOnLoop, type LoopResource, letGo } from "./loop-resources.js";
import { StreamEof, type StreamEofOptions } from "./stream-eof.js";
import { CLOSED, type StreamProtocol } from "./stream-reading.js";
import { shutDownTls } from "./tls-shutdown.js";
import type { Transport } from "./transport.js";

/**
 * The transport listening to a stream's events, kept on the stream, where
 * the listeners below find it: Node calls an event's listener with the
 * stream as `this`, so one function serves every transport, where a
 * transport's own arrow functions (with their Contexts) kept about 0.66 KB
 * more V8 heap per idle connection (BENCHMARKS.md, W10). Two slots: a transport that
 * reads a stream and another that writes it (a read pipe and a write pipe on
 * one Duplex) each hear its errors and its close, as with listeners of their
 * own. Two transports in one role on one stream (two write pipes on one
 * stream, say) share the slot as an array, and the listeners, added once,
 * call each of them. A transport leaves the slot once connectionLost has
 * run (every listener's call would do nothing): a long-lived stream, as
 * process.stdout, keeps no transport it served, only the listeners, which
 * stay for an 'error' Node emits later (an empty array then).
 */
const READER = Symbol("reader");
const WRITER = Symbol("writer");
type Slot = typeof READER | typeof WRITER;

type Listening = StreamTransport | readonly StreamTransport[];

interface Heard {
  [READER]?: Listening | undefined;
  [WRITER]?: Listening | undefined;
}

/** Puts `t` in `stream`'s `slot`; true if the slot was unused (the listeners are to be added). */
function listen(stream: Heard, slot: Slot, t: StreamTransport): boolean {
  const held = stream[slot];
  if (held === undefined) {
    stream[slot] = t;
    return true;
  }
  // A new array each time: a listener calling the transports goes on over the one it read.
  stream[slot] = !isArray(held) ? [held, t] : held.length === 0 ? t : [...held, t];
  return false;
}

/** Takes `t` out of `stream`'s `slot`, where the listeners stay; true if none is left. */
function unlisten(stream: Heard, slot: Slot, t: StreamTransport): boolean {
  const held = stream[slot];
  if (held === undefined) return false;
  const rest = isArray(held) ? held.filter((other) => other !== t) : held === t ? [] : [held];
  stream[slot] = rest.length === 1 ? rest[0] : rest;
  return rest.length === 0;
}

const isArray = Array.isArray as (
  held: Listening | undefined,
) => held is readonly StreamTransport[];

function onReadableError(this: Heard, error: Error): void {
  const held = this[READER]!;
  if (isArray(held)) for (const t of held) t._onHostError(error);
  else held._onHostError(error);
}
/**
 * Node's 'close'. A stream that is not destroyed when it comes lives on:
 * process.stdout and stderr (Node's dummyDestroy) are made usable again at
 * once, and the 'close' of one transport's destroy follows on the next tick,
 * where it would end the next transport on the stream. Nothing closed.
 */
function onReadableClose(this: Heard & Readable): void {
  if (this.destroyed === false) return;
  const held = this[READER]!;
  if (isArray(held)) for (const t of held) t._onHostClose();
  else held._onHostClose();
}
function onWritableError(this: Heard, error: Error): void {
  const held = this[WRITER]!;
  if (isArray(held)) for (const t of held) t._onHostError(error);
  else held._onHostError(error);
}
function onWritableClose(this: Heard & Writable): void {
  if (this.destroyed === false) return;
  const held = this[WRITER]!;
  if (isArray(held)) for (const t of held) t._onHostClose();
  else held._onHostClose();
}
function onData(this: Heard, chunk: Uint8Array): void {
  const held = this[READER]!;
  if (isArray(held)) for (const t of held) t._onHostData(chunk);
  else held._onHostData(chunk);
}
function onEnd(this: Heard): void {
  const held = this[READER]!;
  if (isArray(held)) for (const t of held) t._onHostEnd();
  else held._onHostEnd();
}

/** What the transport tells the server that accepted its connection. */
export interface ConnectionOwner {
  /** @internal */ _attach(transport: StreamTransport): void;
  /** @internal */ _detach(transport: StreamTransport): void;
}

export interface StreamTransportOptions extends StreamEofOptions {
  server?: ConnectionOwner | undefined;
  /** Set once `connectionMade` ran. */
  waiter?: Future<void> | undefined;
  /** False when taking over a connection whose protocol already knows it (startTls). */
  callConnectionMade?: boolean;
  /** The readable socket reads through Node's `onread` (direct-reads.ts): its reads come here. */
  directReads?: DirectReads | undefined;
}

export class StreamTransport extends StreamEof implements Transport, LoopResource {
  private _server: ConnectionOwner | undefined;
  private readonly _directReads: DirectReads | undefined;
  // What close() and abort() do once the stream was handed over (_handOver).
  private _closeHandedOver: (() => void) | undefined;
  /** connectionLost has run (CPython's `_sock is None`): the repr says only "closed". */
  protected _lost = false;

  constructor(loop: EventLoop, protocol: StreamProtocol, options: StreamTransportOptions) {
    super(loop, protocol, options);
    this._server = options.server;
    this._server?._attach(this);
    holdOnLoop(loop, this);
    const readable = this._readable;
    const writable = this._writableApart();
    const firstReader = readable !== undefined && listen(readable as Heard, READER, this);
    if (firstReader) {
      readable.on("error", onReadableError);
      readable.on("close", onReadableClose);
    }
    if (writable !== undefined && listen(writable as Heard, WRITER, this)) {
      writable.on("error", onWritableError);
      writable.on("close", onWritableClose);
    }
    // Listen at once but hold the stream until reading starts: a child's pipe
    // that nobody reads is drained and discarded by Node when the child exits.
    readable?.pause();
    if (firstReader) readable.on("data", onData);
    this._directReads = options.directReads;
    if (this._directReads !== undefined) this._directReads.into = this;
    if (firstReader) readable.on("end", onEnd);
    if (options.callConnectionMade ?? true) {
      loop.callSoon(() => this._protocol.connectionMade(this));
    }
    // Reading starts only once connectionMade has run, as in CPython.
    loop.callSoon(() => this._startReading());
    const stream = (this._readable ?? this._writable)!;
    const early = stream.errored;
    if (early) this._onHostError(early);
    else {
      // A peer that left before this transport existed: Node emits 'end' without
      // a reader when nothing is buffered (a TLS client whose Finished and
      // close_notify came in one read; a connection waiting for startServing).
      if (this._readable?.readableEnded) this._onHostEnd();
      // A stream closed before this transport (a PassThrough whose last
      // transport ended): its 'close' was heard by nobody, or comes after
      // this, where it finds the transport lost.
      if (stream.closed) this._onHostClose();
    }
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

  /** @internal Node's 'error' on the stream (or one it had before this transport). */
  _onHostError(error: Error): void {
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
  }

  /** @internal Node's 'close' of the stream. */
  _onHostClose(): void {
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
  }

  // --- closing -------------------------------------------------------------

  /** Stops reading; once the buffered data is sent, `connectionLost(undefined)`. */
  close(): void {
    if (this._closing) {
      this._closeHandedOver?.();
      return;
    }
    this._closing = true;
    this._readable?.pause();
    const writable = this._writable;
    if (writable === undefined || writable.destroyed || writable.writableLength === 0) {
      this._connLost++;
      this._loop.callSoon(() => this._callConnectionLost(undefined));
    } else this._watchWrites();
  }

  protected override _forceClose(exc: Error | undefined): void {
    if (this._connLost > 0) {
      this._closeHandedOver?.();
      return;
    }
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
    this._stopHearing();
  }

  /** The stream written to when it is not the one read from (a Duplex is heard once, as the reader). */
  private _writableApart(): Writable | undefined {
    const writable = this._writable;
    return (writable as unknown) === this._readable ? undefined : writable;
  }

  /** Leaves the stream's slots (its listeners stay) and its direct reads: Node's events can do nothing more here. */
  private _stopHearing(): void {
    const readable = this._readable;
    const writable = this._writableApart();
    if (readable !== undefined) unlisten(readable as Heard, READER, this);
    if (writable !== undefined) unlisten(writable as Heard, WRITER, this);
    if (this._directReads !== undefined) this._directReads.into = undefined;
  }

  protected override _callConnectionLost(exc: Error | undefined): void {
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
      this._stopHearing();
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
   * counts this transport until the caller detaches it; meanwhile this
   * transport stands for the connection, as CPython's socket transport under
   * its SSLProtocol: its close() and abort() (the server's closeClients and
   * abortClients among them) call `onClose`, which ends the hand-over.
   */
  _handOver(onClose?: () => void): {
    stream: Readable | Writable;
    server: ConnectionOwner | undefined;
  } {
    this._detached = true;
    this._closeHandedOver = onClose;
    this._closing = true;
    this._connLost++;
    const readable = this._readable;
    const writable = this._writableApart();
    const lastReader = readable !== undefined && unlisten(readable as Heard, READER, this);
    if (readable !== undefined) {
      if (lastReader) {
        readable.off("data", onData);
        readable.off("end", onEnd);
      }
      readable.pause();
      for (let i = this._incoming.length - 1; i >= 0; i--) {
        const item = this._incoming[i]!;
        if (item instanceof Uint8Array) readable.unshift(item);
      }
      // Reads go back to the socket's Readable buffer, for the new owner.
      if (this._directReads !== undefined) this._directReads.into = undefined;
    }
    this._dropIncoming();
    if (lastReader) {
      readable.off("error", onReadableError);
      readable.off("close", onReadableClose);
      (readable as Heard)[READER] = undefined;
    }
    if (writable !== undefined && unlisten(writable as Heard, WRITER, this)) {
      writable.off("error", onWritableError);
      writable.off("close", onWritableClose);
      (writable as Heard)[WRITER] = undefined;
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
