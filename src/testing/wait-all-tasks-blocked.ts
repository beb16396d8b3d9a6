/**
 * `waitAllTasksBlocked`: Trio's `wait_all_tasks_blocked`, the companion of a
 * manual clock. After `clock.advance()` the timers now due run in the next
 * iteration, and what they wake runs in the iterations after; a test that
 * wants to look at the outcome waits until nothing else can run.
 */
import { type Coroutine, type EventLoop, getRunningLoop } from "../core/kernel/index.js";
import { sleep } from "../core/sleep.js";

/**
 * Returns once every other Task of the running loop is blocked: nothing is
 * ready to run and no timer is due (a Task waiting on a Promise or on I/O
 * counts as blocked). Only one Task at a time should wait this way: two would
 * keep each other busy.
 *
 * @python no counterpart: Trio's `trio.testing.wait_all_tasks_blocked` — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * clock.advance(1); yield* waitAllTasksBlocked(); expect(fired).toBe(true);
 * ```
 */
export function* waitAllTasksBlocked(): Coroutine<void> {
  const loop = getRunningLoop();
  do {
    yield* sleep(0);
  } while (!allBlocked(loop));
}

function allBlocked(loop: EventLoop): boolean {
  if (loop._ready.length > 0) return false;
  const next = loop._scheduled.peek();
  // Due as the loop reckons it (_runOnce); a cancelled timer on top is dropped by one more turn.
  return next === undefined || (!next._cancelled && next._when >= loop.time() + 1e-9);
}
