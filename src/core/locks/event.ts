/** `Event`: a flag Tasks can wait for (CPython's `asyncio.Event`). */
import {
  type Coroutine,
  checkResumed,
  className,
  type Future,
  HandCoroutine,
  named,
  QUALNAME,
  type SharedWait,
  type Yielded,
} from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";
import { WaitQueue } from "../wait-queue.js";
import { EventParking } from "./event-parking.js";
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
  static readonly pythonName = /* @__PURE__ */ named(this, "Event", [], ["set"]);
  /** @internal */ readonly _waiters: WaitQueue<true> = new WaitQueue(this, "Event.wait()");
  /** @internal What the Tasks parked in `_waiters` since the last `set()` wait on (null: none yet). */
  _shared: SharedWait<true> | null = null;
  /** @internal The iterator every `yield* this.wait()` in a running Task delegates to (event-parking.ts). */
  _parking: EventParking | null = null;
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
    const shared = this._shared;
    this._shared = null;
    if (shared !== null) shared.setResult(true);
    this._waiters._wakeAll(true, shared);
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
   * A coroutine waiting here belongs to its Task: code that drives it by hand
   * meanwhile (its `next()`, `throw()` or `return()`) leaves the Task waiting
   * until `set()` or `cancel()` wakes it, and the Task then goes on from
   * wherever that code left the coroutine (locks/event-parking.ts).
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

/**
 * `Event.wait()` written by hand (see hand-coroutine.ts). As a generator it
 * reads: `if (value) return true; fut = createFuture(); waiters.push(fut);
 * try { yield* fut; return true } finally { waiters.remove(fut) }`.
 *
 * `yield* event.wait()` in a running Task (with no tracer) is given the
 * Event's one EventParking instead (event-parking.ts), so the suspended Task
 * keeps no object for its wait; this one is then garbage. The rest run here,
 * each with a Future of its own: `createTask(event.wait())` and `next()`
 * called by hand (which may keep the yielded Future), waits outside a Task,
 * and waits while a tracer records which Future each Task waits on.
 */
class EventWait extends HandCoroutine<true> {
  /** The Event until the wait is over, then null. */
  private event: Event | null;
  /** The waiter Future once parked. */
  private waiter: Future<true> | null = null;

  get [QUALNAME](): string {
    return "Event.wait";
  }

  constructor(event: Event) {
    super();
    this.event = event;
  }

  /** `yield* event.wait()` starts here: in a running Task, on the Event's shared iterator. */
  override [Symbol.iterator](): Generator<Yielded, true, unknown> {
    const event = this.event;
    if (event === null || this.waiter !== null || event._value) return this;
    const loop = event._getLoop();
    const task = loop._currentTask;
    if (task === null || loop._tracer !== null) return this;
    this.event = null;
    return (event._parking ??= new EventParking(event, loop))._startFor(task);
  }

  next(): IteratorResult<Yielded, true> {
    const event = this.event;
    if (event === null) return { done: true, value: true };
    const waiter = this.waiter;
    if (waiter === null) {
      if (event._value) {
        this.event = null;
        return { done: true, value: true };
      }
      const fut = event._waiters.park();
      this.waiter = fut;
      // Pending, so this yields the Future (marked as awaited).
      return fut.next();
    }
    // Resumed: set() woke us.
    checkResumed(this, waiter);
    this.event = null;
    event._waiters.leave(waiter);
    return { done: true, value: true };
  }

  /** @internal */
  _abandon(): void {
    const event = this.event;
    if (event === null) return;
    this.event = null;
    if (this.waiter !== null) event._waiters.leave(this.waiter);
  }
}
