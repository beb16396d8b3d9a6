/**
 * A done callback that many Futures share without a Handle per completion,
 * for combinators with one callback per child (gather, TaskGroup).
 *
 * A Future schedules it as it schedules a waiting Task: it calls `_wokenBy`
 * and pushes it on the ready queue. The queue keeps that Future, and each run
 * hands the oldest one to the callback, so the callback sees the completions
 * in the ready-queue positions and order a Handle each would have: nothing a
 * program can observe changes but the allocation (a Handle per child was a
 * tenth of gathering 100,000 Tasks, most of it in the garbage collector). The
 * callback runs in the Context it was registered in, and its errors go to the
 * loop's exception handler as a Handle's do.
 *
 * An owner may also give `takeAtOnce`, which is shown a completion as it
 * happens and returns true when it has done there what the callback would
 * have done, and the callback's run would change nothing a program can see
 * (gather counting a child that succeeded; a TaskGroup forgetting a child):
 * that completion is not queued. It is shown one only while another Future
 * of the queue is still pending, whose callback comes later (so the owner's
 * last callback, which finishes a gather or wakes a group's parent, still
 * runs where it would have), and never while a tracer is installed, since a
 * trace shows each callback that runs.
 */
import { type Context, currentContext, enterContext, exitContext, OTHER } from "./contextvars.js";
import type { KernelLoop } from "./events.js";
import { isExitException } from "./exceptions.js";
import { type Future, PENDING, type Waiter } from "./futures.js";
import { describeCallback } from "./repr.js";
import { Ring } from "./ring.js";

export class DoneQueue<F extends Future<unknown>> implements Waiter {
  private readonly _completed = new Ring<F>(16);
  /** @internal The Context its callback runs in. */
  readonly _context: Context = currentContext();
  /** @internal The Future whose completion runs the callback now (the tracer reads it). */
  _running: F | null = null;
  /** @internal A Waiter's Future waited on: a DoneQueue waits on many, so none. */
  readonly _futWaiter: null = null;
  /** The Futures added while pending that have not completed yet. */
  private _pending = 0;

  constructor(
    private readonly _callback: (future: F) => void,
    private readonly _loop: KernelLoop,
    private readonly _takeAtOnce: ((future: F) => boolean) | null = null,
  ) {}

  /** Calls the callback with `future` once it is done, as `addDoneCallback` would. */
  add(future: F): void {
    if (future._state === PENDING) {
      this._pending++;
      future._addEntry(this, this._context);
    } else {
      this._completed.push(future);
      this._loop._pushReady(this);
    }
  }

  /** @internal Called by the Future that completed: true to be scheduled for it. */
  _wokenBy(future: Future<unknown>): boolean {
    const take = this._takeAtOnce;
    if (--this._pending > 0 && take !== null && this._loop._tracer === null && take(future as F)) {
      return false;
    }
    this._completed.push(future as F);
    return true;
  }

  /** @internal The ready queue's call: the callback for the oldest completion. */
  _run(): void {
    const future = this._completed.shift();
    this._running = future;
    const previous = enterContext(this._context, OTHER);
    try {
      this._callback(future);
    } catch (e) {
      if (isExitException(e)) throw e;
      this._loop.callExceptionHandler({
        message: `Exception in callback ${this}`,
        exception: e,
      });
    } finally {
      exitContext(previous);
      this._running = null;
    }
  }

  /** How a Future's repr lists it among its callbacks: the callback, as before. */
  toString(): string {
    return describeCallback(this._callback, []);
  }
}
