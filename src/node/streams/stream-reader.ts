/**
 * `StreamReader` (CPython's `asyncio.StreamReader`): bytes fed by a transport
 * (`feedData`, `feedEof`, `setException`), read by coroutines (`read`,
 * `readline`, `readexactly`, `readuntil`). One coroutine may wait for data
 * at a time. `limit` bounds what `readuntil`/`readline` may return; past it
 * they raise LimitOverrunError, leaving (readuntil) or consuming (readline)
 * the data as CPython does. With a transport, reading is paused while more
 * than twice the limit is buffered, and resumed as the buffer drains.
 */
import type { AsyncIterableLike, AsyncIteratorLike } from "../../core/async-iteration.js";
import type { Coroutine } from "../../core/coroutine.js";
import type { EventLoop } from "../../core/event-loop.js";
import { RuntimeError, ValueError } from "../../core/exceptions.js";
import { forAwaitIterator } from "../../core/for-await.js";
import type { Future } from "../../core/futures.js";
import { inspectCustom } from "../../core/inspect.js";
import { reprValue } from "../../core/repr.js";
import { getEventLoop } from "../../core/running-loop.js";
import type { ReadTransport } from "../transports/transport.js";
import { ByteBuffer } from "./byte-buffer.js";
import { IncompleteReadError, LimitOverrunError } from "./errors.js";

/** What a reader needs of its transport: flow control. */
type PausableTransport = Pick<ReadTransport, "pauseReading" | "resumeReading">;

const DEFAULT_LIMIT = 2 ** 16;
const NEWLINE = new Uint8Array([0x0a]);

