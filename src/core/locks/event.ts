/** `Event`: a flag Tasks can wait for (CPython's `asyncio.Event`). */
import {
  type Coroutine,
  className,
  type Future,
  FutureList,
  HandCoroutine,
  type Yielded,
} from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";
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
  /** @internal */ readonly _waiters = new FutureList<Future<boolean>>();
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
    for (const fut of this._waiters.entries()) if (!fut.done()) fut.setResult(true);
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
    return new EventWait(this);
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
    return Object.freeze({ set: this._value, waiters: this._waiters.size });
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

/**
 * `Event.wait()` written by hand (see hand-coroutine.ts); as a generator it reads:
 * `if (value) return true; fut = createFuture(); waiters.add(fut);
 *  try { yield* fut; return true } finally { waiters.delete(fut) }`.
 */
class EventWait extends HandCoroutine<true> {
  private fut: Future<boolean> | null = null;
  private finished = false;

  constructor(private readonly event: Event) {
    super();
  }

  next(): IteratorResult<Yielded, true> {
    const fut = this.fut;
    if (fut !== null) {
      // Resumed: set() resolved our Future.
      this.checkResumed(fut);
      this.fut = null;
      this.event._waiters.remove(fut);
      this.finished = true;
    }
    if (this.finished || this.event._value) {
      this.finished = true;
      return { done: true, value: true };
    }
    const loop = this.event._getLoop();
    const waiter = loop.createFuture<boolean>();
    if (loop._tracer !== null) loop._tracer.labelFuture(waiter, "Event.wait()");
    this.event._waiters.add(waiter);
    this.fut = waiter;
    // Pending, so this yields the Future (marked as awaited) and never returns a value.
    return waiter.next() as IteratorResult<Yielded, true>;
  }

  protected abandon(): void {
    this.finished = true;
    if (this.fut !== null) {
      this.event._waiters.remove(this.fut);
      this.fut = null;
    }
  }
}
