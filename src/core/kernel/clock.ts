/**
 * The loop's clocks. The clock belongs to the loop, never to `globalThis`: a
 * virtual clock only moves when the loop, finding nothing ready, jumps it to
 * the next deadline.
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
   * loop stays idle before it jumps: 0 (as when absent) after one host turn,
   * `Infinity` never (the clock's owner moves it). Work that arrives
   * meanwhile restarts the wait. `wake` has the loop look again, for a clock
   * that moved by itself.
   */
  jumpDelay?(wake: () => void): number;
}

/** Real time from the host's monotonic clock (`performance.now()`). */
export class SystemClock implements Clock {
  readonly virtual = false;
  now(): number {
    return performance.now() / 1000;
  }
  advanceTo(_when: number): void {
    throw new Error("a system clock cannot be advanced");
  }
}

/** Time that stands still until the loop jumps it to its next deadline. */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  advanceTo(when: number): void {
    if (when > this.t) this.t = when;
  }
}
