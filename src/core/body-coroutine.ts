/**
 * The coroutine a body of `asyncWith` or `asyncFor` made, checked before it
 * is awaited. A body written as an arrow or an `async` function (the usual
 * slip, since Python's body is a block) would otherwise fail at `yield*`
 * with V8's "yield* (intermediate value)(intermediate value) is not
 * iterable", which names neither the statement nor the body.
 *
 * A body may yield what a coroutine yields and, inside an async generator's
 * body, what `emit` yields: Python's `async for x in src: yield f(x)` is an
 * `asyncFor` whose body emits. `asyncWith` and `asyncFor` pass the body's
 * yields through, so their own type says what the body yields.
 */
import { reprValue } from "./kernel/index.js";

export function bodyCoroutine<Y, R>(
  made: Generator<Y, R, unknown>,
  statement: "asyncWith" | "asyncFor",
): Generator<Y, R, unknown> {
  if (
    typeof (made as Partial<Generator<Y, R, unknown>> | null | undefined)?.[Symbol.iterator] ===
    "function"
  ) {
    return made;
  }
  const returned = made === undefined ? "undefined" : reprValue(made);
  throw new TypeError(
    `${statement}() body must be a generator function (function*); it returned ${returned}`,
  );
}
