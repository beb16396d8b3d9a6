/**
 * The loop's end of async generators (CPython's `shutdown_asyncgens`):
 * closing, before the loop closes, every async generator first iterated on
 * it that is still suspended. The tracker that knows them (asyncgen-hooks.ts)
 * stands outside the kernel, since it closes generators with gather; the
 * loop holds it behind `AsyncgenHooks`, and only once a generator was
 * iterated, so a program with none never loads it.
 *
 * A part of `EventLoop` in a file of its own (loop-parts.ts): `Runner.close`
 * calls it once, at the end of a program.
 */
import type { Coroutine } from "./coroutine.js";
import type { EventLoop } from "./event-loop.js";

/**
 * The loop's async-generator bookkeeping, as the loop sees it: the tracker
 * (asyncgen-hooks.ts) stands outside the kernel, since it closes generators
 * with gather, and is created by an async generator's first iteration.
 */
export interface AsyncgenHooks {
  add(agen: object, frame: object): void;
  shutdown(): Coroutine<void>;
  takeAll(): object[];
}

/** EventLoop's `shutdownAsyncgens` (loop-parts.ts adds it to the loop). */
export abstract class LoopAsyncgenShutdown {
  /**
   * Python's `shutdown_asyncgens`: closes (`aclose()`) every async generator
   * first iterated on this loop that is still suspended, concurrently, and
   * reports those whose closing failed to the exception handler. `Runner.close`
   * runs it after cancelling the leftover Tasks.
   *
   * @python `asyncio.loop.shutdown_asyncgens` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.shutdown_asyncgens
   * @example
   * ```ts
   * const loop = new asyncio.EventLoop();
   * await loop.runUntilComplete(main());
   * await loop.runUntilComplete(loop.shutdownAsyncgens());
   * loop.close();
   * ```
   */
  *shutdownAsyncgens(this: EventLoop): Coroutine<void> {
    this._asyncgensShutdownCalled = true;
    // The tracker exists once a generator was iterated here: a program with none never loads it.
    const tracker = this._asyncgens;
    if (tracker !== null) yield* tracker.shutdown();
  }
}
