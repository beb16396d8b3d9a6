/**
 * `Barrier` (CPython 3.11+ `asyncio.Barrier`): `parties` Tasks meet, then all
 * go on together.
 *
 * States, all changed under the internal Condition's lock:
 * - filling: Tasks arrive and wait; the one that makes `parties` switches to
 *   draining, notifies everyone and leaves first;
 * - draining: the released Tasks leave; newcomers wait until the last one has
 *   left, which switches back to filling (the barrier is reusable);
 * - resetting: `reset()` with Tasks inside; they leave with
 *   BrokenBarrierError and the last one switches back to filling;
 * - broken: `abort()`; every waiting and every later `wait()` throws
 *   BrokenBarrierError, until `reset()`.
 * A Task cancelled while filling just leaves: the barrier is not broken.
 */

import type { AsyncContextManager } from "../async-with.js";
import {
  type Coroutine,
  checkNumber,
  className,
  named,
  RuntimeError,
  ValueError,
} from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";
import { Condition } from "./condition.js";

/**
 * The barrier was aborted, or reset while the Task waited (a RuntimeError, as in CPython).
 *
 * @python `asyncio.BrokenBarrierError` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.BrokenBarrierError
 * @example
 * ```ts
 * try {
 *   yield* barrier.wait();
 * } catch (e) {
 *   if (e instanceof asyncio.BrokenBarrierError) console.log("the barrier was aborted or reset");
 * }
 * ```
 */
export class BrokenBarrierError extends RuntimeError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "BrokenBarrierError");
}

/**
 * The states of a Barrier (CPython's `_BarrierState` values).
 *
 * @python no counterpart: CPython's private `_BarrierState` values — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
 * @example
 * ```ts
 * const state: asyncio.BarrierState = barrier.statistics().state; // "filling"
 * ```
 */
export type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * What `Barrier.statistics()` reports.
 *
 * @python no counterpart: Trio's `statistics()` records — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
 * @example
 * ```ts
 * const { state, parties, nWaiting }: asyncio.BarrierStatistics = barrier.statistics();
 * ```
 */
export interface BarrierStatistics {
  /** How many Tasks must wait to trip the barrier. */
  readonly parties: number;
  /** Tasks waiting for the barrier to fill (0 unless filling). */
  readonly nWaiting: number;
  /** Filling, draining, resetting or broken. */
  readonly state: BarrierState;
}

/**
 * A meeting point for `parties` Tasks; `wait()` returns each one's arrival
 * index, 0 to `parties - 1`.
 * @throws ValueError "parties must be > 0".
 *
 * @python `asyncio.Barrier` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
 * @example
 * ```ts
 * const barrier = new asyncio.Barrier(3);
 * // in each of three Tasks:
 * const index = yield* barrier.wait();
 * ```
 */
export class Barrier extends LoopBound implements AsyncContextManager<number> {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(obj).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
   * @example
   * ```ts
   * console.log(asyncio.Barrier.pythonName); // "Barrier"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Barrier", ["wait", "reset", "abort"]);
  /** @internal */ readonly _cond = new Condition();
  /** @internal */ readonly _parties: number;
  /** @internal */ _state: BarrierState = "filling";
  /** @internal Tasks inside `wait()` past the blocking phase. */
  _count = 0;

  constructor(parties: number) {
    super();
    checkNumber(parties, "Barrier", "parties");
    if (parties < 1) throw new ValueError("parties must be > 0");
    this._parties = parties;
  }

  /**
   * Waits until `parties` Tasks are waiting, then returns this Task's
   * arrival index. The last arrival returns first.
   * @throws BrokenBarrierError if the barrier is aborted or reset meanwhile.
   *
   * @python `asyncio.Barrier.wait` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier.wait
   * @example
   * ```ts
   * const index = yield* barrier.wait();
   * if (index === 0) console.log("everyone arrived");
   * ```
   */
  *wait(): Coroutine<number> {
    const cond = this._cond;
    yield* cond.acquire();
    try {
      yield* this._block();
      try {
        const index = this._count++;
        if (index + 1 === this._parties) this._release();
        else yield* this._wait();
        return index;
      } finally {
        this._count--;
        this._exit();
      }
    } finally {
      cond.release();
    }
  }

  /**
   * `async with barrier as index`: waits at the barrier.
   *
   * @python `asyncio.Barrier.__aenter__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
   * @example
   * ```ts
   * yield* asyncio.asyncWith(barrier, function* (index) {
   *   console.log(`arrived as ${index}`);
   * });
   * ```
   */
  aenter(): Coroutine<number> {
    return this.wait();
  }

