/**
 * `waitFor` (Python 3.12+): await with a deadline, built on `timeout()`.
 * A coroutine runs inside the caller's Task, as in CPython 3.12+; on timeout
 * the awaited work is cancelled and waited for, and a result that arrives
 * with the timeout (the work swallowed the cancellation) is returned.
 */

import { asyncWith } from "./async-with.js";
import {
  type AwaitedOf,
  CancelledError,
  type Coroutine,
  checkNumber,
  ensureFuture,
  type Future,
  type FutureLike,
  getRunningLoop,
  nameCoroutines,
  TimeoutError,
} from "./kernel/index.js";
import { timeout } from "./timeouts.js";

/**
 * The result of `aw`, or TimeoutError if it takes more than `seconds`
 * (`undefined`: no limit).
 *
 * On timeout the awaited work is cancelled and waited for (Python 3.12+ semantics, built on `timeout()`).
 *
 * @python `asyncio.wait_for` — https://docs.python.org/3/library/asyncio-task.html#asyncio.wait_for
 * @example
 * ```ts
 * const page = yield* asyncio.waitFor(fetchPage(), 5);
 * ```
 */
export function waitFor<A extends FutureLike<unknown>>(
  aw: A,
  seconds: number | undefined | null,
): Coroutine<AwaitedOf<A>> {
  return waitForCoroutine(aw as FutureLike<AwaitedOf<A>>, seconds);
}

// A method named as the function: reprs, traces and `asyncio-ts ps` name a
// Task made on it `waitFor()` (CPython: `wait_for()`) from the name
// nameCoroutines gives, which no minifier renames (see sleep.ts).
const waitForCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *waitFor<T>(aw: FutureLike<T>, seconds: number | undefined | null): Coroutine<T> {
      checkNumber(seconds, "waitFor", "timeout", true);
      if (seconds != null && seconds <= 0) {
        const fut = ensureFuture(aw);
        if (fut.done()) return fut.result();
        yield* cancelAndWait(fut);
        try {
          return fut.result();
        } catch (e) {
          if (e instanceof CancelledError) throw new TimeoutError("", { cause: e });
          throw e;
        }
      }
      const awaitable = isIterable(aw) ? aw : ensureFuture(aw);
      return yield* asyncWith(timeout(seconds), function* () {
        return yield* awaitable;
      });
    },
  }.waitFor,
  "waitFor",
);

/** Cancels `fut` and waits until it is really done (it may swallow the cancellation). */
export function* cancelAndWait(fut: Future<unknown>): Coroutine<void> {
  const loop = getRunningLoop();
  const waiter = loop.createFuture<void>();
  loop._tracer?._labelFuture(waiter, "the cancelled awaitable");
  const release = (): void => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  fut._addDoneCallbackInternal(release);
  try {
    fut.cancel();
    yield* waiter;
  } finally {
    fut.removeDoneCallback(release);
  }
}

function isIterable<T>(aw: FutureLike<T>): aw is Exclude<FutureLike<T>, PromiseLike<T>> {
  return typeof (aw as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}
