/**
 * `async with` for the primitives that are acquired and released (CPython's
 * `_ContextManagerMixin`): entering acquires, the `as` value is `undefined`,
 * exiting releases and never suppresses the body's error.
 */

import type { AsyncContextManager } from "../async-with.js";
import { type Coroutine, className, type Future } from "../kernel/index.js";
import { LoopBound } from "../loop-bound.js";

export abstract class AcquireRelease extends LoopBound implements AsyncContextManager<undefined> {
  abstract acquire(): Coroutine<true>;
  abstract release(): void;

  *aenter(): Coroutine<undefined> {
    yield* this.acquire();
    return undefined;
  }

  *aexit(_exc?: unknown): Coroutine<void> {
    this.release();
  }

  /** @internal A Future for `acquire()` to wait on, added to `waiters` and named for traces. */
  _newWaiter(waiters: Set<Future<boolean>>): Future<boolean> {
    const loop = this._getLoop();
    const fut = loop.createFuture<boolean>();
    if (loop._tracer !== null) loop._tracer.labelFuture(fut, `${className(this)}.acquire()`);
    waiters.add(fut);
    return fut;
  }
}