  /**
   * Does nothing; never suppresses the body's error.
   *
   * @python `asyncio.Barrier.__aexit__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
   * @example
   * ```ts
   * yield* asyncio.asyncWith(barrier, function* (index) {
   *   // aexit() runs here on the way out, and does nothing
   * });
   * ```
   */
  *aexit(_exc?: unknown): Coroutine<void> {}

  /**
   * Back to filling; Tasks waiting now get BrokenBarrierError.
   *
   * @python `asyncio.Barrier.reset` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier.reset
   * @example
   * ```ts
   * yield* barrier.reset(); // waiting Tasks get BrokenBarrierError
   * ```
   */
  *reset(): Coroutine<void> {
    const cond = this._cond;
    yield* cond.acquire();
    try {
      if (this._count > 0) this._state = "resetting";
      else this._state = "filling";
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }

  /**
   * Breaks the barrier: waiting and future `wait()` calls get BrokenBarrierError.
   *
   * @python `asyncio.Barrier.abort` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier.abort
   * @example
   * ```ts
   * yield* barrier.abort();
   * console.log(barrier.broken); // true
   * ```
   */
  *abort(): Coroutine<void> {
    const cond = this._cond;
    yield* cond.acquire();
    try {
      this._state = "broken";
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }

  /**
   * How many Tasks must wait to trip the barrier.
   *
   * @python `asyncio.Barrier.parties` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier.parties
   * @example
   * ```ts
   * console.log(new asyncio.Barrier(3).parties); // 3
   * ```
   */
  get parties(): number {
    return this._parties;
  }

  /**
   * How many Tasks wait for the barrier to fill (0 while draining, resetting or broken).
   *
   * @python `asyncio.Barrier.n_waiting` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier.n_waiting
   * @example
   * ```ts
   * console.log(`${barrier.nWaiting} of ${barrier.parties} arrived`);
   * ```
   */
  get nWaiting(): number {
    return this._state === "filling" ? this._count : 0;
  }

  /**
   * True once `abort()` broke the barrier (until `reset()`).
   *
   * @python `asyncio.Barrier.broken` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier.broken
   * @example
   * ```ts
   * if (barrier.broken) yield* barrier.reset();
   * ```
   */
  get broken(): boolean {
    return this._state === "broken";
  }

  /**
   * A frozen snapshot of the barrier's state.
   *
   * @python no counterpart: Trio's `statistics()`, a frozen record of the Barrier's state — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
   * @example
   * ```ts
   * console.log(barrier.statistics()); // { parties: 3, nWaiting: 1, state: "filling" }
   * ```
   */
  statistics(): BarrierStatistics {
    return Object.freeze({ parties: this._parties, nWaiting: this.nWaiting, state: this._state });
  }

  /**
   * CPython's repr without the address: `<Barrier [filling, waiters:2/5]>`.
   *
   * @python `asyncio.Barrier.__repr__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Barrier
   * @example
   * ```ts
   * console.log(String(new asyncio.Barrier(5))); // <Barrier [filling, waiters:0/5]>
   * ```
   */
  override toString(): string {
    const extra = this.broken
      ? this._state
      : `${this._state}, waiters:${this.nWaiting}/${this._parties}`;
    return `<${className(this)} [${extra}]>`;
  }

  /** Waits while the barrier drains or resets; throws if it is broken. */
  private *_block(): Coroutine<void> {
    yield* this._cond.waitFor(() => this._state !== "draining" && this._state !== "resetting");
    if (this._state === "broken") throw new BrokenBarrierError("Barrier aborted");
  }

  /** The last arrival: release everyone. */
  private _release(): void {
    this._state = "draining";
    this._cond.notifyAll();
  }

  /** Waits until the barrier stops filling; throws if that was a reset or an abort. */
  private *_wait(): Coroutine<void> {
    yield* this._cond.waitFor(() => this._state !== "filling");
    if (this._state === "broken" || this._state === "resetting") {
      throw new BrokenBarrierError("Abort or reset of barrier");
    }
  }

  /** The last Task to leave ends draining or resetting and wakes those blocked. */
  private _exit(): void {
    if (this._count === 0) {
      if (this._state === "resetting" || this._state === "draining") this._state = "filling";
      this._cond.notifyAll();
    }
  }
}
