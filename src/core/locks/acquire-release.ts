/**
 * `async with` for the primitives that are acquired and released (CPython's
 * `_ContextManagerMixin`): entering acquires, the `as` value is `undefined`,
 * exiting releases and never suppresses the body's error.
 */

import type { AsyncContextManager } from "../async-with.js";
import type { Coroutine } from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";

export abstract class AcquireRelease extends LoopBound implements AsyncContextManager<undefined> {
  abstract acquire(): Coroutine<true>;
  abstract release(): void;

  /**
   * `async with` entry: acquires (`yield* this.acquire()`); the `as` value is `undefined`. Called by `asyncWith`.
   *
   * @python `asyncio.Lock.__aenter__` (Semaphore's and Condition's too) — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
   * @example
   * ```ts
   * yield* asyncio.asyncWith(lock, function* () {
   *   // lock.aenter() acquired the lock; aexit() releases it, even on error
   * });
   * ```
   */
  *aenter(): Coroutine<undefined> {
    yield* this.acquire();
    return undefined;
  }

  /**
   * `async with` exit: releases; never suppresses the body's error. Called by `asyncWith`.
   *
   * @python `asyncio.Lock.__aexit__` (Semaphore's and Condition's too) — https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock
   * @example
   * ```ts
   * yield* lock.aenter();
   * try {
   *   yield* work();
   * } finally {
   *   yield* lock.aexit(); // what asyncWith does for you
   * }
   * ```
   */
  *aexit(_exc?: unknown): Coroutine<void> {
    this.release();
  }
}
