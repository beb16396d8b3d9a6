/**
 * `WaitQueue`: where every synchronisation primitive keeps the Tasks that
 * wait on it — Lock, Semaphore, Condition (and Barrier through it), Event,
 * Queue's getters and putters, a TaskGroup's exit, asCompleted. It is the
 * asyncio-ts counterpart of Trio's `_core/_parking_lot.py`.
 *
 * Prior art. CPython gives each primitive its own container (a deque of
 * Futures in locks.py and queues.py, a set in older Events) and writes the
 * waiting, waking and clean-up out in each method. Trio parks Tasks in one
 * ParkingLot: `park()` suspends the caller, `unpark(count)` wakes the oldest
 * in FIFO order, `repark` moves waiters between lots, and cancellation is
 * handled once, there. asyncio-ts cannot take Trio's shape whole: CPython's
 * observable behaviour is made of one Future per waiter (Task reprs show it
 * as `wait_for=`, `Task.cancel()` cancels it, its completion is the one
 * wake-up hop), and each primitive has its own rule for whom it wakes. So
 * this file keeps what CPython does and gathers it in one place:
 *
 * - `wait()` is the one shape of a wait: a hand-written coroutine
 *   (hand-coroutine.ts) that makes the waiter Future on its first step, names
 *   it for traces (`Lock.acquire()`), appends it, and yields it. Its
 *   teardown, `_abandon()`, runs when it is left by a throw (a cancellation) or
 *   a close, and takes the waiter out: the `finally: waiters.remove(fut)` of
 *   every CPython primitive, written once. The waits that loop or need more
 *   (Event.wait, Queue get/put) are hand coroutines of the same shape: their
 *   `_abandon()` takes their waiter out.
 * - FIFO: waiters are woken oldest first. Every wake skips waiters that are
 *   done already (a cancelled one, or one woken and not yet run).
 * - Two removal policies, both CPython's: the locks leave a woken waiter in
 *   the queue until its Task runs and takes it out (so `waiters:N` in a
 *   Lock's repr counts a woken Task that has not run yet); the queues take a
 *   waiter out as they wake it (`_wakeup_next`'s `popleft`), so `_getters[N]`
 *   counts only sleepers. `_wakeFirst`/`wakeNext`/`wakeUpTo` keep, `_takeNext`/
 *   `_takeAll` take.
 * - The hand-off: a waiter that was woken and then leaves by an error (it
 *   was cancelled before it ran) must not swallow the wake-up, or what it was
 *   woken for (an item, a slot, the lock) would sit unclaimed while others
 *   sleep. `wasWoken(wait)` says whether that happened; `_handOn` passes the
 *   wake-up on for the queues. The locks keep CPython's own forms of the
 *   rule, each pinned by a conformance scenario (lock.ts, semaphore.ts,
 *   condition.ts).
 * - A waiter may be the Task itself: an Event's waiting Tasks park in its
 *   queue and wait on one SharedWait (kernel/shared-wait.ts) that stands, to
 *   each of them, for a Future of its own, so a suspended Task costs no
 *   Future (locks/event-parking.ts says how, and when a waiter still gets
 *   one). Only an Event parks Tasks, and it wakes them with `_wakeAll`.
 *
 * The container is the ring buffer of the queues (queues/deque.ts): append
 * and take-from-the-front are a store and an increment, and a waiter leaving
 * in FIFO order (the common case: the woken head runs first) leaves from the
 * front. Leaving from the middle (a waiter cancelled while others wait ahead
 * of it) is a scan, as CPython's `deque.remove`. Measured against the Set
 * the locks used and the FutureList of Event (W3, W7: see the commit that
 * introduced this file).
 */
import {
  checkResumed,
  type EventLoop,
  type Future,
  HandCoroutine,
  QUALNAME,
  type SharedWait,
  Task,
  type Yielded,
} from "./kernel/index.js";
import { Deque } from "./queues/deque.js";

