/**
 * The coroutine a body of `asyncWith` or `asyncFor` made, checked before it
 * is awaited. A body written as an arrow or an `async` function (the usual
 * slip, since Python's body is a block) would otherwise fail at `yield*`
 * with V8's "yield* (intermediate value)(intermediate value) is not
 * iterable", which names neither the statement nor the body.
 */
import { type Coroutine, reprValue } from "./kernel/index.js";

export function bodyCoroutine<R>(
  made: Coroutine<R>,
  statement: "asyncWith" | "asyncFor",
): Coroutine<R> {
  if (typeof (made as Partial<Coroutine<R>> | null | undefined)?.[Symbol.iterator] === "function") {
    return made;
  }
  const returned = made === undefined ? "undefined" : reprValue(made);
  throw new TypeError(
    `${statement}() body must be a generator function (function*); it returned ${returned}`,
  );
}
