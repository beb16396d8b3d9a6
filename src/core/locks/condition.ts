import { CancelledError, type Coroutine, className, named, RuntimeError } from "../kernel/index.js";
import { WaitQueue, wakeUpTo } from "../wait-queue.js";
import { AcquireRelease } from "./acquire-release.js";
import { Lock, withWaiters } from "./lock.js";

/**
 * What `Condition.statistics()` reports.
 *
 * @python no counterpart: Trio's `statistics()` records — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition
 * @example
 * ```ts
 * const { waiters, locked }: asyncio.ConditionStatistics = cond.statistics();
 * ```
 */
export interface ConditionStatistics {
  /** How many Tasks wait in `wait()` for a notification. */
  readonly waiters: number;
  /** Whether the underlying lock is held. */
  readonly locked: boolean;
}

/**
 * A condition variable over `lock` (a new Lock when omitted). `locked`,
 * `acquire` and `release` are the lock's; `asyncWith(cond, ...)` holds it.
 *
 * @python `asyncio.Condition` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition
 * @example
 * ```ts
 * const cond = new asyncio.Condition();
 * yield* asyncio.asyncWith(cond, function* () {
 *   yield* cond.waitFor(() => items.length > 0);
 *   items.shift();
 * });
 * ```
 */
export class Condition extends AcquireRelease {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(obj).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition
   * @example
   * ```ts
   * console.log(asyncio.Condition.pythonName); // "Condition"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Condition", ["wait", "waitFor"]);
  /** @internal */ readonly _lock: Lock;
  /** @internal */ readonly _waiters: WaitQueue = new WaitQueue(this, "Condition.wait()");

  constructor(lock?: Lock) {
    super();
    this._lock = lock ?? new Lock();
  }

  /**
   * True while the underlying lock is held.
   *
   * @python `asyncio.Condition.locked` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.locked
   * @example
   * ```ts
   * if (!cond.locked()) yield* cond.acquire();
   * ```
   */
  locked(): boolean {
    return this._lock.locked();
  }

  /**
   * Acquires the underlying lock (`Lock.acquire`).
   *
   * @python `asyncio.Condition.acquire` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.acquire
   * @example
   * ```ts
   * yield* cond.acquire();
   * try {
   *   yield* cond.wait();
   * } finally {
   *   cond.release();
   * }
   * ```
   */
  acquire(): Coroutine<true> {
    return this._lock.acquire();
  }

  /**
   * Releases the underlying lock (`Lock.release`).
   *
   * @python `asyncio.Condition.release` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.release
   * @example
   * ```ts
   * yield* cond.acquire();
   * try {
   *   items.push(item);
   *   cond.notify();
   * } finally {
   *   cond.release();
   * }
   * ```
   */
  release(): void {
    this._lock.release();
  }

  /**
   * Releases the lock, waits for `notify()`/`notifyAll()`, re-acquires the
   * lock and returns true. May wake spuriously: re-check the state after.
   * @throws RuntimeError "cannot wait on un-acquired lock" if the lock is free.
   *
   * @python `asyncio.Condition.wait` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.wait
   * @example
   * ```ts
   * yield* asyncio.asyncWith(cond, function* () {
   *   while (items.length === 0) yield* cond.wait();
   *   return items.shift();
   * });
   * ```
   */
  *wait(): Coroutine<true> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    this._getLoop(); // bind to the loop (or fail) before letting the lock go
    this.release();
    try {
      let failed = false;
      let error: unknown;
      try {
        yield* this._waiters.wait();
      } catch (e) {
        failed = true;
        error = e;
      }
      // CPython: "Must re-acquire lock even if wait is cancelled." A
      // cancellation meanwhile replaces the outcome, as CPython's `raise err`
      // in its `finally` does (conformance: locks_condition_cancel_reacquire).
      const cancelled = yield* this._reacquire();
      if (cancelled !== undefined) throw cancelled;
      if (failed) throw error;
      return true;
    } catch (e) {
      // CPython: "Any error raised out of here _may_ have occurred after this
      // Task believed to have been successfully notified. Make sure to notify
      // another Task instead. This may result in a 'spurious wakeup', which is
      // allowed as part of the Condition Variable protocol."
      // (conformance: locks_condition_cancel_after_notify)
      this._notify(1);
      throw e;
    }
  }

  /**
   * Acquires the lock, retrying across cancellations; returns the last
   * CancelledError. Only CancelledError is retried: any other error from the
   * lock must not make this spin.
   */
  private *_reacquire(): Coroutine<CancelledError | undefined> {
    let cancelled: CancelledError | undefined;
    for (;;) {
      try {
        yield* this.acquire();
        return cancelled;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        cancelled = e;
      }
    }
  }

  /**
   * Waits until `predicate()` is truthy and returns its value; checks it
   * first, so no wait (and no lock) is needed if it already holds.
   *
   * @python `asyncio.Condition.wait_for` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.wait_for
   * @example
   * ```ts
   * yield* asyncio.asyncWith(cond, function* () {
   *   yield* cond.waitFor(() => items.length > 0);
   *   return items.shift();
   * });
   * ```
   */
  *waitFor<T>(predicate: () => T): Coroutine<T> {
    let result = predicate();
    while (!result) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting Tasks, oldest first. Each returns from `wait()`
   * only once it has the lock again, so release the lock after notifying.
   * @throws RuntimeError "cannot notify on un-acquired lock" if the lock is free.
   *
   * @python `asyncio.Condition.notify` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.notify
   * @example
   * ```ts
   * yield* asyncio.asyncWith(cond, function* () {
   *   items.push(item);
   *   cond.notify();
   * });
   * ```
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    this._notify(n);
  }

  /**
   * Wakes every waiting Task (`notify(waiters)`).
   *
   * @python `asyncio.Condition.notify_all` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition.notify_all
   * @example
   * ```ts
   * yield* asyncio.asyncWith(cond, function* () {
   *   done = true;
   *   cond.notifyAll();
   * });
   * ```
   */
  notifyAll(): void {
    this.notify(this._waiters.length);
  }

  /**
   * A frozen snapshot of the condition's state.
   *
   * @python no counterpart: Trio's `statistics()`, a frozen record of the Condition's state — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition
   * @example
   * ```ts
   * console.log(cond.statistics()); // { waiters: 1, locked: false }
   * ```
   */
  statistics(): ConditionStatistics {
    return Object.freeze({ waiters: this._waiters.length, locked: this.locked() });
  }

  /**
   * CPython's repr without the address: `<Condition [locked, waiters:1]>`.
   *
   * @python `asyncio.Condition.__repr__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Condition
   * @example
   * ```ts
   * console.log(String(new asyncio.Condition())); // <Condition [unlocked]>
   * ```
   */
  override toString(): string {
    return `<${className(this)} [${withWaiters(this.locked() ? "locked" : "unlocked", this._waiters)}]>`;
  }

  /** @internal Resolves the first `n` waiters not already woken or cancelled. */
  _notify(n: number): void {
    wakeUpTo(this._waiters, n, false);
  }
}