/** What a queue's waits bind to: a primitive's loop, bound on its first wait (loop-bound.ts). */
export interface WaitOwner {
  /** @internal */ _getLoop(): EventLoop;
}

/**
 * A waiter: its Future, or a Task parked in the queue that waits on a
 * SharedWait (only an Event parks Tasks: see event.ts).
 */
export type WaitEntry<T> = Future<T> | Task<unknown>;

export class WaitQueue<T = boolean> implements Iterable<WaitEntry<T>> {
  /**
   * @internal The entries that are Futures: Tasks are parked only in an Event's queue,
   * which wakes them through `_wakeAll`, never through the other wakes.
   */
  readonly waiters = new Deque<WaitEntry<T>>();

  /**
   * `owner` gives the loop when a waiter is parked; `label` names every
   * waiter Future for traces (`Lock.acquire()`).
   */
  constructor(
    readonly owner: WaitOwner,
    private readonly label: string,
  ) {}

  /** How many waiters are in the queue. */
  get length(): number {
    return this.waiters.length;
  }

  /** Oldest first. */
  [Symbol.iterator](): Iterator<WaitEntry<T>> {
    return this.waiters[Symbol.iterator]();
  }

  /** The one wait: `yield* queue.wait()` parks a waiter Future and returns its result once woken. */
  wait(): Wait<T> {
    return new Wait(this);
  }

  /** Makes the waiter Future on the owner's loop, names it for traces, and appends it. */
  park(): Future<T> {
    const loop = this.owner._getLoop();
    const fut = loop.createFuture<T>();
    loop._tracer?._labelFuture(fut, this.label);
    this.waiters.push(fut);
    return fut;
  }

  /** Appends a waiter made elsewhere (CPython's `_waiters.append`), or a Task parked on a SharedWait. */
  push(entry: WaitEntry<T>): void {
    this.waiters.push(entry);
  }

  /**
   * Takes `fut` out if it is still in (a wake that takes waiters out may
   * have already); false if it was not in.
   */
  leave(fut: WaitEntry<T>): boolean {
    const waiters = this.waiters;
    if (waiters.length === 0) return false;
    if (waiters.at(0) !== fut) return waiters.remove(fut);
    waiters.shift();
    return true;
  }

  /**
   * @internal CPython's `Lock._wake_up_first`: resolves the oldest waiter unless it is
   * done, and looks no further (a woken head still owns the wake-up).
   */
  _wakeFirst(value: T): void {
    if (this.waiters.length === 0) return;
    const first = this.waiters.at(0) as Future<T>;
    if (!first.done()) first.setResult(value);
  }

  /**
   * @internal CPython's `Queue._wakeup_next`: takes waiters out from the front until
   * one not done is resolved; false if none was.
   */
  _takeNext(value: T): boolean {
    const waiters = this.waiters;
    while (waiters.length > 0) {
      const fut = waiters.shift() as Future<T>;
      if (!fut.done()) {
        fut.setResult(value);
        return true;
      }
    }
    return false;
  }

  /** @internal Takes every waiter out, resolving those not done. */
  _takeAll(value: T): void {
    const waiters = this.waiters;
    while (waiters.length > 0) {
      const fut = waiters.shift() as Future<T>;
      if (!fut.done()) fut.setResult(value);
    }
  }

  /**
   * @internal Wakes every waiter, oldest first, leaving them in the queue: resolves
   * each waiter Future not done, and wakes each Task parked on `shared`,
   * which the caller completed first (Tasks parked on an earlier SharedWait
   * were woken by it, and a cancelled one waits on a Future of its own).
   * A parked Task whose coroutine was closed by hand never leaves by itself
   * (locks/event-parking.ts): once done, it is taken out here.
   */
  _wakeAll(value: T, shared: SharedWait<T> | null): void {
    const waiters = this.waiters;
    for (let i = 0; i < waiters.length; i++) {
      const entry = waiters.at(i);
      if (entry instanceof Task) {
        // Not woken twice, even if a coroutine driven by hand parked its Task twice.
        if (shared !== null && entry._futWaiter === shared && !entry._woken) {
          shared.wake(entry);
        } else if (entry.done()) {
          waiters.remove(entry);
          i--;
        }
      } else if (!entry.done()) {
        entry.setResult(value);
      }
    }
  }

