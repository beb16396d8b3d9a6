/**
 * Manual mode's deadlock watch. On a manual MockClock a loop whose Tasks all
 * wait for timers can only go on when someone calls `clock.advance()`. The
 * loop cannot know whether someone will: a host callback the loop does not
 * track (a raw setTimeout, a socket) could. So the watch waits: if the loop
 * is still idle `seconds` of real time after it last went idle (nothing
 * ready, no host operation in flight, a timer in the future), nothing is
 * going to move the clock, and the test is failed rather than left to hang
 * until the runner's timeout (or, under `node --test`, until Node finds
 * nothing left to wait for and exits).
 */
import { clearHostTimer, type EventLoop, setHostTimer } from "../core/kernel/index.js";
import type { MockClock } from "./mock-clock.js";

/** Calls `onDeadlock` once the loop is stuck; returns the way to stop watching. */
export function watchDeadlock(
  loop: EventLoop,
  clock: MockClock,
  seconds: number,
  onDeadlock: (message: string) => void,
): () => void {
  let timer: unknown;
  const check = (): void => {
    timer = undefined;
    const next = stuckUntil(loop, clock);
    if (next === undefined) return;
    onDeadlock(
      `deadlock: nothing is ready and the clock is manual: the loop waited ${seconds} s of ` +
        `real time for clock.advance() (clock at ${clock.time()} s, next timer at ${next} s)`,
    );
  };
  clock._onManualIdle = () => {
    if (timer !== undefined) clearHostTimer(timer);
    timer = setHostTimer(check, seconds);
  };
  return () => {
    clock._onManualIdle = null;
    if (timer !== undefined) clearHostTimer(timer);
  };
}

/** The deadline of the timer the loop waits for, if it is stuck waiting for the clock. */
function stuckUntil(loop: EventLoop, clock: MockClock): number | undefined {
  if (!loop.isRunning() || clock.autojumpThreshold !== Number.POSITIVE_INFINITY) return undefined;
  if (loop._ready.length > 0 || loop._hostOps > 0) return undefined;
  const next = loop._scheduled.peek()?._when;
  return next !== undefined && next > clock.time() ? next : undefined;
}