export class StreamReader
  implements AsyncIterableLike<Uint8Array>, AsyncIteratorLike<Uint8Array>, AsyncIterable<Uint8Array>
{
  private readonly _limit: number;
  private readonly _buffer = new ByteBuffer();
  private _eof = false;
  private _waiter: Future<void> | null = null;
  private _exception: unknown = undefined;
  private _transport: PausableTransport | null = null;
  private _paused = false;
  private readonly _loop: EventLoop;

  constructor(limit = DEFAULT_LIMIT, options?: { loop?: EventLoop }) {
    if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
    this._limit = limit;
    this._loop = options?.loop ?? getEventLoop();
  }

  /** The error the stream failed with, if any. */
  exception(): unknown {
    return this._exception;
  }

  setException(exc: unknown): void {
    this._exception = exc;
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      if (!waiter.cancelled()) waiter.setException(exc);
    }
  }

  setTransport(transport: PausableTransport): void {
    if (this._transport !== null) throw new RuntimeError("Transport already set");
    this._transport = transport;
  }

  /** @internal startTls: flow control goes to the TLS transport, paused if the old one was. */
  _replaceTransport(transport: PausableTransport): void {
    this._transport = transport;
    if (this._paused) transport.pauseReading();
  }

  feedEof(): void {
    this._eof = true;
    this._wakeupWaiter();
  }

  /** True once EOF was fed and the buffer is empty. */
  atEof(): boolean {
    return this._eof && this._buffer.length === 0;
  }

  /** Keeps `data` itself (no copy, as Python's immutable bytes allow): do not modify it afterwards. */
  feedData(data: Uint8Array): void {
    if (this._eof) throw new RuntimeError("feed_data after feed_eof");
    if (data.length === 0) return;
    this._buffer.append(data);
    this._wakeupWaiter();
    if (this._transport !== null && !this._paused && this._buffer.length > 2 * this._limit) {
      this._transport.pauseReading();
      this._paused = true;
    }
  }

  /** A line ending in `\n` (or what is left at EOF); ValueError past the limit. */
  *readline(): Coroutine<Uint8Array> {
    try {
      return yield* this.readuntil(NEWLINE);
    } catch (e) {
      if (e instanceof IncompleteReadError) return e.partial;
      if (e instanceof LimitOverrunError) {
        if (this._buffer.startsWith(NEWLINE, e.consumed)) this._buffer.discard(e.consumed + 1);
        else this._buffer.clear();
        this._maybeResumeTransport();
        throw new ValueError(e.message);
      }
      throw e;
    }
  }

  /** Data up to and including the first of `separators` (the shortest match wins). */
  *readuntil(separators: Uint8Array | readonly Uint8Array[] = NEWLINE): Coroutine<Uint8Array> {
    const seps = (separators instanceof Uint8Array ? [separators] : [...separators]).sort(
      (a, b) => a.length - b.length,
    );
    if (seps.length === 0) throw new ValueError("Separator should contain at least one element");
    const minLen = seps[0]!.length;
    const maxLen = seps[seps.length - 1]!.length;
    if (minLen === 0) throw new ValueError("Separator should be at least one-byte string");
    if (this._exception !== undefined) throw this._exception;
    let offset = 0;
    let matchStart = -1;
    let matchEnd = -1;
    for (;;) {
      const buflen = this._buffer.length;
      if (buflen - offset >= minLen) {
        for (const sep of seps) {
          const at = this._buffer.find(sep, offset);
          if (at !== -1 && (matchEnd === -1 || at + sep.length < matchEnd)) {
            matchStart = at;
            matchEnd = at + sep.length;
          }
        }
        if (matchEnd !== -1) break;
        offset = Math.max(0, buflen + 1 - maxLen);
        if (offset > this._limit) {
          throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
        }
      }
      if (this._eof) {
        const chunk = this._buffer.take(this._buffer.length);
        throw new IncompleteReadError(chunk, undefined);
      }
      yield* this._waitForData("readuntil");
    }
    if (matchStart > this._limit) {
      throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
    }
    const chunk = this._buffer.take(matchEnd);
    this._maybeResumeTransport();
    return chunk;
  }

  /**
   * Python's `async for line in reader`: the reader iterates over its lines
   * (each with its newline; the last may lack one) until EOF.
   * @example yield* asyncio.asyncFor(reader, function* (line) { console.log(dec(line)); });
   */
  aiter(): this {
    return this;
  }

  /** `for await (const line of reader)` from plain async code: the lines, as `asyncFor` gives them. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array, undefined, undefined> {
    return forAwaitIterator(this, () => this._loop);
  }

  /** The next line, as `readline()`; done at EOF. */
  *anext(): Coroutine<IteratorResult<Uint8Array, undefined>> {
    const line = yield* this.readline();
    return line.length === 0 ? { done: true, value: undefined } : { done: false, value: line };
  }

  /** Up to `n` bytes (`n` < 0: everything until EOF); empty at EOF. */
  *read(n = -1): Coroutine<Uint8Array> {
    if (this._exception !== undefined) throw this._exception;
    if (n === 0) return new Uint8Array(0);
    if (n < 0) {
      const blocks: Uint8Array[] = [];
      for (;;) {
        const block = yield* this.read(this._limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      return concat(blocks);
    }
    if (this._buffer.length === 0 && !this._eof) yield* this._waitForData("read");
    const data = this._buffer.take(n);
    this._maybeResumeTransport();
    return data;
  }

  /** Exactly `n` bytes; IncompleteReadError if EOF comes first. */
  *readexactly(n: number): Coroutine<Uint8Array> {
    if (n < 0) throw new ValueError("readexactly size can not be less than zero");
    if (this._exception !== undefined) throw this._exception;
    if (n === 0) return new Uint8Array(0);
    while (this._buffer.length < n) {
      if (this._eof) {
        const incomplete = this._buffer.take(this._buffer.length);
        throw new IncompleteReadError(incomplete, n);
      }
      yield* this._waitForData("readexactly");
    }
    const data = this._buffer.take(n);
    this._maybeResumeTransport();
    return data;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    const info = ["StreamReader"];
    if (this._buffer.length > 0) info.push(`${this._buffer.length} bytes`);
    if (this._eof) info.push("eof");
    if (this._limit !== DEFAULT_LIMIT) info.push(`limit=${this._limit}`);
    if (this._waiter !== null) info.push(`waiter=${this._waiter}`);
    if (this._exception !== undefined) info.push(`exception=${reprValue(this._exception)}`);
    if (this._transport !== null) info.push(`transport=${this._transport}`);
    if (this._paused) info.push("paused");
    return `<${info.join(" ")}>`;
  }

  private _wakeupWaiter(): void {
    const waiter = this._waiter;
    if (waiter !== null) {
      this._waiter = null;
      if (!waiter.cancelled()) waiter.setResult(undefined);
    }
  }

  private _maybeResumeTransport(): void {
    if (this._paused && this._buffer.length <= this._limit) {
      this._paused = false;
      this._transport!.resumeReading();
    }
  }

  private *_waitForData(funcName: string): Coroutine<void> {
    if (this._waiter !== null) {
      throw new RuntimeError(
        `${funcName}() called while another coroutine is already waiting for incoming data`,
      );
    }
    if (this._paused) {
      this._paused = false;
      this._transport!.resumeReading();
    }
    const waiter = this._loop.createFuture<void>();
    this._waiter = waiter;
    try {
      yield* waiter;
    } finally {
      this._waiter = null;
    }
  }
}

function concat(blocks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
