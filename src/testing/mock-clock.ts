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

/**
 * Options of `new MockClock(options)`.
 *
 * @python no counterpart: Trio's `MockClock(autojump_threshold=...)`; CPython tests fake time with a private TestLoop — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
 * @example
 * ```ts
 * const clock = new MockClock({ start: 100, autojumpThreshold: Infinity });
 * ```
 */
export interface MockClockOptions {
  /** The time the clock starts at, in seconds (default 0). */
  start?: number;
  /** See `MockClock.autojumpThreshold` (default 0: jump as soon as the loop is idle). */
  autojumpThreshold?: number;
}

/**
 * A Clock for `new EventLoop({ clock })` whose time moves when the loop is
 * idle (autojump) or when `advance()` is called (manual).
 *
 * @python no counterpart: Trio's `trio.testing.MockClock`; CPython's own tests use a private TestLoop — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
 * @example
 * ```ts
 * const clock = new MockClock({ autojumpThreshold: Infinity });
 * clock.advance(5); // timers due by 5 s run in the loop's next iteration
 * ```
 */
export class MockClock implements Clock {
  /**
   * Virtual: the loop may jump it instead of waiting (as `autojumpThreshold` allows).
   *
   * @python no counterpart: CPython's clock is always real — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * console.log(new MockClock().virtual); // true
   * ```
   */
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

  /**
   * The clock's time in seconds: what `loop.time()` reads.
   *
   * @python `asyncio.loop.time` (what it reads) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * test("one minute later", asyncTest(function* ({ clock }) {
   *   yield* asyncio.sleep(60);
   *   expect(clock.time()).toBe(60);
   * }));
   * ```
   */
  time(): number {
    return this._time;
  }

  /**
   * The Clock interface's reading (the same as `time()`).
   *
   * @python `asyncio.loop.time` (what it reads) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * const clock = new MockClock({ start: 5 });
   * console.log(clock.now() === clock.time()); // true
   * ```
   */
  now(): number {
    return this._time;
  }

  /**
   * Real seconds the loop must sit idle (nothing ready, a timer pending, no
   * host operation in flight) before the clock jumps to its next timer, as
   * Trio's `autojump_threshold`. 0 jumps after one host turn; `Infinity`
   * never jumps: manual mode, where only `advance()` moves time. Any work
   * the loop does restarts the wait. It may be changed while the loop waits.
   *
   * @python no counterpart: Trio's `MockClock.autojump_threshold` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * test("waits on real work between timers", asyncTest(function* ({ clock }) {
   *   clock.autojumpThreshold = 0.05; // jump only after 50 ms of real idleness
   *   yield* asyncio.waitFor(asyncio.fromPromise(readFile("data.json")), 5);
   * }));
   * ```
   */
  get autojumpThreshold(): number {
    return this._threshold;
  }

  /**
   * Sets the threshold (seconds, `>= 0`; `Infinity` for manual mode); a waiting loop takes it into account at once.
   */
  set autojumpThreshold(seconds: number) {
    if (!(seconds >= 0)) throw new ValueError("autojump_threshold must be non-negative");
    this._threshold = seconds;
    this._wake?.();
  }

  /**
   * Moves the clock `seconds` forward (Trio's `jump`). Timers now due run in
   * the loop's next iteration; `yield* waitAllTasksBlocked()` waits until
   * what they started has settled.
   *
   * @python no counterpart: Trio's `MockClock.jump` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * test("retries after 5 s", asyncTest(function* ({ clock }) {
   *   const task = asyncio.createTask(retrying(fetchFlaky));
   *   clock.advance(5);
   *   yield* waitAllTasksBlocked();
   *   expect(attempts).toBe(2);
   *   task.cancel();
   * }, { clock: new MockClock({ autojumpThreshold: Infinity }) }));
   * ```
   */
  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new ValueError("time can't go backwards");
    this._time += seconds;
    this._wake?.();
  }

  /**
   * The loop's jump to its next timer (the Clock interface; never backwards).
   *
   * Tests call `advance(seconds)`; the loop calls this.
   *
   * @python no counterpart: how the loop jumps a virtual clock to its next timer — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * const clock = new MockClock();
   * clock.advanceTo(10);
   * clock.advanceTo(3); // ignored: never backwards
   * console.log(clock.time()); // 10
   * ```
   */
  advanceTo(when: number): void {
    if (when > this._time) this._time = when;
  }

  /**
   * The Clock interface's question from an idle loop: how long to wait before jumping.
   *
   * Called by the loop, not by tests; `Infinity` in manual mode.
   *
   * @python no counterpart: Trio's autojump logic, asked by the loop — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * const clock = new MockClock({ autojumpThreshold: 0.05 });
   * console.log(clock.jumpDelay(() => {})); // 0.05: the loop waits 50 ms of real time, then jumps
   * ```
   */
  jumpDelay(wake: () => void): number {
    this._wake = wake;
    if (this._threshold === Number.POSITIVE_INFINITY) this._onManualIdle?.();
    return this._threshold;
  }
}
