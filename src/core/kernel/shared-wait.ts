/**
 * `SharedWait`: one Future that many Tasks wait on as if each waited on a
 * Future of its own, so that a Task waiting on an Event costs no Future.
 *
 * CPython gives every waiter of a primitive a Future of its own. What a
 * Task can observe of that Future, and how this one gives the same:
 * - its completion wakes the Task, one hop later, in the order the Tasks
 *   began to wait. Here the owner keeps the waiting Tasks in order (in its
 *   WaitQueue) and, once this Future is done, wakes each with `wake(task)`,
 *   which is what completing a Future does for a Task waiting on it. A
 *   waiting Task is not kept among this Future's callbacks (`_addEntry`).
 * - `Task.cancel()` cancels it: the Task wakes one hop later with a
 *   CancelledError carrying the message, even if `uncancel()` comes between,
 *   and a second `cancel()` meanwhile finds the Future done. Here
 *   `_cancelFor` gives the Task, at that moment, a cancelled Future that it
 *   waits on, carrying the message (one for all the Tasks cancelled without
 *   one); from then on the Task is in exactly the state CPython's would be.
 * - the Task's repr shows it: `wait_for=<Future pending cb=[Task.task_wakeup()]>`,
 *   which `_reprInfo` gives while it is pending.
 * Whoever drives it must know which Tasks wait: it is made for the
 * primitives' wait queues, which keep them.
 *
 * Every waiter yields the same iterator result, `_yielded`: a generator
 * awaiting with `yield*` keeps the last result of its delegate in a register
 * for as long as it is suspended, so a result made per wait would cost each
 * suspended Task 40 heap bytes (W6).
 */
import type { Context } from "./contextvars.js";
import type { Yielded } from "./coroutine.js";
import type { AbstractEventLoop } from "./events.js";
import { type CallbackEntry, Future, PENDING, type Waiter } from "./futures.js";

export class SharedWait<T> extends Future<T> {
  /** Python sees a Future: what each waiter's own would be. */
  static override readonly pythonName: string = "Future";
  /** @internal What each waiter's `next()` returns as it starts waiting: one for all (see above). */
  readonly _yielded: IteratorYieldResult<Yielded> = { done: false, value: this };
  /** What waiters cancelled without a message wake from, once one is (see `_cancelFor`). */
  private _cancelledWait: Future<unknown> | null = null;

  /** Wakes `task`, which waits on this Future, now done (as its completion would). */
  wake(task: Waiter): void {
    if (task._wokenBy(this as Future<unknown>)) this._loop._pushReady(task);
  }

  /**
   * @internal Wakes `task`, which waits on this Future, from `future`, a
   * done Future of its own given in this one's place (cancelled, failed), as
   * that Future's completion would.
   */
  _wakeFrom(task: Waiter, future: Future<unknown>): void {
    task._futWaiter = future;
    if (task._wokenBy(future)) this._loop._pushReady(task);
  }

  /** @internal A waiting Task is kept by the owner, not among the callbacks. */
  override _addEntry(entry: CallbackEntry, context: Context): void {
    if (typeof entry === "function") super._addEntry(entry, context);
  }

  /**
   * @internal `task` is cancelled while it waits: it wakes from a cancelled
   * Future, as from one of its own. Without a message one serves every
   * waiter: what each gets from it (a fresh CancelledError) and how it
   * prints in the Task's repr are the same, and a Future each was a tenth of
   * W7's time. While a tracer runs each Task gets its own, since a trace
   * records who completed each Future.
   */
  override _cancelFor(task: Waiter, msg?: string): boolean {
    if (this._state !== PENDING) return false;
    const own =
      msg === undefined && this._loop._tracer === null
        ? (this._cancelledWait ??= cancelledFuture(this.getLoop()))
        : cancelledFuture(this.getLoop(), msg);
    this._wakeFrom(task, own);
    return true;
  }

  /** @internal While pending, what one waiter's own Future shows: a single waiting Task. */
  override _reprInfo(): string[] {
    if (this._state === PENDING) return ["pending", "cb=[Task.task_wakeup()]"];
    return super._reprInfo();
  }
}

/** A Future of `loop`, cancelled with `msg`. */
function cancelledFuture(loop: AbstractEventLoop, msg?: string): Future<unknown> {
  const future = new Future<unknown>({ loop });
  future.cancel(msg);
  return future;
}
