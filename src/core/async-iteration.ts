/**
 * `async for` for generator coroutines. Python's asynchronous iterator has an
 * `__anext__` coroutine; here it is `anext()`, a coroutine giving an
 * IteratorResult (`done` where Python raises StopAsyncIteration), and
 * `asyncFor` runs a loop body over it. `asyncFor` also takes JavaScript's
 * async iterables (js-iteration.ts), and `anext(iterator, default)` is
 * Python's built-in.
 */

import type { Emitted } from "./async-generator.js";
import { bodyCoroutine } from "./body-coroutine.js";
import { forAwaitJs } from "./js-iteration.js";
import {
  type Coroutine,
  nameCoroutines,
  StopAsyncIteration,
  type Yielded,
} from "./kernel/index.js";
import { typeName } from "./type-name.js";

/**
 * Python's asynchronous iterator: `anext()` is a coroutine.
 *
 * `anext()` gives `{ done: true }` where Python's `__anext__` raises StopAsyncIteration.
 *
 * @python `object.__anext__` (an asynchronous iterator) — https://docs.python.org/3/reference/datamodel.html#object.__anext__
 * @example
 * ```ts
 * class Countdown implements asyncio.AsyncIteratorLike<number> {
 *   constructor(private n: number) {}
 *   *anext(): asyncio.Coroutine<IteratorResult<number, undefined>> {
 *     yield* asyncio.sleep(1);
 *     return this.n > 0 ? { done: false, value: this.n-- } : { done: true, value: undefined };
 *   }
 * }
 * ```
 */
export interface AsyncIteratorLike<T> {
  /** The next item (`{ done: false, value }`), or `{ done: true }` at the end. */
  anext(): Coroutine<IteratorResult<T, unknown>>;
}

/**
 * Python's asynchronous iterable.
 *
 * @python `object.__aiter__` (an asynchronous iterable) — https://docs.python.org/3/reference/datamodel.html#object.__aiter__
 * @example
 * ```ts
 * const countdown: asyncio.AsyncIterableLike<number> = { aiter: () => new Countdown(3) };
 * yield* asyncio.asyncFor(countdown, function* (n) {
 *   console.log(n);
 * });
 * ```
 */
export interface AsyncIterableLike<T> {
  /** A new iterator over the items, or the object itself if it is its own iterator. */
  aiter(): AsyncIteratorLike<T>;
}

/**
 * Python's `async for item in iterable: body`. The body returns `false` to
 * break out of the loop, `true` or nothing to go on (a body that may return
 * `false` returns on every path, or `noImplicitReturns` rejects it). As in
 * Python, leaving early does not close an asyncio-ts iterable (an async
 * generator stays suspended until it is closed, freed, or the loop shuts
 * down). A JavaScript async iterable (one
 * with `Symbol.asyncIterator` and no `aiter`) is iterated as JavaScript's
 * `for await` does: leaving early calls its `return()`. Inside an async
 * generator's body, the loop body may emit (Python's `async for x in src:
 * yield f(x)`). In a method, pass `this` as the last argument for the body
 * to read it (as `asyncWith` does); without it, `this.x` in the body is a
 * compile error whose type says so.
 *
 * @python `async for` — https://docs.python.org/3/reference/compound_stmts.html#async-for
 * @example
 * ```ts
 * yield* asyncio.asyncFor(asyncio.asCompleted(tasks), function* (done) {
 *   console.log(done.result()); // the original Futures and Tasks, as they finish
 * });
 * ```
 */
export function asyncFor<T, Y extends Yielded | Emitted<unknown> = Yielded>(
  iterable: AsyncIterableLike<T> | AsyncIterable<T>,
  body: (
    this: {
      readonly "`this` in an asyncFor body is undefined: pass the method's `this` as asyncFor's last argument, asyncFor(it, function* (x) { ... }, this)": never;
    },
    item: T,
  ) => Generator<Y, boolean | undefined | void, unknown>,
): Generator<Y | Yielded, void, unknown>;
export function asyncFor<T, This, Y extends Yielded | Emitted<unknown> = Yielded>(
  iterable: AsyncIterableLike<T> | AsyncIterable<T>,
  body: (this: This, item: T) => Generator<Y, boolean | undefined | void, unknown>,
  thisArg: This,
): Generator<Y | Yielded, void, unknown>;
export function asyncFor<T, This, Y extends Yielded | Emitted<unknown>>(
  iterable: AsyncIterableLike<T> | AsyncIterable<T>,
  body: (this: This, item: T) => Generator<Y, boolean | undefined | void, unknown>,
  thisArg?: This,
): Generator<Y | Yielded, void, unknown> {
  return asyncForCoroutine(iterable, body, thisArg);
}

// A method named as the function, with the name nameCoroutines gives (see
// sleep.ts): a Task made on asyncFor() is coro=<asyncFor()> in reprs,
// traces and `asyncio-ts ps`. Python has no such coroutine (`async for` is a
// statement inside the coroutine that runs it); the name is the call the
// Task was made on.
const asyncForCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *asyncFor<T, This, Y extends Yielded | Emitted<unknown>>(
      iterable: AsyncIterableLike<T> | AsyncIterable<T>,
      body: (this: This, item: T) => Generator<Y, boolean | undefined | void, unknown>,
      thisArg?: This,
    ): Generator<Y | Yielded, void, unknown> {
      if (typeof (iterable as Partial<AsyncIterableLike<T>>)?.aiter !== "function") {
        if (typeof (iterable as Partial<AsyncIterable<T>>)?.[Symbol.asyncIterator] === "function") {
          return yield* forAwaitJs(iterable as AsyncIterable<T>, body, thisArg);
        }
        throw new TypeError(
          `'async for' requires an object with __aiter__ method, got ${typeName(iterable)}`,
        );
      }
      const iterator = (iterable as AsyncIterableLike<T>).aiter();
      if (typeof iterator?.anext !== "function") {
        throw new TypeError(
          `'async for' received an object from __aiter__ that does not implement __anext__: ${typeName(iterator)}`,
        );
      }
      for (;;) {
        const next = yield* iterator.anext();
        if (next.done === true) return;
        const made = body.call(thisArg as This, next.value);
        if ((yield* bodyCoroutine(made, "asyncFor")) === false) return;
      }
    },
  }.asyncFor,
  "asyncFor",
);

/**
 * Python's built-in `anext(iterator[, default])`: the next item, else
 * `defaultValue` if one was given, else StopAsyncIteration.
 *
 * @python `anext` — https://docs.python.org/3/library/functions.html#anext
 * @example
 * ```ts
 * const first = yield* asyncio.anext(agen, undefined);
 * ```
 */
export function anext<T>(iterator: AsyncIteratorLike<T>): Coroutine<T>;
export function anext<T, D>(iterator: AsyncIteratorLike<T>, defaultValue: D): Coroutine<T | D>;
export function anext<T, D>(iterator: AsyncIteratorLike<T>, ...rest: [D?]): Coroutine<T | D> {
  if (typeof (iterator as Partial<AsyncIteratorLike<T>>)?.anext !== "function") {
    throw new TypeError(`'${typeName(iterator)}' object is not an async iterator`);
  }
  return nextOrDefault(iterator.anext(), rest);
}

function* nextOrDefault<T, D>(
  next: Coroutine<IteratorResult<T, unknown>>,
  rest: [D?],
): Coroutine<T | D> {
  const result = yield* next;
  if (result.done !== true) return result.value;
  if (rest.length > 0) return rest[0] as D;
  throw new StopAsyncIteration();
}
