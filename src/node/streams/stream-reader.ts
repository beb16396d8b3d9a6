/**
 * `StreamReader` (CPython's `asyncio.StreamReader`): bytes fed by a transport
 * (`feedData`, `feedEof`, `setException`), read by coroutines (`read`,
 * `readline`, `readexactly`, `readuntil`). One coroutine may wait for data
 * at a time. `limit` bounds what `readuntil`/`readline` may return; past it
 * they raise LimitOverrunError, leaving (readuntil) or consuming (readline)
 * the data as CPython does. With a transport, reading is paused while more
 * than twice the limit is buffered, and resumed as the buffer drains.
 *
 * This file is the reader's public methods, in CPython's words; what it
 * holds, how its one read waits (a Future, or a Task parked on the reader's
 * SharedWait) and the flow control are in stream-reader-waiting.ts, the
 * class it extends.
 */
import type { AsyncIterableLike, AsyncIteratorLike } from "../../core/async-iteration.js";
import { forAwaitIterator } from "../../core/for-await.js";
import {
  type Coroutine,
  type EventLoop,
  getEventLoop,
  inspectCustom,
  named,
  RuntimeError,
  reprValue,
  type SharedWait,
  ValueError,
} from "../../core/kernel/index.js";
import { typeName } from "../../core/type-name.js";
import { bytesTypeError } from "../transports/flow-controlled-transport.js";
import { joinBytes, noBytes } from "./bytes.js";
import { IncompleteReadError, LimitOverrunError } from "./errors.js";
import { checkInt, ReadExactly } from "./read-exactly.js";
import { type PausableTransport, StreamReaderWaiting } from "./stream-reader-waiting.js";

const DEFAULT_LIMIT = 2 ** 16;
const NEWLINE = new Uint8Array([0x0a]);

/**
 * Bytes arriving from a connection or a pipe, read by coroutines: `read`, `readline`,
 * `readexactly`, `readuntil`, or line by line with `asyncFor`. `openConnection`, `startServer`
 * and subprocess pipes make them; `limit` (64 KiB) bounds a line, and a transport is paused
 * while more than twice the limit is buffered. Every read gives a Node `Buffer` (typed as
 * the `Uint8Array` it is), a chunk read whole without a copy: `String(data)` decodes UTF-8,
 * and `data.slice()` is a view.
 *
 * @python `asyncio.StreamReader` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const [reader, writer] = yield* asyncio.openConnection("example.com", 80);
 *   writer.write(new TextEncoder().encode("HEAD / HTTP/1.0\r\n\r\n"));
 *   const status = yield* reader.readline();
 *   const rest = yield* reader.read(); // until EOF
 *   writer.close();
 * }
 * ```
 */
