/** `Event`: a flag Tasks can wait for (CPython's `asyncio.Event`). */
import {
  type Coroutine,
  className,
  type Future,
  HandCoroutine,
  recordSuspension,
  SharedWait,
  type Task,
  type Yielded,
} from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";
import { WaitQueue } from "../wait-queue.js";
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
  /** @internal What the Tasks parked in `_waiters` since the last `set()` wait on (null: none yet). */
  _shared: SharedWait<true> | null = null;
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
    this._waiters.wakeAll(true, shared);
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
 * A Task that waits needs no Future of its own (W6: a suspended Task's
 * memory): it parks itself in the queue and waits on the Event's SharedWait
 * (kernel/shared-wait.ts), which looks to it, to `Task.cancel()` and in its
 * repr as a Future of its own would. That is for a wait awaited with
 * `yield*` (whose yields reach the Task): a wait whose `next()` is called
 * directly (by `createTask(event.wait())`, or by hand, which may keep the
 * yielded Future) gets a Future of its own, as does any wait while a tracer
 * records which Future each Task waits on.
 */
class EventWait extends HandCoroutine<true> {
  /** The Event until the wait is over, then null. */
  private event: Event | null;
  /** What the Task waits on: the Event's SharedWait, or a Future of its own. */
  private waiter: Future<true> | null = null;
  /**
   * The Task parked in the queue when it waits on the SharedWait; null
   * until then for a wait awaited with `yield*`, undefined for the others.
   */
  private parked: Task<unknown> | null | undefined = undefined;

  constructor(event: Event) {
    super();
    this.event = event;
  }

  /** `yield* event.wait()` starts here. */
  override [Symbol.iterator](): this {
    if (this.waiter === null && this.parked === undefined) this.parked = null;
    return this;
  }

  next(): IteratorResult<Yielded, true> {
    const event = this.event;
    if (event === null) return { done: true, value: true };
    const waiter = this.waiter;
    if (waiter === null) {
      if (!event._value) return this.park(event);
      this.event = null;
      return { done: true, value: true };
    }
    // Resumed: set() woke us.
    this.checkResumed(waiter);
    this.event = null;
    event._waiters.leave(this.parked ?? waiter);
    return { done: true, value: true };
  }

  private park(event: Event): IteratorResult<Yielded, true> {
    const loop = event._getLoop();
    const task = loop._currentTask;
    if (this.parked === undefined || task === null || loop._tracer !== null) {
      const fut = event._waiters.park();
      this.waiter = fut;
      // Pending, so this yields the Future (marked as awaited).
      return fut.next();
    }
    const shared = (event._shared ??= new SharedWait<true>({ loop }));
    event._waiters.push(task);
    this.waiter = shared;
    this.parked = task;
    // What `shared.next()` does, without its check that the Future was not
    // yielded already: many Tasks yield this one.
    shared._blocking = true;
    if (loop._debug) recordSuspension(loop);
    return shared._yielded;
  }

  protected abandon(): void {
    const event = this.event;
    if (event === null) return;
    this.event = null;
    const entry = this.parked ?? this.waiter;
    if (entry !== null) event._waiters.leave(entry);
  }
}
