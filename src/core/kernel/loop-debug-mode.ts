/**
 * The loop's debug mode (CPython's `loop.set_debug`): switched on or off,
 * and its report of slow callbacks, timed around each callback and Task
 * step while the mode is on. What else debug mode records (where Futures,
 * Tasks and Handles were made, where a Task suspended) is recorded where
 * those are made, by reading `_debug`.
 *
 * A part of `EventLoop` in a file of its own (loop-parts.ts): the iteration
 * (`EventLoop._runOnce`) comes here only in debug mode, so the reader of
 * the ordinary iteration need not read it.
 */
import type { EventLoop } from "./event-loop.js";
import type { Runnable } from "./events.js";

/** EventLoop's debug-mode methods (loop-parts.ts adds them to the loop). */
export abstract class LoopDebugMode {
  /**
   * Whether debug mode is on.
   *
   * @python `asyncio.loop.get_debug` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.get_debug
   * @example
   * ```ts
   * if (asyncio.getRunningLoop().getDebug()) console.log("debug mode");
   * ```
   */
  getDebug(this: EventLoop): boolean {
    return this._debug;
  }

  /**
   * Turns debug mode on or off: slow callbacks reported, where Tasks and
   * Handles were created recorded, as in CPython's debug mode.
   *
   * @python `asyncio.loop.set_debug` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_debug
   * @example
   * ```ts
   * const loop = asyncio.getRunningLoop();
   * loop.setDebug(true); // slow callbacks and unawaited coroutines get reported
   * ```
   */
  setDebug(this: EventLoop, enabled: boolean): void {
    this._debug = enabled;
  }

  /**
   * @internal Runs `item`, and warns when it held the loop
   * `slowCallbackDuration` seconds or more (on a virtual clock, of real time).
   */
  _runTimed(this: EventLoop, item: Runnable): void {
    const t0 = this._clock.virtual ? performance.now() / 1000 : this._clock.now();
    item._run();
    const dt = (this._clock.virtual ? performance.now() / 1000 : this._clock.now()) - t0;
    if (dt >= this.slowCallbackDuration) {
      this._warn(`Executing ${item} took ${dt.toFixed(3)} seconds`);
    }
  }

  /** @internal Debug mode's warnings (Python's `logger.warning`); the testing layer collects them. */
  _warn(message: string): void {
    console.warn(message);
  }
}