export class StreamReader
  extends StreamReaderWaiting
  implements AsyncIterableLike<Uint8Array>, AsyncIteratorLike<Uint8Array>, AsyncIterable<Uint8Array>
{
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static override readonly name = /* @__PURE__ */ named(this, "StreamReader", [
    "readline",
    "readuntil",
    "read",
  ]);
  constructor(limit = DEFAULT_LIMIT, options?: { loop?: EventLoop }) {
    if (typeof limit !== "number") {
      const type = typeName(limit);
      const hint = type === "Object" ? " (a positional argument, not an options object)" : "";
      throw new TypeError(`StreamReader() argument 'limit' must be a number, not ${type}${hint}`);
    }
    // NaN too: no read would ever reach it.
    if (!(limit > 0)) throw new ValueError("Limit cannot be <= 0");
    super(limit, options?.loop ?? getEventLoop());
  }

  /**
   * The error the stream failed with (set by `setException`), else `undefined`.
   *
   * @python `asyncio.StreamReader.exception` (not in CPython's documentation) — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader
   * @example
   * ```ts
   * if (reader.exception() !== undefined) console.log("the connection failed");
   * ```
   */
  exception(): unknown {
    return this._exception;
  }

  /**
   * Fails the stream with `exc`: a waiting read and every later read raise it. For code that
   * feeds a reader itself, as a protocol does.
   *
   * @python `asyncio.StreamReader.set_exception` (not in CPython's documentation) — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader
   * @example
   * ```ts
   * const reader = new asyncio.StreamReader();
   * reader.setException(new asyncio.ConnectionResetError("peer reset"));
   * ```
   */
  setException(exc: unknown): void {
    this._exception = exc;
    const waiter = this._waiter;
    if (waiter === null) return;
    this._waiter = null;
    if (waiter === this._park) {
      const task = this._takeParked();
      // The parked Task's own Future, failed with `exc`, is what it wakes from.
      if (task !== null) {
        const failed = this._loop.createFuture<void>();
        failed.setException(exc);
        (waiter as SharedWait<void>)._wakeFrom(task, failed);
      }
    } else if (!waiter.cancelled()) waiter.setException(exc);
  }

  /**
   * Gives the reader the transport it pauses and resumes for flow control (once; RuntimeError
   * if it has one): any ReadTransport, or an object with its `pauseReading` and `resumeReading`.
   *
   * @python `asyncio.StreamReader.set_transport` (not in CPython's documentation) — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader
   * @example
   * ```ts
   * const reader = new asyncio.StreamReader();
   * reader.setTransport(readTransport);
   * ```
   */
  setTransport(transport: PausableTransport): void {
    if (this._transport !== null) throw new RuntimeError("Transport already set");
    this._transport = transport;
  }

  /** @internal startTls: flow control goes to the TLS transport, paused if the old one was. */
  _replaceTransport(transport: PausableTransport): void {
    this._transport = transport;
    if (this._paused) transport.pauseReading();
  }

  /**
   * Marks the end of the stream: reads return what is buffered, then end.
   *
   * @python `asyncio.StreamReader.feed_eof` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader.feed_eof
   * @example
   * ```ts
   * const reader = new asyncio.StreamReader();
   * reader.feedData(new TextEncoder().encode("last line"));
   * reader.feedEof();
   * const line = yield* reader.readline(); // "last line", no newline
   * ```
   */
  feedEof(): void {
    this._eof = true;
    this._wakeupWaiter();
  }

  /**
   * True once EOF was fed and the buffer is empty.
   *
   * @python `asyncio.StreamReader.at_eof` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader.at_eof
   * @example
   * ```ts
   * while (!reader.atEof()) {
   *   const chunk = yield* reader.read(4096);
   *   console.log(chunk.length);
   * }
   * ```
   */
  atEof(): boolean {
    return this._eof && this._buffer.length === 0;
  }

  /**
   * Appends `data` to the buffer and wakes a waiting read (RuntimeError after `feedEof`). The
   * reader keeps `data` itself, without a copy, as Python's immutable bytes allow: do not
   * modify it afterwards.
   *
   * @python `asyncio.StreamReader.feed_data` (not in CPython's documentation) — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader
   * @example
   * ```ts
   * const reader = new asyncio.StreamReader();
   * reader.feedData(new TextEncoder().encode("hello\n"));
   * const line = yield* reader.readline(); // "hello\n"
   * ```
   */
  feedData(data: Uint8Array): void {
    if (this._eof) throw new RuntimeError("feed_data after feed_eof");
    if (!(data instanceof Uint8Array)) throw bytesTypeError(data, true);
    if (data.length === 0) return;
    this._buffer.append(data);
    this._wakeupWaiter();
    if (this._transport !== null && !this._paused && this._buffer.length > 2 * this._limit) {
      this._transport.pauseReading();
      this._paused = true;
    }
  }

  /**
   * Reads one line, ending in `\n` (at EOF, what is left, maybe without one; empty once
   * nothing is left). A line longer than the limit raises ValueError and is discarded.
   *
   * @python `asyncio.StreamReader.readline` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader.readline
   * @example
   * ```ts
   * const line = new TextDecoder().decode(yield* reader.readline());
   * if (line === "") console.log("EOF");
   * ```
   */
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

  /**
   * Reads up to and including the first of `separators` (one or a list: the match that ends
   * first wins). At EOF without it, IncompleteReadError with what was read; past the limit,
   * LimitOverrunError, and the data stays buffered.
   *
   * @python `asyncio.StreamReader.readuntil` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader.readuntil
   * @example
   * ```ts
   * const head = yield* reader.readuntil(new TextEncoder().encode("\r\n\r\n"));
   * ```
   */
  *readuntil(separators: Uint8Array | readonly Uint8Array[] = NEWLINE): Coroutine<Uint8Array> {
    // CPython's order: an empty list, then an empty separator (b"" or ""), then the type.
    const given: unknown[] =
      separators instanceof Uint8Array || typeof separators === "string" || !isIterable(separators)
        ? [separators]
        : [...separators];
    if (given.length === 0) throw new ValueError("Separator should contain at least one element");
    if (given.some((sep) => (sep as { length?: unknown }).length === 0)) {
      throw new ValueError("Separator should be at least one-byte string");
    }
    const bad = given.find((sep) => !(sep instanceof Uint8Array));
    if (bad !== undefined) {
      throw new TypeError(
        `readuntil() separator must be bytes (a Uint8Array), not ${typeName(bad)}${
          typeof bad === "string" ? " (encode it: new TextEncoder().encode(text))" : ""
        }`,
      );
    }
    const seps = (given as Uint8Array[]).sort((a, b) => a.length - b.length);
    const minLen = seps[0]!.length;
    const maxLen = seps[seps.length - 1]!.length;
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
      const waiter = this._newWaiter("readuntil");
      try {
        yield* waiter;
      } finally {
        this._waiter = null;
      }
    }
    if (matchStart > this._limit) {
      throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
    }
    const chunk = this._buffer.take(matchEnd);
    this._maybeResumeTransport();
    return chunk;
  }

  /**
   * The reader as its own async iterator, for `asyncFor` (Python's `async for line in
   * reader`): its lines, each with its newline (the last may lack one), until EOF.
   *
   * @python `asyncio.StreamReader.__aiter__` — https://docs.python.org/3/reference/datamodel.html#object.__aiter__
   * @example
   * ```ts
   * yield* asyncio.asyncFor(reader, function* (line) {
   *   console.log(new TextDecoder().decode(line));
   * });
   * ```
   */
  aiter(): this {
    return this;
  }

  /**
   * `for await (const line of reader)` from plain async code: the lines, as `asyncFor` gives them.
   *
   * @python `asyncio.StreamReader.__aiter__` — https://docs.python.org/3/reference/datamodel.html#object.__aiter__
   * @example
   * ```ts
   * for await (const line of reader) console.log(new TextDecoder().decode(line));
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array, undefined, undefined> {
    return forAwaitIterator(this, () => this._loop);
  }

  /**
   * The next line, as `readline()`; done at EOF.
   *
   * @python `asyncio.StreamReader.__anext__` — https://docs.python.org/3/reference/datamodel.html#object.__anext__
   * @example
   * ```ts
   * const next = yield* reader.anext();
   * if (!next.done) console.log(next.value.length);
   * ```
   */
  *anext(): Coroutine<IteratorResult<Uint8Array, undefined>> {
    const line = yield* this.readline();
    return line.length === 0 ? { done: true, value: undefined } : { done: false, value: line };
  }

  /**
   * Reads up to `n` bytes, waiting only if none is buffered (`n` < 0, the default: everything
   * until EOF). Empty at EOF.
   *
   * @python `asyncio.StreamReader.read` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader.read
   * @example
   * ```ts
   * const chunk = yield* reader.read(4096);
   * const all = yield* reader.read();
   * ```
   */
  *read(n = -1): Coroutine<Uint8Array> {
    checkInt(n, "read");
    if (this._exception !== undefined) throw this._exception;
    if (n === 0) return noBytes();
    if (n < 0) {
      const blocks: Uint8Array[] = [];
      for (;;) {
        const block = yield* this.read(this._limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      return joinBytes(blocks);
    }
    if (this._buffer.length === 0 && !this._eof) {
      const waiter = this._newWaiter("read");
      try {
        yield* waiter;
      } finally {
        this._waiter = null;
      }
    }
    const data = this._buffer.take(n);
    this._maybeResumeTransport();
    return data;
  }

  /**
   * Reads exactly `n` bytes; IncompleteReadError (with the partial bytes) if EOF comes first.
   *
   * @python `asyncio.StreamReader.readexactly` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader.readexactly
   * @example
   * ```ts
   * const header = yield* reader.readexactly(4);
   * const length = new DataView(header.buffer, header.byteOffset).getUint32(0);
   * const body = yield* reader.readexactly(length);
   * ```
   */
  readexactly(n: number): Coroutine<Uint8Array> {
    // Written by hand: the wait of every round trip (read-exactly.ts).
    return new ReadExactly(this, n, this._loop);
  }

  /**
   * @internal readexactly's step: the first `n` bytes if buffered, else null
   * (wait for more); at EOF with fewer, IncompleteReadError with them all.
   */
  _takeExactly(n: number): Uint8Array | null {
    if (this._buffer.length < n) {
      if (!this._eof) return null;
      throw new IncompleteReadError(this._buffer.take(this._buffer.length), n);
    }
    const data = this._buffer.take(n);
    this._maybeResumeTransport();
    return data;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * Python's repr of the reader: `<StreamReader 12 bytes eof>`, with its buffer, limit, waiter,
   * exception and transport where they matter.
   *
   * @python `asyncio.StreamReader.__repr__` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.StreamReader
   * @example
   * ```ts
   * console.log(String(reader)); // <StreamReader 5 bytes eof>
   * ```
   */
  override toString(): string {
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
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof (value as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] === "function";
}
