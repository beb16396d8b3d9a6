/**
 * `asyncFor` over JavaScript async iterables (Node streams, `events.on`,
 * `async function*` generators): their `next()` Promises are awaited as
 * Futures, and leaving the loop early closes the iterator as JavaScript's
 * `for await` does: `break` (the body returning false) awaits `return()`,
 * an error in the body awaits it and then re-raises the error (whatever
 * `return()` did). A cancellation while waiting for `next()` also calls
 * `return()`, without waiting for it (an async generator busy in that
 * `next()` would only run it afterwards), so the listeners of `events.on` or
 * a stream's iterator do not outlive the cancelled loop.
 */
import type { Emitted } from "./async-generator.js";
import { bodyCoroutine } from "./body-coroutine.js";
import {
  CancelledError,
  type Coroutine,
  fromPromise,
  isThenable,
  type Yielded,
} from "./kernel/index.js";

export function* forAwaitJs<T, This, Y extends Yielded | Emitted<unknown>>(
  iterable: AsyncIterable<T>,
  body: (this: This, item: T) => Generator<Y, boolean | undefined | void, unknown>,
  thisArg: This | undefined,
): Generator<Y | Yielded, void, unknown> {
  const iterator = iterable[Symbol.asyncIterator]();
  for (;;) {
    let result: IteratorResult<T>;
    try {
      result = checkResult(yield* awaited(iterator.next()), "next");
    } catch (e) {
      if (e instanceof CancelledError) abandon(iterator);
      throw e;
    }
    if (result.done === true) return;
    let go: boolean | undefined | void;
    try {
      go = yield* bodyCoroutine(body.call(thisArg as This, result.value), "asyncFor");
    } catch (e) {
      if (typeof iterator.return === "function") {
        try {
          yield* awaited(iterator.return());
        } catch {
          // JavaScript's AsyncIteratorClose: the body's error wins.
        }
      }
      throw e;
    }
    if (go === false) {
      if (typeof iterator.return === "function")
        checkResult(yield* awaited(iterator.return()), "return");
      return;
    }
  }
}

/** `await value` for a coroutine: a thenable through a Future, anything else as it is. */
function* awaited<V>(value: V | PromiseLike<V>): Coroutine<V> {
  if (isThenable(value)) return yield* fromPromise(value);
  return value;
}

function abandon(iterator: AsyncIterator<unknown>): void {
  if (typeof iterator.return !== "function") return;
  try {
    Promise.resolve(iterator.return()).catch(() => {});
  } catch {
    // The cancellation is what propagates.
  }
}

function checkResult<R>(result: R, method: string): R {
  if (typeof result !== "object" || result === null) {
    throw new TypeError(`iterator.${method}() returned a non-object value`);
  }
  return result;
}
