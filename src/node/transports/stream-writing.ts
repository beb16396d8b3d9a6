/**
 * The writing half of a StreamTransport (stream-transport.ts): writes go to
 * Node's Writable, which buffers what the kernel does not take at once, and
 * the protocol's `pauseWriting`/`resumeWriting` follow that buffer's size
 * against the water marks (flow-controlled-transport.ts). Node reports a
 * drained buffer only through a write's callback, which costs a tick per
 * write, so most writes go without one (`_writeChunk`) and the transport
 * adds one where it must see the buffer drain (`_watchWrites`).
 *
 * A layer of StreamTransport, not an object beside it: a write is a method
 * call on the transport itself, with nothing in between on the hot path.
 */
import type { Writable } from "node:stream";
import type { EventLoop } from "../../core/kernel/index.js";
import { copyContext, NotImplementedError, RuntimeError } from "../../core/kernel/index.js";
import { isNetSocket } from "../lazy-builtins.js";
import { BrokenPipeError, toOSError } from "../streams/connection-errors.js";
import {
  bytesTypeError,
  FlowControlledTransport,
  LOG_THRESHOLD_FOR_CONNLOST_WRITES,
} from "./flow-controlled-transport.js";
import type { BaseProtocol } from "./protocols.js";

/** The arguments of every callback the transport posts: none (shared, never modified). */
export const NO_ARGS: readonly never[] = [];

/** What an empty write writes: `_watchWrites`'s, and the EOF probe's (stream-eof.ts). */
export const NOTHING = Buffer.alloc(0);

export interface StreamWritingOptions {
  /** Where bytes go (`undefined` for a read-only pipe). */
  writable?: Writable | undefined;
  /** What `getExtraInfo` answers. */
  extra?: Record<string, unknown>;
  /** TLS cannot half-close (CPython's SSL transport cannot either). */
  canWriteEof?: boolean;
}

export abstract class StreamWriting<P extends BaseProtocol> extends FlowControlledTransport<P> {
  protected readonly _writable: Writable | undefined;
  private readonly _canWriteEof: boolean;
  /** writeEof() was called: this side sends no more. */
  protected _eof = false;
  private _resumeScheduled = false;
  /**
   * The last write still in Node's buffer went without `_onHostWritten`
   * (`_writeChunk`): nothing will report when the buffer has drained.
   */
  private _unwatched = false;
  /**
   * Whether a write may go without `_onHostWritten`: only to Node's sockets
   * and pipes (`net.Socket`, TLS included), where the empty write that may
   * have to follow it sends nothing; a stream given by hand would see it.
   */
  private readonly _mayLeaveUnwatched: boolean;
  /**
   * The stream was handed to a new owner (StreamTransport._handOver): what
   * Node reports from now on is the new owner's business.
   */
  protected _detached = false;
  /**
   * `_onHostWritten` as Node's write callback, which Node calls as a plain
   * function: made at the first write that needs it (`_writtenCallback`),
   * so a connection that never waits for a write keeps no closure.
   */
  private _written: ((err?: Error | null) => void) | undefined = undefined;

  constructor(loop: EventLoop, protocol: P, options: StreamWritingOptions) {
    super(loop, protocol, options.extra ?? {});
    this._writable = options.writable;
    this._canWriteEof = options.canWriteEof ?? true;
    this._mayLeaveUnwatched = isNetSocket(this._writable);
  }

  /** Tells the protocol the connection is gone and lets go of it (stream-transport.ts). */
  protected abstract _callConnectionLost(exc: Error | undefined): void;

  getWriteBufferSize(): number {
    return this._writable?.writableLength ?? 0;
  }

  canWriteEof(): boolean {
    return this._canWriteEof;
  }

  write(data: Uint8Array): void {
    this._writeChunk(data);
    this._maybePauseProtocol();
  }

