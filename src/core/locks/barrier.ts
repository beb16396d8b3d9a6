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
import { type Coroutine, className, RuntimeError, ValueError } from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";
import { Condition } from "./condition.js";

/** The barrier was aborted, or reset while the Task waited (a RuntimeError, as in CPython). */
export class BrokenBarrierError extends RuntimeError {
  static override readonly pythonName: string = "BrokenBarrierError";
}

/** The states of a Barrier (CPython's `_BarrierState` values). */
export type BarrierState = "filling" | "draining" | "resetting" | "broken";

/** What `Barrier.statistics()` reports. */
export interface BarrierStatistics {
  readonly parties: number;
  /** Tasks waiting for the barrier to fill (0 unless filling). */
  readonly nWaiting: number;
  readonly state: BarrierState;
}

/**
 * A meeting point for `parties` Tasks; `wait()` returns each one's arrival
 * index, 0 to `parties - 1`.
 * @example
 * const barrier = new asyncio.Barrier(3);
 * // in each of three Tasks:
 * const index = yield* barrier.wait();
 * @throws ValueError "parties must be > 0".
 */
export class Barrier extends LoopBound implements AsyncContextManager<number> {
  /** The class name Python prints (reprs, error names); declared, so minifiers cannot change it. */
  static readonly pythonName: string = "Barrier";
  /** @internal */ readonly _cond = new Condition();
  /** @internal */ readonly _parties: number;
  /** @internal */ _state: BarrierState = "filling";
  /** @internal Tasks inside `wait()` past the blocking phase. */
  _count = 0;

  constructor(parties: number) {
    super();
    if (parties < 1) throw new ValueError("parties must be > 0");
    this._parties = parties;
  }

  /**
   * Waits until `parties` Tasks are waiting, then returns this Task's
   * arrival index. The last arrival returns first.
   * @throws BrokenBarrierError if the barrier is aborted or reset meanwhile.
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

  /** `async with barrier as index`: waits at the barrier. */
  aenter(): Coroutine<number> {
    return this.wait();
  }

  /** Does nothing; never suppresses the body's error. */
  *aexit(_exc?: unknown): Coroutine<void> {}

  /** Back to filling; Tasks waiting now get BrokenBarrierError. */
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

  /** Breaks the barrier: waiting and future `wait()` calls get BrokenBarrierError. */
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

  /** How many Tasks must wait to trip the barrier. */
  get parties(): number {
    return this._parties;
  }

  /** How many Tasks wait for the barrier to fill (0 while draining, resetting or broken). */
  get nWaiting(): number {
    return this._state === "filling" ? this._count : 0;
  }

  /** True once `abort()` broke the barrier (until `reset()`). */
  get broken(): boolean {
    return this._state === "broken";
  }

  /** A frozen snapshot of the barrier's state. */
  statistics(): BarrierStatistics {
    return Object.freeze({ parties: this._parties, nWaiting: this.nWaiting, state: this._state });
  }

  /** CPython's repr without the address: `<Barrier [filling, waiters:2/5]>`. */
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
