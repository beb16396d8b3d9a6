/**
 * Python's `contextlib.aclosing`: an async context manager that closes an
 * async generator on the way out, so that leaving an `asyncFor` early
 * (which, as in Python, does not close it) runs its `finally` blocks at
 * once instead of when the garbage collector or the loop's shutdown gets to
 * it.
 * @example
 * yield* asyncio.asyncWith(asyncio.aclosing(ticker(5)), function* (agen) {
 *   yield* asyncio.asyncFor(agen, function* (i) { if (i === 2) return false; return true; });
 * }); // ticker's finally has run here
 */
import type { AsyncContextManager } from "./async-with.js";
import type { Coroutine } from "./kernel/index.js";

/**
 * An async context manager whose `aenter` gives `thing` and whose `aexit`
 * closes it (`yield* thing.aclose()`), whether the body returned or threw.
 *
 * @python `contextlib.aclosing` — https://docs.python.org/3/library/contextlib.html#contextlib.aclosing
 * @example
 * ```ts
 * yield* asyncio.asyncWith(asyncio.aclosing(ticker(5)), function* (agen) {
 *   yield* asyncio.asyncFor(agen, function* (i) {
 *     if (i === 2) return false; // break
 *     return true; // the next item
 *   });
 * }); // ticker's finally has run here
 * ```
 */
export function aclosing<
  A extends {
    /** Closes the thing (an async generator's `aclose`). */
    aclose(): Coroutine<void>;
  },
>(
  thing: A,
): AsyncContextManager<A> & {
  /** Closes `thing`; never suppresses, so `asyncWith` gives the body's result as it is. */
  aexit(exc?: unknown): Coroutine<void>;
} {
  return {
    *aenter(): Coroutine<A> {
      return thing;
    },
    *aexit(): Coroutine<void> {
      yield* thing.aclose();
    },
  };
}
