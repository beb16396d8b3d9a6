/**
 * `MockClock`: virtual time a test controls, after Trio's
 * `trio.testing.MockClock`. It starts at 0 and moves only when the loop jumps
 * it to its next timer (autojump) or when the test calls `advance(seconds)`.
 *
 * Unlike Trio's, it autojumps by default (`autojumpThreshold` 0, what
 * `virtualTime: true` does), because most tests want time to fly; set
 * `autojumpThreshold` to `Infinity` for manual mode. Trio's `rate` (clock time
 * flowing at a multiple of real time) is left out: a test that wants real
 * time runs on the real clock.
 */
import { type Clock, ValueError } from "../core/kernel/index.js";

export interface MockClockOptions {
  /** The time the clock starts at, in seconds (default 0). */
  start?: number;
  /** See `MockClock.autojumpThreshold` (default 0: jump as soon as the loop is idle). */
  autojumpThreshold?: number;
}

/**
 * A Clock for `new EventLoop({ clock })` whose time moves when the loop is
 * idle (autojump) or when `advance()` is called (manual).
 * @example
 * const clock = new MockClock({ autojumpThreshold: Infinity });
 * clock.advance(5); // timers due by 5 s run in the loop's next iteration
 */
export class MockClock implements Clock {
  readonly virtual = true;
  private _time: number;
  private _threshold = 0;
  private _wake: (() => void) | null = null;
  /** @internal Told when a loop goes idle waiting on this clock in manual mode (asyncTest's deadlock watch). */
  _onManualIdle: (() => void) | null = null;

  constructor(options?: MockClockOptions) {
    this._time = options?.start ?? 0;
    if (options?.autojumpThreshold !== undefined)
      this.autojumpThreshold = options.autojumpThreshold;
  }

  /** The clock's time in seconds: what `loop.time()` reads. */
  time(): number {
    return this._time;
  }

  /** The Clock interface's reading (the same as `time()`). */
  now(): number {
    return this._time;
  }

  /**
   * Real seconds the loop must sit idle (nothing ready, a timer pending, no
   * host operation in flight) before the clock jumps to its next timer, as
   * Trio's `autojump_threshold`. 0 jumps after one host turn; `Infinity`
   * never jumps: manual mode, where only `advance()` moves time. Any work
   * the loop does restarts the wait. It may be changed while the loop waits.
   */
  get autojumpThreshold(): number {
    return this._threshold;
  }

  set autojumpThreshold(seconds: number) {
    if (!(seconds >= 0)) throw new ValueError("autojump_threshold must be non-negative");
    this._threshold = seconds;
    this._wake?.();
  }

  /**
   * Moves the clock `seconds` forward (Trio's `jump`). Timers now due run in
   * the loop's next iteration; `yield* waitAllTasksBlocked()` waits until
   * what they started has settled.
   */
  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new ValueError("time can't go backwards");
    this._time += seconds;
    this._wake?.();
  }

  /** The loop's jump to its next timer (the Clock interface; never backwards). */
  advanceTo(when: number): void {
    if (when > this._time) this._time = when;
  }

  /** The Clock interface's question from an idle loop: how long to wait before jumping. */
  jumpDelay(wake: () => void): number {
    this._wake = wake;
    if (this._threshold === Number.POSITIVE_INFINITY) this._onManualIdle?.();
    return this._threshold;
  }
}
