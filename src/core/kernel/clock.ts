/**
 * The loop's clocks. The clock belongs to the loop, never to `globalThis`: a
 * virtual clock only moves when the loop, finding nothing ready, jumps it to
 * the next deadline.
 */
import { named } from "./class-name.js";

/**
 * A clock for the loop (`new EventLoop({ clock })`): what `loop.time()` reads
 * and, for a virtual clock, how the loop moves it. `SystemClock` and
 * `VirtualClock` are the two the loop makes itself; the testing layer's
 * MockClock is a third.
 *
 * @python no counterpart: CPython's loops read `time.monotonic()`; asyncio-ts lets a test own the clock — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
 * @example
 * ```ts
 * const loop = new asyncio.EventLoop({ clock: new asyncio.VirtualClock(100) });
 * console.log(loop.time()); // 100
 * ```
 */
export interface Clock {
  /** Seconds on a monotonic scale. */
  now(): number;
  /** Whether the loop may jump this clock forward instead of waiting. */
  readonly virtual: boolean;
  /** Moves a virtual clock to `when` (never backwards). */
  advanceTo(when: number): void;
  /**
   * A virtual clock's say in when the loop jumps it (the testing layer's
   * MockClock has one). Asked each time the loop goes idle with a timer
   * pending and no host operation in flight; returns the real seconds the
   * loop stays idle before it jumps: 0 as when absent (at once, or after one
   * host turn if the host may have work for the loop), `Infinity` never (the
   * clock's owner moves it). Work that arrives
   * meanwhile restarts the wait. `wake` has the loop look again, for a clock
   * that moved by itself.
   */
  jumpDelay?(wake: () => void): number;
}

/**
 * Real time from the host's monotonic clock (`performance.now()`; the Node
 * bundles read the same clock through `process.hrtime()`, src/node/host-now.ts).
 *
 * @python no counterpart: CPython's loops read `time.monotonic()` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
 * @example
 * ```ts
 * const loop = new asyncio.EventLoop({ clock: new asyncio.SystemClock() }); // the default
 * ```
 */
export class SystemClock implements Clock {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "SystemClock");
  /**
   * Never virtual: the loop waits for real time to pass.
   *
   * @python no counterpart: CPython's clock is always real — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * console.log(new asyncio.SystemClock().virtual); // false
   * ```
   */
  readonly virtual = false;
  /**
   * Seconds from the host's monotonic clock.
   *
   * @python `time.monotonic` (what `loop.time()` returns) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * console.log(new asyncio.SystemClock().now()); // seconds, e.g. 1234.567
   * ```
   */
  now(): number {
    return performance.now() / 1000;
  }
  /**
   * Does nothing: real time moves by itself.
   *
   * @python no counterpart: real time cannot be moved — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * new asyncio.SystemClock().advanceTo(10); // does nothing
   * ```
   */
  advanceTo(_when: number): void {
    throw new Error("a system clock cannot be advanced");
  }
}

/**
 * Time that stands still until the loop jumps it to its next deadline.
 *
 * `virtualTime: true` makes one starting at 0.
 *
 * @python no counterpart: CPython's own tests fake time with a TestLoop; asyncio-ts offers it to users — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
 * @example
 * ```ts
 * const loop = new asyncio.EventLoop({ clock: new asyncio.VirtualClock() }); // as virtualTime: true
 * await loop.runUntilComplete(asyncio.sleep(3600));
 * console.log(loop.time()); // 3600, at once
 * ```
 */
export class VirtualClock implements Clock {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "VirtualClock");
  /**
   * Virtual: the loop jumps it to its next deadline when nothing is ready.
   *
   * @python no counterpart: CPython's clock is always real — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * console.log(new asyncio.VirtualClock().virtual); // true
   * ```
   */
  readonly virtual = true;
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  /**
   * The clock's time, in seconds: where it started or was last moved to.
   *
   * @python `asyncio.loop.time` (what it returns) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * const clock = new asyncio.VirtualClock(5);
   * console.log(clock.now()); // 5
   * ```
   */
  now(): number {
    return this.t;
  }
  /**
   * Moves the clock to `when`; never backwards (an earlier `when` does nothing).
   *
   * @python no counterpart: real time cannot be moved — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * const clock = new asyncio.VirtualClock();
   * clock.advanceTo(30);
   * console.log(clock.now()); // 30
   * ```
   */
  advanceTo(when: number): void {
    if (when > this.t) this.t = when;
  }
}
