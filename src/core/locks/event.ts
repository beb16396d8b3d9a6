/** `Event`: a flag Tasks can wait for (CPython's `asyncio.Event`). */
import { type Coroutine, className, type Yielded } from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";
import { Wait, WaitQueue } from "../wait-queue.js";
import { withWaiters } from "./lock.js";

/**
 * What `Event.statistics()` reports.
 *
 * @python no counterpart: Trio's `statistics()` records — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event
 * @example
 * ```ts
 * const { set, waiters }: asyncio.EventStatistics = event.statistics();
 * ```
 */
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
 *
 * @python `asyncio.Event` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event
 * @example
 * ```ts
 * const ready = new asyncio.Event();
 * asyncio.getRunningLoop().callLater(1, () => ready.set());
 * yield* ready.wait();
 * ```
 */
export class Event extends LoopBound {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(obj).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event
   * @example
   * ```ts
   * console.log(asyncio.Event.pythonName); // "Event"
   * ```
   */
  static readonly pythonName: string = "Event";
  /** @internal */ readonly _waiters: WaitQueue<true> = new WaitQueue(this, "Event.wait()");
  /** @internal */ _value = false;

  /**
   * True if and only if the flag is set (Python's `is_set`).
   *
   * @python `asyncio.Event.is_set` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event.is_set
   * @example
   * ```ts
   * if (!ready.isSet()) yield* ready.wait();
   * ```
   */
  isSet(): boolean {
    return this._value;
  }

  /**
   * Sets the flag and wakes every waiter; does nothing if it is already set.
   *
   * @python `asyncio.Event.set` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event.set
   * @example
   * ```ts
   * const ready = new asyncio.Event();
   * asyncio.getRunningLoop().callLater(1, () => ready.set());
   * ```
   */
  set(): void {
    if (this._value) return;
    this._value = true;
    this._waiters.wakeUpTo(Infinity, true);
  }

  /**
   * Lowers the flag: later `wait()` calls block until the next `set()`.
   *
   * @python `asyncio.Event.clear` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event.clear
   * @example
   * ```ts
   * ready.set();
   * ready.clear(); // the next wait() blocks until set() again
   * ```
   */
  clear(): void {
    this._value = false;
  }

  /**
   * Returns true at once if the flag is set, else waits for `set()` and returns true.
   *
   * @python `asyncio.Event.wait` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event.wait
   * @example
   * ```ts
   * const ready = new asyncio.Event();
   * asyncio.createTask(startUp(ready)); // calls ready.set() when done
   * yield* ready.wait();
   * ```
   */
  wait(): Coroutine<true> {
    return new EventWait(this._waiters);
  }

  /**
   * A frozen snapshot of the event's state.
   *
   * @python no counterpart: Trio's `statistics()`, a frozen record of the Event's state — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event
   * @example
   * ```ts
   * console.log(event.statistics()); // { set: false, waiters: 3 }
   * ```
   */
  statistics(): EventStatistics {
    return Object.freeze({ set: this._value, waiters: this._waiters.length });
  }

  /**
   * CPython's repr without the address: `<Event [unset, waiters:2]>`.
   *
   * @python `asyncio.Event.__repr__` — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Event
   * @example
   * ```ts
   * console.log(String(new asyncio.Event())); // <Event [unset]>
   * ```
   */
  override toString(): string {
    return `<${className(this)} [${withWaiters(this._value ? "set" : "unset", this._waiters)}]>`;
  }
}

/** `Event.wait()`: returns at once if the flag is set, else waits in the queue (wait-queue.ts). */
class EventWait extends Wait<true> {
  override next(): IteratorResult<Yielded, true> {
    const queue = this.queue;
    if (this.parked === null && queue !== null && (queue.owner as Event)._value) {
      this.queue = null;
      return { done: true, value: true };
    }
    return super.next();
  }
}
