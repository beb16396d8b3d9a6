/**
 * `StreamReader.readexactly()` written by hand (see the kernel's
 * hand-coroutine.ts): a round trip over a stream usually waits here once, and
 * a generator costs an object and a resumption per level of `yield*` (W9).
 * As a generator it reads:
 *
 *   if (n < 0) throw ValueError; if (exception) throw exception;
 *   if (n === 0) return empty;
 *   while (buffer.length < n) {
 *     if (eof) throw IncompleteReadError(take everything, n);
 *     waiter = newWaiter("readexactly");
 *     try { yield* waiter } finally { reader._waiter = null }
 *   }
 *   data = take(n); maybeResumeTransport(); return data;
 *
 * `waiter` is the Future being waited on; `next()` after a wake-up checks the
 * buffer again.
 */
import {
  type Future,
  HandCoroutine,
  QUALNAME,
  ValueError,
  type Yielded,
} from "../../core/kernel/index.js";
import { noBytes } from "./bytes.js";
import type { StreamReader } from "./stream-reader.js";

export class ReadExactly extends HandCoroutine<Uint8Array> {
  private waiter: Future<void> | null = null;
  private started = false;
  private finished = false;

  get [QUALNAME](): string {
    return "StreamReader.readexactly";
  }

  constructor(
    private readonly reader: StreamReader,
    private readonly n: number,
  ) {
    super();
  }

  next(): IteratorResult<Yielded, Uint8Array> {
    const reader = this.reader;
    const waiter = this.waiter;
    if (waiter !== null) {
      // Resumed: the `finally` around `yield* waiter`.
      this.checkResumed(waiter);
      this.waiter = null;
      reader._clearWaiter();
    }
    if (this.finished) return { done: true, value: undefined as unknown as Uint8Array };
    // Whatever throws below ends the coroutine, as it would end a generator.
    this.finished = true;
    const n = this.n;
    if (!this.started) {
      this.started = true;
      if (n < 0) throw new ValueError("readexactly size can not be less than zero");
      const exc = reader.exception();
      if (exc !== undefined) throw exc;
      if (n === 0) return { done: true, value: noBytes() };
    }
    const data = reader._takeExactly(n);
    if (data !== null) return { done: true, value: data };
    const next = reader._newWaiter("readexactly");
    this.finished = false;
    this.waiter = next;
    // Pending, so this yields the Future (marked as awaited) and never returns a value.
    return next.next() as IteratorResult<Yielded, Uint8Array>;
  }

  protected abandon(): void {
    this.finished = true;
    if (this.waiter !== null) {
      this.waiter = null;
      this.reader._clearWaiter();
    }
  }
}
