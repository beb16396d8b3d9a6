import type { AsyncContextManager } from "./async-with.js";
import type { Coroutine } from "./kernel/index.js";

/**
 * Python's `contextlib.aclosing`: an async context manager that closes an
 * async generator on the way out, so that leaving an `asyncFor` early
 * (which, as in Python, does not close it) runs its `finally` blocks at
 * once instead of when the garbage collector or the loop's shutdown gets to
 * it.
 *
 * @python `contextlib.aclosing` — https://docs.python.org/3/library/contextlib.html#contextlib.aclosing
 * @example
 * ```ts
 * yield* asyncio.asyncWith(asyncio.aclosing(ticker(5)), function* (agen) {
 *   yield* asyncio.asyncFor(agen, function* (i) { if (i === 2) return false; });
 * }); // ticker's finally has run here
 * ```
 */
export function aclosing<
  A extends {
    /** Closes the thing (an async generator's `aclose`). */
    aclose(): Coroutine<void>;
  },
>(thing: A): AsyncContextManager<A> {
  return {
    *aenter(): Coroutine<A> {
      return thing;
    },
    *aexit(): Coroutine<void> {
      yield* thing.aclose();
    },
  };
}
