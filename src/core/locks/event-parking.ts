/**
 * `EventParking`: the one iterator that every `yield* event.wait()` in a
 * running Task delegates to, so that a Task suspended on an Event keeps no
 * object of its own for the wait (W6: a suspended Task's memory).
 *
 * A generator suspended in `yield*` keeps its delegate alive until it
 * resumes. With an iterator per wait, each suspended Task kept one (48 heap
 * bytes, W6). This one is the Event's: it holds nothing per wait, and finds
 * the waiting Task where the state already is. The Task running now is the
 * loop's `_currentTask`; a Task parked in the Event is in its WaitQueue, and
 * waits on the Event's SharedWait (kernel/shared-wait.ts), which stands, for
 * it, for a Future of its own.
 *
 * How each call tells what it is:
 * - the start: `EventWait[Symbol.iterator]()` (what `yield*` calls first)
 *   names the Task in `_starting`, and the `next()` that follows at once
 *   parks it. Nothing runs between the two.
 * - the Task's own resumption: `next()` after `set()` woke it, or `throw()`
 *   (a cancellation) or `return()` from its own step. The current Task is
 *   the parked one, and leaves the queue: the `finally: waiters.remove(fut)`
 *   of CPython's `Event.wait`.
 * - anything else is a coroutine driven by hand, by code that is not its
 *   Task (from another Task, or outside any). Which coroutine is driven is
 *   not known here (nothing per wait is kept), so its Task stays parked.
 *   The rules, pinned by test/locks.test.ts ("Event: a coroutine driven by
 *   hand while its Task waits"):
 *   - `next()`: returns true if the flag is set (the wait is over), else
 *     raises RuntimeError("await wasn't used with future"), which is what
 *     it did before and what CPython's pure-Python Future raises.
 *   - `throw(e)` and `return()`: pass on, as a generator's would; the
 *     coroutine runs its `finally` blocks and is closed.
 *   - the Task stays parked, so it is never left stuck: the next `set()`
 *     wakes it (or `cancel()` does, as for any waiter) and it steps its
 *     coroutine wherever the hand left it; a closed one ends the Task with
 *     `undefined`, as a Task whose coroutine returned. CPython leaves such a
 *     Task waiting on a Future nobody will complete until it is cancelled
 *     (then RuntimeError: cannot reuse already awaited coroutine). Until it
 *     runs, the Task counts in `statistics().waiters`; a Task that ended so
 *     leaves the queue at the next `set()`.
 *   - a coroutine that resumes its own wait by hand in its own Task before
 *     any `set()` (it called `[Symbol.iterator]()` and `next()` itself) gets
 *     RuntimeError("await wasn't used with future") and leaves the queue, as
 *     before.
 * Waits that are not `yield*` in a running Task keep an EventWait each
 * (event.ts): `createTask(event.wait())`, `next()` called by hand, waits
 * outside a Task, and every wait while a tracer records what each Task
 * waits on.
 */
import {
  type EventLoop,
  HandCoroutine,
  QUALNAME,
  recordSuspension,
  resumedByHand,
  SharedWait,
  type Task,
  type Yielded,
} from "../kernel/index.js";
import type { Event } from "./event.js";

export class EventParking extends HandCoroutine<true> {
  /** The Task whose `yield*` just asked for this iterator: its `next()`, which follows at once, parks it. */
  private _starting: Task<unknown> | null = null;
  /**
   * The Task that parked last. While the Event has a SharedWait pending, it
   * was not woken yet: a `next()` from it is by hand (see the header).
   */
  private _lastParked: Task<unknown> | null = null;

  get [QUALNAME](): string {
    return "Event.wait";
  }

  constructor(
    private readonly event: Event,
    private readonly loop: EventLoop,
  ) {
    super();
  }

  /** @internal What `yield* event.wait()` gets in `task`: its next `next()` parks `task`. */
  _startFor(task: Task<unknown>): this {
    this._starting = task;
    return this;
  }

  next(): IteratorResult<Yielded, true> {
    const task = this.loop._currentTask;
    const event = this.event;
    if (task !== null) {
      if (task === this._starting) {
        this._starting = null;
        if (event._value) return { done: true, value: true };
        return this.park(task, event);
      }
      if (task === this._lastParked) {
        // Parked last, and its SharedWait still pending: nothing woke it,
        // so it resumes its own wait by hand (see the header).
        if (event._shared !== null) resumedByHand(this);
        this._lastParked = null;
      }
      // Its own resumption: set() woke it.
      if (event._waiters.leave(task)) return { done: true, value: true };
    }
    // Driven by hand, not by its Task (see the header).
    if (event._value) return { done: true, value: true };
    return resumedByHand(this);
  }

  private park(task: Task<unknown>, event: Event): IteratorResult<Yielded, true> {
    const loop = this.loop;
    const shared = (event._shared ??= new SharedWait<true>({ loop }));
    event._waiters.push(task);
    this._lastParked = task;
    // What `shared.next()` does, without its check that the Future was not
    // yielded already: many Tasks yield this one.
    shared._blocking = true;
    if (loop._debug) recordSuspension(loop);
    return shared._yielded;
  }

  /** @internal Thrown into or closed: the current Task leaves the queue if it is parked there. */
  _abandon(): void {
    const task = this.loop._currentTask;
    if (task === null) return;
    if (task === this._lastParked) this._lastParked = null;
    this.event._waiters.leave(task);
  }
}
