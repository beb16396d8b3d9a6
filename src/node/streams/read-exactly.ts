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
 *
 * In a running Task (no tracer), the wait is no Future of its own: the
 * reader parks the Task on its one SharedWait and wakes it itself when data
 * (or EOF, or an error) arrives, as completing the Future would: the same
 * hop through the ready queue, the same `wait_for=<Future pending ...>` in
 * the Task's repr and `waiter=` in the reader's, and `Task.cancel()` wakes
 * it from a cancelled Future of its own (kernel/shared-wait.ts). A Future,
 * its completion and the callback list it keeps were a tenth of the
 * library's work per round trip in W9.
 * Resumed by anything but its Task before the wake-up (driven by hand), it
 * fails as `yield* waiter` on a pending Future would. Anywhere else (outside
 * a Task, or while a tracer records which Future woke each Task) a wait
 * makes its own Future.
 */
import {
  checkResumed,
  type EventLoop,
  type Future,
  HandCoroutine,
  QUALNAME,
  resumedByHand,
  type Task,
  ValueError,
  type Yielded,
} from "../../core/kernel/index.js";
import { typeName } from "../../core/type-name.js";
import { noBytes } from "./bytes.js";
import type { StreamReader } from "./stream-reader.js";

export class ReadExactly extends HandCoroutine<Uint8Array> {
  private waiter: Future<void> | null = null;
  /** The Task parked on `waiter` (the reader's SharedWait), or null for a Future of its own. */
  private parked: Task<unknown> | null = null;
  private started = false;
  private finished = false;

  get [QUALNAME](): string {
    return "StreamReader.readexactly";
  }

  constructor(
    private readonly reader: StreamReader,
    private readonly n: number,
    private readonly loop: EventLoop,
  ) {
    super();
  }

  next(): IteratorResult<Yielded, Uint8Array> {
    const reader = this.reader;
    const waiter = this.waiter;
    if (waiter !== null) {
      // Resumed: the `finally` around `yield* waiter`.
      const parked = this.parked;
      if (parked === null) checkResumed(this, waiter);
      else if (parked !== this.loop._currentTask && !parked._woken) resumedByHand(this);
      this.waiter = null;
      this.parked = null;
      reader._clearWaiter();
    }
    if (this.finished) return { done: true, value: undefined as unknown as Uint8Array };
    // Whatever throws below ends the coroutine, as it would end a generator.
    this.finished = true;
    const n = this.n;
    if (!this.started) {
      this.started = true;
      checkInt(n, "readexactly");
      if (n < 0) throw new ValueError("readexactly size can not be less than zero");
      const exc = reader.exception();
      if (exc !== undefined) throw exc;
      if (n === 0) return { done: true, value: noBytes() };
    }
    const data = reader._takeExactly(n);
    if (data !== null) return { done: true, value: data };
    this.finished = false;
    const loop = this.loop;
    const task = loop._currentTask;
    if (task !== null && loop._tracer === null) {
      const yielded = reader._parkTask(task);
      this.waiter = yielded.value as Future<void>;
      this.parked = task;
      return yielded;
    }
    const next = reader._newWaiter("readexactly");
    this.waiter = next;
    // Pending, so this yields the Future (marked as awaited) and never returns a value.
    return next.next() as IteratorResult<Yielded, Uint8Array>;
  }

  /** @internal */
  _abandon(): void {
    this.finished = true;
    if (this.waiter !== null) {
      this.waiter = null;
      this.parked = null;
      this.reader._clearWaiter();
    }
  }
}

/** A read's size is an int (CPython fails on a float or a str when it slices the buffer). */
export function checkInt(n: unknown, method: string): void {
  if (!Number.isInteger(n)) {
    throw new TypeError(`${method}() argument 'n' must be an int, not ${typeName(n)}`);
  }
}
