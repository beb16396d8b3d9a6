/**
 * CPython's `mixins._LoopBoundMixin._get_loop`: a queue binds to the loop
 * running when it first has to wait, and refuses to wait on another one.
 */
import type { EventLoop } from "../event-loop.js";
import { RuntimeError } from "../exceptions.js";
import { getRunningLoop } from "../running-loop.js";

/** The running loop, which must be `bound` unless nothing is bound yet. */
export function bindLoop(bound: EventLoop | null, owner: object): EventLoop {
  const loop = getRunningLoop();
  if (bound !== null && bound !== loop) {
    throw new RuntimeError(`${String(owner)} is bound to a different event loop`);
  }
  return loop;
}
