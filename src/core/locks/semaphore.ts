import {
  CancelledError,
  type Coroutine,
  checkNumber,
  className,
  named,
  ValueError,
} from "../kernel/index.js";
import { hasUncancelled, WaitQueue, wakeNext, wasWoken } from "../wait-queue.js";
import { AcquireRelease } from "./acquire-release.js";
import { withWaiters } from "./lock.js";

/**
 * What `Semaphore.statistics()` reports.
 *
 * @python no counterpart: Trio's `statistics()` records — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore
 * @example
 * ```ts
 * const { value, waiters }: asyncio.SemaphoreStatistics = sem.statistics();
 * ```
 */
export interface SemaphoreStatistics {
  /** The counter: units free for newcomers. */
  readonly value: number;
  /** How many Tasks wait in `acquire()` (including woken ones that have not run yet). */
  readonly waiters: number;
}

/**
 * A counter of free units: `acquire()` takes one (waiting while there is
 * none), `release()` gives one back. Waiters are served in FIFO order.
 * @throws ValueError "Semaphore initial value must be >= 0" for a negative value.
 *
 * @python `asyncio.Semaphore` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore
 * @example
 * ```ts
 * const sem = new asyncio.Semaphore(2);
 * yield* asyncio.asyncWith(sem, function* () {
 *   // at most two Tasks at a time run here
 * });
 * ```
 */
export class Semaphore extends AcquireRelease {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(obj).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore
   * @example
   * ```ts
   * console.log(asyncio.Semaphore.pythonName); // "Semaphore"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Semaphore", ["acquire"]);
  /** @internal */ _waiters: WaitQueue | null = null;
  /** @internal */ _value: number;

  constructor(value = 1) {
    super();
    checkNumber(value, "Semaphore", "value");
    if (value < 0) throw new ValueError("Semaphore initial value must be >= 0");
    this._value = value;
  }

  /**
   * True if `acquire()` would wait: no unit free, or others already waiting.
   *
   * @python `asyncio.Semaphore.locked` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore.locked
   * @example
   * ```ts
   * if (sem.locked()) console.log("acquire() would wait");
   * ```
   */
  locked(): boolean {
    // Due to the value, or to FIFO: others wait first (CPython's `locked`).
    return this._value === 0 || (this._waiters !== null && hasUncancelled(this._waiters));
  }

  /**
   * Takes a unit, waiting for one if none is free (or others wait first);
   * returns true. Does not yield when a unit is free and nobody waits.
   *
   * @python `asyncio.Semaphore.acquire` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore.acquire
   * @example
   * ```ts
   * yield* sem.acquire();
   * try {
   *   yield* download(url);
   * } finally {
   *   sem.release();
   * }
   * ```
   */
  *acquire(): Coroutine<true> {
    if (!this.locked()) {
      this._value--;
      return true;
    }
    const waiters = (this._waiters ??= new WaitQueue(this, `${className(this)}.acquire()`));
    const wait = waiters.wait();
    try {
      yield* wait;
    } catch (e) {
      // CPython: "Our Future was successfully set to True via
      // _wake_up_next(), but we are not about to successfully acquire().
      // Therefore we must undo the bookkeeping already done and attempt to
      // wake up someone else" (conformance: locks_semaphore_cancel).
      if (e instanceof CancelledError && wasWoken(wait)) this._value++;
      throw e;
    } finally {
      // New waiters may have arrived but had to wait due to FIFO: wake as
      // many as the value allows (CPython's loop over `_wake_up_next`).
      while (this._value > 0) {
        if (!this._wakeUpNext()) break;
      }
    }
    return true;
  }

  /**
   * Gives a unit back, waking the first waiter if any.
   *
   * @python `asyncio.Semaphore.release` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore.release
   * @example
   * ```ts
   * yield* sem.acquire();
   * try {
   *   yield* download(url);
   * } finally {
   *   sem.release();
   * }
   * ```
   */
  release(): void {
    this._value++;
    this._wakeUpNext();
  }

  /**
   * A frozen snapshot of the semaphore's state.
   *
   * @python no counterpart: Trio's `statistics()`, a frozen record of the Semaphore's state — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore
   * @example
   * ```ts
   * console.log(sem.statistics()); // { value: 0, waiters: 4 }
   * ```
   */
  statistics(): SemaphoreStatistics {
    return Object.freeze({ value: this._value, waiters: this._waiters?.length ?? 0 });
  }

  /**
   * CPython's repr without the address: `<Semaphore [unlocked, value:2]>`.
   *
   * @python `asyncio.Semaphore.__repr__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Semaphore
   * @example
   * ```ts
   * console.log(String(new asyncio.Semaphore(2))); // <Semaphore [unlocked, value:2]>
   * ```
   */
  override toString(): string {
    const state = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    return `<${className(this)} [${withWaiters(state, this._waiters)}]>`;
  }

  /** Wakes the first waiter not yet done, taking a unit for it; false if there is none. */
  private _wakeUpNext(): boolean {
    const waiters = this._waiters;
    if (waiters === null || !wakeNext(waiters, true)) return false;
    this._value--;
    return true;
  }
}

/**
 * A Semaphore that refuses to be released above its initial value.
 *
 * @python `asyncio.BoundedSemaphore` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.BoundedSemaphore
 * @example
 * ```ts
 * const sem = new asyncio.BoundedSemaphore(1);
 * sem.release(); // ValueError: BoundedSemaphore released too many times
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  static override readonly pythonName = /* @__PURE__ */ named(this, "BoundedSemaphore");
  /** @internal */ readonly _boundValue: number;

  constructor(value = 1) {
    super(value);
    this._boundValue = value;
  }

  /**
   * Gives a unit back.
   * @throws ValueError "BoundedSemaphore released too many times" at the initial value.
   *
   * @python `asyncio.BoundedSemaphore.release` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.BoundedSemaphore.release
   * @example
   * ```ts
   * const sem = new asyncio.BoundedSemaphore(1);
   * yield* sem.acquire();
   * sem.release();
   * sem.release(); // ValueError: BoundedSemaphore released too many times
   * ```
   */
  override release(): void {
    if (this._value >= this._boundValue) {
      throw new ValueError("BoundedSemaphore released too many times");
    }
    super.release();
  }
}
