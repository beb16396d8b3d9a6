/**
 * Running, stopping and closing the loop: `runForever` and
 * `runUntilComplete` (which return Promises, where CPython's block), `stop`,
 * `close`, and what they share: the checks before a run, the settling of
 * the run's Promise, and telling the host layers the loop runs.
 *
 * A part of `EventLoop` in a file of its own (loop-parts.ts): each of these
 * runs once per run of the loop, not once per iteration. What a run does
 * between its start and its end, batches of iterations and the wake-ups
 * that start them, is event-loop.ts (`_runBatch`, which calls
 * `_finishRun` when the loop stops).
 */

import { ensureFuture, type FutureLike } from "./ensure-future.js";
import type { EventLoop } from "./event-loop.js";
import { isExitException, RuntimeError } from "./exceptions.js";
import { Future } from "./futures.js";
import { reportUnretrieved } from "./loss-report.js";
import { _getRunningLoop, _setLoopInRun } from "./running-loop.js";
import { Task } from "./tasks.js";

/** EventLoop's running, stopping and closing (loop-parts.ts adds them to the loop). */
export abstract class LoopLifecycle {
  /**
   * Whether the loop is running (inside `runForever` or `runUntilComplete`).
   *
   * @python `asyncio.loop.is_running` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.is_running
   * @example
   * ```ts
   * if (!loop.isRunning()) await loop.runUntilComplete(main());
   * ```
   */
  isRunning(this: EventLoop): boolean {
    return this._running;
  }

  /**
   * Whether `close()` was called.
   *
   * @python `asyncio.loop.is_closed` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.is_closed
   * @example
   * ```ts
   * if (!loop.isClosed()) loop.close();
   * ```
   */
  isClosed(this: EventLoop): boolean {
    return this._closed;
  }

  /**
   * Runs until `stop()` is called; the Promise settles when the loop has stopped.
   *
   * Python's blocks; this returns a Promise instead, since the loop runs on the
   * host's loop. It rejects with RuntimeError if the loop is closed or already running.
   *
   * @python `asyncio.loop.run_forever` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_forever
   * @example
   * ```ts
   * const loop = new asyncio.EventLoop();
   * loop.callLater(5, () => loop.stop());
   * await loop.runForever();
   * loop.close();
   * ```
   */
  runForever(this: EventLoop): Promise<void> {
    try {
      this._checkClosed();
      this._checkRunning();
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<void>((resolve, reject) => {
      this._resolveRun = resolve;
      this._rejectRun = reject;
      this._running = true;
      this._hostTurnDue = true;
      this._tellRunning(true);
      this._runBatch(true);
    });
  }

  /**
   * Runs until `future` (a Future, Task, coroutine or Promise) is done and
   * returns its result.
   *
   * A coroutine is wrapped in a Task. If the loop stops first, a RuntimeError:
   * "Event loop stopped before Future completed."
   *
   * @python `asyncio.loop.run_until_complete` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_until_complete
   * @example
   * ```ts
   * const loop = new asyncio.EventLoop();
   * try {
   *   console.log(await loop.runUntilComplete(main()));
   * } finally {
   *   loop.close();
   * }
   * ```
   */
  async runUntilComplete<T>(this: EventLoop, future: FutureLike<T>): Promise<T> {
    this._checkClosed();
    this._checkRunning();
    const newTask = !(future instanceof Future);
    const fut = ensureFuture(future, this);
    if (newTask && fut instanceof Task) fut._logDestroyPending = false;
    fut._addDoneCallbackInternal(stopWhenDone);
    try {
      await this.runForever();
    } catch (e) {
      // The error escaping is the reason to stop; don't also report the Task's copy of it.
      if (newTask && fut.done() && !fut.cancelled()) fut.exception();
      throw e;
    } finally {
      fut.removeDoneCallback(stopWhenDone);
    }
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return fut.result();
  }

  /**
   * Stops the loop after the current iteration.
   *
   * `runForever` settles once the iteration ends.
   *
   * @python `asyncio.loop.stop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.stop
   * @example
   * ```ts
   * const loop = asyncio.getRunningLoop();
   * loop.callLater(60, () => loop.stop()); // runForever settles a minute from now
   * ```
   */
  stop(this: EventLoop): void {
    this._stopping = true;
    this._wake();
  }

  /**
   * Closes the loop: pending callbacks and timers are dropped, exceptions
   * never retrieved are reported, and host resources held for it are released.
   * Closing a closed loop does nothing; closing a running one raises RuntimeError.
   *
   * @python `asyncio.loop.close` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.close
   * @example
   * ```ts
   * const loop = new asyncio.EventLoop();
   * try {
   *   await loop.runUntilComplete(main());
   * } finally {
   *   loop.close();
   * }
   * ```
   */
  close(this: EventLoop): void {
    if (this._running) throw new RuntimeError("Cannot close a running event loop");
    if (this._closed) return;
    reportUnretrieved(this);
    this._closed = true;
    this._started += this._ready.length;
    this._ready.clear();
    this._scheduled.clear();
    this._timerCancelledCount = 0;
    this._cancelHostTimer();
    for (const hook of this._closeHooks.splice(0)) hook();
  }

  /** @internal The loop stopped (`stop()`, or an error escaping a callback): `runForever` settles. */
  _finishRun(this: EventLoop, error: unknown, failed: boolean): void {
    this._stopping = false;
    this._running = false;
    this._cancelHostTimer();
    this._tellRunning(false);
    const resolve = this._resolveRun;
    const reject = this._rejectRun;
    this._resolveRun = this._rejectRun = null;
    if (failed) reject?.(error);
    else resolve?.();
  }

  /** @internal The loop starts or stops running: the list of running loops (`asyncio-ts ps` reads it) and the host layers' hooks. */
  _tellRunning(this: EventLoop, running: boolean): void {
    _setLoopInRun(this, running);
    for (const hook of this._runningHooks) hook(running);
  }

  /** @internal Refuses to run a loop that runs, or while another one does. */
  _checkRunning(this: EventLoop): void {
    if (this._running) throw new RuntimeError("This event loop is already running");
    if (_getRunningLoop() !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }
}

function stopWhenDone(fut: Future<unknown>): void {
  if (!fut.cancelled()) {
    const exc = fut.exception();
    // KeyboardInterrupt and SystemExit stop the loop themselves, by escaping it.
    if (isExitException(exc)) return;
  }
  fut.getLoop().stop();
}
