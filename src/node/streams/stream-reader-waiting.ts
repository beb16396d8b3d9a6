/**
 * What a StreamReader (stream-reader.ts) holds, and its one waiting read.
 * CPython's reader has one `_waiter`, the Future of the read waiting for
 * data; feeding data, EOF or an error completes it. Here a read waits in one
 * of two ways: on a Future of its own, or, for `readexactly` in a running
 * Task (read-exactly.ts), parked on the reader's one SharedWait, which the
 * reader wakes itself: the wait of every round trip, without a Future, its
 * completion and its callback list (W9; docs/internals.md's register has the
 * figures). Both ways are made, woken and cleared here, together with the
 * flow control that pauses the transport while too much is buffered, so that
 * stream-reader.ts reads as CPython's reader: its public methods.
 *
 * An abstract class the reader extends, not an object it holds: the reader's
 * fields stay on the reader itself, read without an indirection on every
 * read.
 */
import {
  type EventLoop,
  type Future,
  RuntimeError,
  recordSuspension,
  SharedWait,
  type Task,
  type Yielded,
} from "../../core/kernel/index.js";
import type { ReadTransport } from "../transports/transport.js";
import { ByteBuffer } from "./byte-buffer.js";

/** What a reader needs of its transport: flow control. */
export type PausableTransport = Pick<ReadTransport, "pauseReading" | "resumeReading">;

export abstract class StreamReaderWaiting {
  /** @internal */
  protected readonly _limit: number;
  /** @internal */
  protected readonly _buffer = new ByteBuffer();
  /** @internal */
  protected _eof = false;
  /** @internal The wait a read is in: its own Future, or `_park` for a Task parked by readexactly. */
  protected _waiter: Future<void> | null = null;
  /**
   * @internal
   * What a Task waits on while `readexactly` parks it (read-exactly.ts): made
   * once per reader, never completed; the reader wakes the parked Task
   * itself, as completing the Task's own Future would.
   */
  protected _park: SharedWait<void> | null = null;
  /** @internal The Task parked on `_park` while `_waiter` is `_park`. */
  protected _parked: Task<unknown> | null = null;
  /** @internal */
  protected _exception: unknown = undefined;
  /** @internal */
  protected _transport: PausableTransport | null = null;
  /** @internal */
  protected _paused = false;
  /** @internal */
  protected readonly _loop: EventLoop;

  constructor(limit: number, loop: EventLoop) {
    this._limit = limit;
    this._loop = loop;
  }

  /** @internal */
  protected _wakeupWaiter(): void {
    const waiter = this._waiter;
    if (waiter === null) return;
    this._waiter = null;
    if (waiter === this._park) {
      const task = this._takeParked();
      if (task !== null) this._park.wake(task);
    } else if (!waiter.cancelled()) waiter.setResult(undefined);
  }

  /**
   * @internal
   * The parked Task, unless a cancellation already woke it (CPython's
   * `waiter.cancelled()`): SharedWait's `_cancelFor` gave it a cancelled
   * Future of its own to wait on instead of `_park`.
   */
  protected _takeParked(): Task<unknown> | null {
    const task = this._parked!;
    this._parked = null;
    return task._futWaiter === this._park ? task : null;
  }

  /** @internal */
  protected _maybeResumeTransport(): void {
    if (this._paused && this._buffer.length <= this._limit) {
      this._paused = false;
      this._transport!.resumeReading();
    }
  }

  /**
   * @internal The Future a read waits on for more data (CPython's `_wait_for_data`
   * before its `await`). Not a generator: each read awaits it itself, in a
   * `try` whose `finally` clears `_waiter` (`_clearWaiter`), so a wait costs
   * no generator of its own (W9 waits once per round trip on each side).
   */
  _newWaiter(funcName: string): Future<void> {
    this._checkNoWaiter(funcName);
    const waiter = this._loop.createFuture<void>();
    this._waiter = waiter;
    return waiter;
  }

  /**
   * @internal readexactly's wait in `task`, the running Task: parks it on the
   * reader's `_park` (no Future of its own) and returns what its `next()`
   * yields, as `_newWaiter` and the Future's `next()` would.
   */
  _parkTask(task: Task<unknown>): IteratorYieldResult<Yielded> {
    this._checkNoWaiter("readexactly");
    const park = (this._park ??= new SharedWait<void>({ loop: this._loop }));
    this._waiter = park;
    this._parked = task;
    // What `park.next()` does, without its check that it was not yielded before: every wait yields it.
    park._blocking = true;
    if (this._loop._debug) recordSuspension(this._loop);
    return park._yielded;
  }

  /** CPython's `_wait_for_data` before it makes its Future. */
  private _checkNoWaiter(funcName: string): void {
    if (this._waiter !== null) {
      throw new RuntimeError(
        `${funcName}() called while another coroutine is already waiting for incoming data`,
      );
    }
    if (this._paused) {
      this._paused = false;
      this._transport!.resumeReading();
    }
  }

  /** @internal The `finally` of a wait: whoever woke or left it, no read waits now. */
  _clearWaiter(): void {
    this._waiter = null;
    this._parked = null;
  }
}
