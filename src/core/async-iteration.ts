/**
 * `async for` for generator coroutines. Python's asynchronous iterator has an
 * `__anext__` coroutine; here it is `anext()`, a coroutine giving an
 * IteratorResult, and `asyncFor` runs a loop body over it.
 */
import type { Coroutine } from "./coroutine.js";

/** Python's asynchronous iterator: `anext()` is a coroutine. */
export interface AsyncIteratorLike<T> {
  anext(): Coroutine<IteratorResult<T, unknown>>;
}

/** Python's asynchronous iterable. */
export interface AsyncIterableLike<T> {
  aiter(): AsyncIteratorLike<T>;
}

/**
 * Python's `async for item in iterable: body`. The body returns `false` to
 * break out of the loop.
 * @example
 * yield* asyncio.asyncFor(asyncio.asCompleted(tasks), function* (task) {
 *   console.log(task.getName(), task.result());
 * });
 */
export function* asyncFor<T>(
  iterable: AsyncIterableLike<T>,
  body: (item: T) => Coroutine<boolean | undefined | void>,
): Coroutine<void> {
  const iterator = iterable.aiter();
  for (;;) {
    const next = yield* iterator.anext();
    if (next.done === true) return;
    if ((yield* body(next.value)) === false) return;
  }
}