  /** write() without the flow control check, which writelines makes once at the end. */
  private _writeChunk(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) throw bytesTypeError(data);
    if (this._eof) throw new RuntimeError("Cannot call write() after write_eof()");
    if (data.length === 0) return;
    const writable = this._writable;
    if (writable === undefined) throw new RuntimeError("the transport is read-only");
    if (this._connLost > 0) {
      if (this._connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        console.warn("socket.send() raised exception.");
      }
      this._connLost++;
      return;
    }
    if (writable.destroyed) {
      // Node closed it before telling us (a child that exited): what send()
      // would have said in CPython.
      this._fatalError(new BrokenPipeError("Broken pipe"), "Fatal write error on transport");
      return;
    }
    // `_onHostWritten` matters only where a write's completion leaves a paused
    // protocol to resume or a closing transport to finish, and with any
    // callback Node defers a write that completed at once to a tick of its own
    // (afterWriteTick; with none it schedules nothing): about 1,800 instructions
    // per W9 round trip (BENCHMARKS.md). A write onto an empty buffer, neither paused nor
    // closing, of at most high - low bytes, goes without it: it is the oldest
    // write until it completes, a pause while it waits needs the buffer over
    // the high-water mark, so it leaves more than high - len >= low bytes and
    // no resumption is due; if it is the last write when the transport closes,
    // writes EOF or is paused by new limits, `_watchWrites` puts an empty
    // write behind it.
    if (
      this._mayLeaveUnwatched &&
      writable.writableLength === 0 &&
      !this._protocolPaused &&
      !this._closing &&
      data.length <= this._high - this._low
    ) {
      writable.write(data);
      this._unwatched = writable.writableLength > 0;
    } else {
      writable.write(data, this._written ?? this._writtenCallback());
      this._unwatched = false;
    }
    // Refused at once (a peer that reset while reading was paused): CPython's
    // send() raises in write(), which ends the connection with the error;
    // Node would report it a tick later, after a close() that ended it cleanly.
    const refused = writable.errored;
    if (refused != null) this._fatalError(toOSError(refused), "Fatal write error on transport");
  }

  /**
   * Makes the end of the buffered writes seen: an empty write carrying
   * `_onHostWritten` behind the last, which went without (`_writeChunk`). It
   * completes with the writes before it, as soon as the last of them does.
   */
  protected _watchWrites(): void {
    const writable = this._writable;
    if (!this._unwatched || writable === undefined) return;
    this._unwatched = false;
    if (writable.writableLength > 0 && !writable.destroyed && !writable.writableEnded) {
      writable.write(NOTHING, this._written ?? this._writtenCallback());
    }
  }

  /**
   * The chunks go out together, in one `writev` where the stream has it, as
   * CPython's `writelines` sends its whole buffer with one `sendmsg`; the
   * protocol is paused only if the buffer is still above the high-water mark
   * after that send, as in CPython.
   */
  writelines(data: Iterable<Uint8Array>): void {
    if (this._eof) throw new RuntimeError("Cannot call writelines() after write_eof()");
    const writable = this._writable;
    const cork = writable !== undefined && !writable.destroyed && this._connLost === 0;
    if (cork) writable.cork();
    try {
      for (const chunk of data) this._writeChunk(chunk);
    } finally {
      if (cork) writable.uncork();
      this._maybePauseProtocol();
    }
  }

  writeEof(): void {
    // As CPython's SSL transport: TLS has no half-close.
    if (!this._canWriteEof) throw new NotImplementedError();
    if (this._closing || this._eof) return;
    this._eof = true;
    this._watchWrites();
    this._writable?.end();
  }

  /** A pause by new limits waits for the buffer to drain, which must then be seen. */
  override setWriteBufferLimits(high?: number, low?: number): void {
    super.setWriteBufferLimits(high, low);
    if (this._protocolPaused) this._watchWrites();
  }

  /** A method of its own: its closure's Context is made only when it runs. */
  private _writtenCallback(): (err?: Error | null) => void {
    const written = (err?: Error | null): void => this._onHostWritten(err);
    this._written = written;
    return written;
  }

  /** Node flushed a chunk: the buffer shrank. Runs on the host, so the loop takes over. */
  private _onHostWritten(err: Error | null | undefined): void {
    // A failed write: Node hands the error to each write still queued, the
    // buffer shrinking to 0 on the way, then emits it as 'error', which ends
    // the connection with it (_onHostError), as a failed send() does in CPython.
    if (err != null || this._resumeScheduled || this._detached) return;
    const resume =
      this._protocolPaused && this.getWriteBufferSize() <= this.getWriteBufferLimits()[0];
    const closed = this._closing && this._connLost === 0 && this.getWriteBufferSize() === 0;
    if (!resume && !closed) return;
    this._resumeScheduled = true;
    // The transport is the callback's one argument: one function for all.
    if (!this._loop.isClosed()) {
      this._loop._callSoonWithArg(copyContext(), StreamWriting._afterWritten, this);
    }
  }

  private static _afterWritten(t: StreamWriting<BaseProtocol>): void {
    t._resumeScheduled = false;
    if (t._connLost > 0) return;
    t._maybeResumeProtocol();
    // resumeWriting may have closed or aborted the transport, which then
    // calls connectionLost itself (CPython gh-156512: 3.13's _write_send
    // calls it a second time).
    if (t._connLost > 0) return;
    if (t._closing && t.getWriteBufferSize() === 0) {
      t._connLost++;
      t._callConnectionLost(undefined);
    }
  }

  /**
   * Node's other events (an error, a close, a write that drained the
   * buffer) reach the protocol through the loop, unless it is closed:
   * `callSoon` without its checks (the loop is open, the callback is ours,
   * no `{ context }` option). Each callback runs in a copy of the current
   * Context, as `callSoon`'s do.
   */
  protected _post(callback: () => void): void {
    if (!this._loop.isClosed()) this._loop._callSoonIn(copyContext(), callback, NO_ARGS);
  }
}
