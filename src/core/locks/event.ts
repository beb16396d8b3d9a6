/** `Event`: a flag Tasks can wait for (CPython's `asyncio.Event`). */
import type { Coroutine } from "../coroutine.js";
import type { Future } from "../futures.js";
import { LoopBound } from "../loop-bound.js";
import { withWaiters } from "./lock.js";

/** What `Event.statistics()` reports. */
export interface EventStatistics {
  /** Whether the flag is set. */
  readonly set: boolean;
  /** How many Tasks wait in `wait()`. */
  readonly waiters: number;
}

/**
 * A flag, initially false. `set()` wakes every waiting Task (in the order
 * they started waiting); `clear()` only lowers the flag, so Tasks already
 * woken still return true.
 * @example
 * const ready = new asyncio.Event();
 * asyncio.getRunningLoop().callLater(1, () => ready.set());
 * yield* ready.wait();
 */
export class Event extends LoopBound {
  /** @internal */ readonly _waiters = new Set<Future<boolean>>();
  /** @internal */ _value = false;

  /** True if and only if the flag is set (Python's `is_set`). */
  isSet(): boolean {
    return this._value;
  }

  /** Sets the flag and wakes every waiter; does nothing if it is already set. */
  set(): void {
    if (this._value) return;
    this._value = true;
    for (const fut of this._waiters) if (!fut.done()) fut.setResult(true);
  }

  /** Lowers the flag: later `wait()` calls block until the next `set()`. */
  clear(): void {
    this._value = false;
  }

  /** Returns true at once if the flag is set, else waits for `set()` and returns true. */
  *wait(): Coroutine<true> {
    if (this._value) return true;
    const fut = this._getLoop().createFuture<boolean>();
    this._waiters.add(fut);
    try {
      yield* fut;
      return true;
    } finally {
      this._waiters.delete(fut);
    }
  }

  /** A frozen snapshot of the event's state. */
  statistics(): EventStatistics {
    return Object.freeze({ set: this._value, waiters: this._waiters.size });
  }

  /** CPython's repr without the address: `<Event [unset, waiters:2]>`. */
  override toString(): string {
    return `<${this.constructor.name} [${withWaiters(this._value ? "set" : "unset", this._waiters)}]>`;
  }
}
