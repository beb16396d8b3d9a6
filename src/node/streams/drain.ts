/**
 * `StreamWriter.drain()` written by hand (see the kernel's hand-coroutine.ts):
 * a writer drains once per write, and most drains have nothing to wait for
 * (the transport's buffer is under its high-water mark), so they finish in
 * their first step without a generator (W9). Otherwise the rest of drain()
 * runs as the generator `_drainSlowly`, which this coroutine passes every
 * step, throw and close on to.
 */
import { type Coroutine, HandCoroutine, QUALNAME, type Yielded } from "../../core/kernel/index.js";
import type { StreamWriter } from "./stream-writer.js";

export class Drain extends HandCoroutine<void> {
  private started = false;
  private slow: Coroutine<void> | null = null;

  get [QUALNAME](): string {
    return "StreamWriter.drain";
  }

  constructor(private readonly writer: StreamWriter) {
    super();
  }

  next(): IteratorResult<Yielded, void> {
    const slow = this.slow;
    if (slow !== null) return slow.next();
    if (this.started) return { done: true, value: undefined };
    this.started = true;
    if (this.writer._drained()) return { done: true, value: undefined };
    const rest = this.writer._drainSlowly();
    this.slow = rest;
    return rest.next();
  }

  override throw(error: unknown): IteratorResult<Yielded, void> {
    if (this.slow !== null) return this.slow.throw(error);
    this.started = true;
    throw error;
  }

  override return(value: void): IteratorResult<Yielded, void> {
    if (this.slow !== null) return this.slow.return(value);
    this.started = true;
    return { done: true, value };
  }

  /** @internal */
  _abandon(): void {
    this.started = true;
  }
}
