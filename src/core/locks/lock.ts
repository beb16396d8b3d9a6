import { CancelledError, type Coroutine, className, named, RuntimeError } from "../kernel/index.js";
import { hasUncancelled, WaitQueue } from "../wait-queue.js";
import { AcquireRelease } from "./acquire-release.js";

/**
 * What `Lock.statistics()` reports.
 *
 * @python no counterpart: Trio's `statistics()` records — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
 * @example
 * ```ts
 * const { locked, waiters }: asyncio.LockStatistics = lock.statistics();
 * ```
 */
export interface LockStatistics {
  /** Whether the lock is held. */
  readonly locked: boolean;
  /** How many Tasks wait in `acquire()` (including a woken one that has not run yet). */
  readonly waiters: number;
}

/**
 * A lock not owned by any Task: any Task may release it. Waiters acquire it
 * in FIFO order.
 *
 * @python `asyncio.Lock` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
 * @example
 * ```ts
 * const lock = new asyncio.Lock();
 * yield* asyncio.asyncWith(lock, function* () {
 *   // only one Task at a time runs here
 * });
 * ```
 */
export class Lock extends AcquireRelease {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(obj).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
   * @example
   * ```ts
   * console.log(asyncio.Lock.pythonName); // "Lock"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Lock", ["acquire"]);
  /** @internal */ _waiters: WaitQueue | null = null;
  /** @internal */ _locked = false;

  /**
   * True while the lock is held.
   *
   * @python `asyncio.Lock.locked` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock.locked
   * @example
   * ```ts
   * if (!lock.locked()) console.log("free");
   * ```
   */
  locked(): boolean {
    return this._locked;
  }

  /**
   * Waits until the lock is free, takes it and returns true. Takes it at once,
   * without yielding, when it is free and nobody waits.
   *
   * @python `asyncio.Lock.acquire` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock.acquire
   * @example
   * ```ts
   * yield* lock.acquire();
   * try {
   *   yield* writeRecord();
   * } finally {
   *   lock.release();
   * }
   * ```
   */
  *acquire(): Coroutine<true> {
    // CPython: "Implement fair scheduling, where thread always waits its
    // turn. Jumping the queue if all are cancelled is an optimization."
    // So a free lock is taken at once only when no live waiter is ahead
    // (conformance: locks_lock_fifo).
    if (!this._locked && (this._waiters === null || !hasUncancelled(this._waiters))) {
      this._locked = true;
      return true;
    }
    const waiters = (this._waiters ??= new WaitQueue(this, `${className(this)}.acquire()`));
    try {
      yield* waiters.wait();
    } catch (e) {
      // CancelledError is the only error expected here. CPython: "Ensure the
      // lock invariant: If lock is not claimed (or about to be claimed by us)
      // and there is a Task in waiters, ensure that the Task at the head will
      // run." A release may have woken us: the wake-up passes to the head
      // (conformance: locks_lock_cancelled_waiter).
      if (e instanceof CancelledError && !this._locked) waiters._wakeFirst(true);
      throw e;
    }
    this._locked = true;
    return true;
  }

  /**
   * Frees the lock and wakes the first waiter.
   * @throws RuntimeError "Lock is not acquired." when the lock is free.
   *
   * @python `asyncio.Lock.release` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock.release
   * @example
   * ```ts
   * yield* lock.acquire();
   * try {
   *   counter += 1;
   * } finally {
   *   lock.release();
   * }
   * ```
   */
  release(): void {
    if (!this._locked) throw new RuntimeError("Lock is not acquired.");
    this._locked = false;
    // Only the head is woken: a head already woken (or cancelled, and about
    // to leave) keeps the wake-up, which is what makes the lock fair
    // (CPython's `_wake_up_first`).
    this._waiters?._wakeFirst(true);
  }

  /**
   * A frozen snapshot of the lock's state.
   *
   * @python no counterpart: Trio's `statistics()`, a frozen record of the Lock's state — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
   * @example
   * ```ts
   * console.log(lock.statistics()); // { locked: true, waiters: 2 }
   * ```
   */
  statistics(): LockStatistics {
    return Object.freeze({ locked: this._locked, waiters: this._waiters?.length ?? 0 });
  }

  /**
   * CPython's repr without the address: `<Lock [locked, waiters:1]>`.
   *
   * @python `asyncio.Lock.__repr__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
   * @example
   * ```ts
   * console.log(String(lock)); // <Lock [unlocked]>
   * ```
   */
  override toString(): string {
    return `<${className(this)} [${withWaiters(this._locked ? "locked" : "unlocked", this._waiters)}]>`;
  }
}

/** @internal The repr's bracket text: `state` plus `, waiters:N` when some wait. */
export function withWaiters(state: string, waiters: { length: number } | null): string {
  return waiters !== null && waiters.length > 0 ? `${state}, waiters:${waiters.length}` : state;
}
