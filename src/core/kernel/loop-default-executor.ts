/**
 * The core loop's side of the default executor (CPython's
 * `shutdown_default_executor`). The core has no executor: the Node layer
 * adds `runInExecutor` and a worker pool (node/run-in-executor.ts), and
 * replaces `shutdownDefaultExecutor` with one that shuts that pool down. In
 * the core it only records the call, as CPython's flag does, so that the Node
 * layer's `runInExecutor` refuses to start a pool afterwards, and so that
 * `Runner.close` can end every program the same way on any host.
 *
 * A part of `EventLoop` in a file of its own (loop-parts.ts): glue between
 * the core loop and a host layer, called once at the end of a program.
 */
import type { Coroutine } from "./coroutine.js";
import type { EventLoop } from "./event-loop.js";

/** EventLoop's `shutdownDefaultExecutor` (loop-parts.ts adds it to the loop). */
export abstract class LoopDefaultExecutor {
  /**
   * Python's `shutdown_default_executor`. The core loop has no executor (the
   * Node layer's loop does); this completes at once.
   *
   * @python `asyncio.loop.shutdown_default_executor` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.shutdown_default_executor
   * @example
   * ```ts
   * await loop.runUntilComplete(loop.shutdownDefaultExecutor());
   * loop.close();
   * ```
   */
  *shutdownDefaultExecutor(this: EventLoop, _timeout?: number): Coroutine<void> {
    this._executorShutdownCalled = true;
  }
}
