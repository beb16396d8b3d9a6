/**
 * `Queue.put()` and `Queue.get()` (queue.ts) written by hand (see the
 * kernel's hand-coroutine.ts): every `yield* q.put(x)` and `yield* q.get()`
 * runs one, and a generator would cost an object and a resumption per level
 * of `yield*`. Kept apart from Queue so that the class reads as CPython's,
 * and the two state machines, mirror images, are read side by side.
 *
 * As generators they read, for get (put is the mirror image, on `full()` and the putters):
 *
 *   while (q.empty()) {
 *     if (q._isShutdown) throw new QueueShutDown();
 *     getter = q._getters.park();
 *     try { yield* getter } catch-all-but-wake-up {
 *       // woken by putNowait() but leaving: hand the item to the next getter
 *       q._getters._handOn(getter, !q.empty(), undefined);
 *       rethrow;
 *     }
 *   }
 *   return q.getNowait();
 *
 * `waiter` is the Future being waited on; `next()` after a wake-up loops again.
 */
import {
  checkResumed,
  type Future,
  HandCoroutine,
  QUALNAME,
  type Yielded,
} from "../kernel/index.js";
import { QueueShutDown } from "./errors.js";
import type { Queue } from "./queue.js";

export class QueuePut<T> extends HandCoroutine<void> {
  private waiter: Future<void> | null = null;
  private finished = false;

  get [QUALNAME](): string {
    return "Queue.put";
  }

  constructor(
    private readonly queue: Queue<T>,
    private readonly item: T,
  ) {
    super();
  }

  next(): IteratorResult<Yielded, void> {
    if (this.waiter !== null) checkResumed(this, this.waiter);
    this.waiter = null;
    const q = this.queue;
    if (this.finished) return { done: true, value: undefined };
    if (q.full()) {
      if (q._isShutdown) {
        this.finished = true;
        throw new QueueShutDown();
      }
      const putter = q._putters.park();
      this.waiter = putter;
      return putter.next();
    }
    this.finished = true;
    q.putNowait(this.item);
    return { done: true, value: undefined };
  }

  /** @internal */
  _abandon(): void {
    this.finished = true;
    const putter = this.waiter;
    if (putter === null) return;
    this.waiter = null;
    const q = this.queue;
    // Woken by getNowait() but leaving: hand the free slot to the next putter.
    q._putters._handOn(putter, !q.full(), undefined);
  }
}

export class QueueGet<T> extends HandCoroutine<T> {
  private waiter: Future<void> | null = null;
  private finished = false;

  get [QUALNAME](): string {
    return "Queue.get";
  }

  constructor(private readonly queue: Queue<T>) {
    super();
  }

  next(): IteratorResult<Yielded, T> {
    if (this.waiter !== null) checkResumed(this, this.waiter);
    this.waiter = null;
    const q = this.queue;
    if (this.finished) return { done: true, value: undefined as T };
    if (q.empty()) {
      if (q._isShutdown) {
        this.finished = true;
        throw new QueueShutDown();
      }
      const getter = q._getters.park();
      this.waiter = getter;
      return getter.next() as IteratorResult<Yielded, T>;
    }
    this.finished = true;
    return { done: true, value: q.getNowait() };
  }

  /** @internal */
  _abandon(): void {
    this.finished = true;
    const getter = this.waiter;
    if (getter === null) return;
    this.waiter = null;
    const q = this.queue;
    // Woken by putNowait() but leaving: hand the item to the next getter.
    q._getters._handOn(getter, !q.empty(), undefined);
  }
}
