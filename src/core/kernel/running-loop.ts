/**
 * Which loop is running, and the current loop (Python's `events` module
 * functions). JavaScript has one thread per realm, so "per thread" state is
 * module state here. A loop is "running" while it executes a batch of
 * iterations; between batches the host loop runs other work.
 */

import type { EventLoop } from "./event-loop.js";
import { RuntimeError } from "./exceptions.js";

let runningLoop: EventLoop | null = null;
let currentLoop: EventLoop | null = null;
// Loops between the start and the end of `runForever`, running a batch or not.
const loopsInRun = new Set<EventLoop>();

/** The loop running the current callback or task step, or `null` (Python's `_get_running_loop`). */
export function _getRunningLoop(): EventLoop | null {
  return runningLoop;
}

/** @internal Installs `loop` as the running loop; returns the previous one. */
export function _setRunningLoop(loop: EventLoop | null): EventLoop | null {
  const previous = runningLoop;
  runningLoop = loop;
  return previous;
}

/**
 * The running event loop.
 * @throws RuntimeError when called outside a coroutine or callback run by a loop.
 *
 * @python `asyncio.get_running_loop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop
 * @example
 * ```ts
 * const loop = asyncio.getRunningLoop(); loop.callSoon(() => console.log("hi"));
 * ```
 */
export function getRunningLoop(): EventLoop {
  if (runningLoop === null) throw new RuntimeError("no running event loop");
  return runningLoop;
}

/**
 * The running loop if there is one, else the loop set with `setEventLoop`
 * (Python 3.14: no loop is created implicitly).
 *
 * A RuntimeError when there is neither.
 *
 * @python `asyncio.get_event_loop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop
 * @example
 * ```ts
 * asyncio.setEventLoop(new asyncio.EventLoop());
 * const loop = asyncio.getEventLoop(); // the one just set, when none is running
 * ```
 */
export function getEventLoop(): EventLoop {
  if (runningLoop !== null) return runningLoop;
  if (currentLoop === null) {
    throw new RuntimeError("There is no current event loop in thread 'MainThread'.");
  }
  return currentLoop;
}

/**
 * Sets the current loop returned by `getEventLoop` when none is running.
 *
 * @python `asyncio.set_event_loop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.set_event_loop
 * @example
 * ```ts
 * const loop = new asyncio.EventLoop();
 * asyncio.setEventLoop(loop);
 * await loop.runUntilComplete(main());
 * ```
 */
export function setEventLoop(loop: EventLoop | null): void {
  currentLoop = loop;
}

/** @internal Records that `loop` started (`true`) or stopped running `runForever`. */
export function _setLoopInRun(loop: EventLoop, running: boolean): void {
  if (running) loopsInRun.add(loop);
  else loopsInRun.delete(loop);
}

/**
 * @internal The loops running now (inside `runForever`, between batches
 * too), in the order they started: what `asyncio-ts ps` inspects from
 * another process (node/ps-hook.ts).
 */
export function _loopsInRun(): EventLoop[] {
  return [...loopsInRun];
}
