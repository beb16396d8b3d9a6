import {
  CancelledError,
  type Coroutine,
  className,
  type Future,
  RuntimeError,
} from "../kernel/index.js";
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
  static readonly pythonName: string = "Lock";
  /** @internal */ _waiters: Set<Future<boolean>> | null = null;
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
    if (!this._locked && (this._waiters === null || allCancelled(this._waiters))) {
      this._locked = true;
      return true;
    }
    const waiters = (this._waiters ??= new Set());
    const fut = this._newWaiter(waiters);
    try {
      try {
        yield* fut;
      } finally {
        waiters.delete(fut);
      }
    } catch (e) {
      // CancelledError is the only error expected here. If the lock is free,
      // a release may have woken us: pass the wake-up on.
      if (e instanceof CancelledError && !this._locked) this._wakeUpFirst();
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
    this._wakeUpFirst();
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
    return Object.freeze({ locked: this._locked, waiters: this._waiters?.size ?? 0 });
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

  /** Resolves the first waiter unless it is already done (woken or cancelled). */
  private _wakeUpFirst(): void {
    const waiters = this._waiters;
    if (waiters === null || waiters.size === 0) return;
    const first = waiters.values().next().value!;
    if (!first.done()) first.setResult(true);
  }
}

function allCancelled(waiters: Set<Future<boolean>>): boolean {
  for (const w of waiters) if (!w.cancelled()) return false;
  return true;
}

/** @internal The repr's bracket text: `state` plus `, waiters:N` when some wait. */
export function withWaiters(state: string, waiters: { size: number } | null): string {
  return waiters !== null && waiters.size > 0 ? `${state}, waiters:${waiters.size}` : state;
}