  /**
   * @internal The hand-off of the queues (CPython's `except:` in `Queue.get`/`put`):
   * the waiter `fut` leaves by an error; it is cancelled (a no-op if it was
   * woken) and taken out, and if it had been woken while what it was woken
   * for is still `available`, the next waiter is woken in its place.
   */
  _handOn(fut: Future<T>, available: boolean, value: T): void {
    fut.cancel();
    this.leave(fut);
    if (available && !fut.cancelled()) this._takeNext(value);
  }
}

/**
 * One wait in a WaitQueue, written by hand (see hand-coroutine.ts). As a
 * generator it reads:
 * `fut = queue.park(); try { return yield* fut } finally { queue.leave(fut) }`.
 */
export class Wait<T> extends HandCoroutine<T> {
  /** The queue until the wait is over (returned, thrown out or closed), then null. */
  protected queue: WaitQueue<T> | null;
  /** @internal The waiter Future once parked; kept afterwards, for `wasWoken`. */
  parked: Future<T> | null = null;

  get [QUALNAME](): string {
    return "WaitQueue.wait";
  }

  constructor(queue: WaitQueue<T>) {
    super();
    this.queue = queue;
  }

  next(): IteratorResult<Yielded, T> {
    const queue = this.queue;
    if (queue === null) return { done: true, value: undefined as T };
    const fut = this.parked;
    if (fut === null) {
      const waiter = queue.park();
      this.parked = waiter;
      // Pending, so this yields the Future (marked as awaited).
      return waiter.next();
    }
    checkResumed(this, fut);
    this.queue = null;
    queue.leave(fut);
    return fut.next();
  }

  /** @internal */
  _abandon(): void {
    const queue = this.queue;
    if (queue === null) return;
    this.queue = null;
    if (this.parked !== null) queue.leave(this.parked);
  }
}

// The wakes only the locks use, as functions rather than methods, so that a
// program without locks does not carry them (a bundler keeps every method of
// a class it keeps: Queue, Event and TaskGroup keep WaitQueue).

/** Resolves the oldest waiter of `queue` not done, leaving it in the queue; false if there is none. */
export function wakeNext<T>(queue: WaitQueue<T>, value: T): boolean {
  return wakeUpTo(queue, 1, value) === 1;
}

/** Resolves the oldest `n` waiters of `queue` not done, leaving them in the queue; returns how many. */
export function wakeUpTo<T>(queue: WaitQueue<T>, n: number, value: T): number {
  const waiters = queue.waiters;
  let woken = 0;
  // Resolving a Future runs no code here (its callbacks are scheduled), so the queue cannot change meanwhile.
  for (let i = 0; i < waiters.length && woken < n; i++) {
    const fut = waiters.at(i) as Future<T>;
    if (!fut.done()) {
      woken++;
      fut.setResult(value);
    }
  }
  return woken;
}

/** True if some waiter of `queue` is not cancelled (CPython: `not all(w.cancelled() for w in waiters)`). */
export function hasUncancelled(queue: WaitQueue<unknown>): boolean {
  const waiters = queue.waiters;
  for (let i = 0; i < waiters.length; i++) if (!waiters.at(i).cancelled()) return true;
  return false;
}

/**
 * True if `wait`'s waiter was resolved: the wait was woken, even if it was
 * then left by an error (cancelled after the wake-up, before it ran).
 */
export function wasWoken(wait: Wait<unknown>): boolean {
  const fut = wait.parked;
  return fut !== null && fut.done() && !fut.cancelled();
}
