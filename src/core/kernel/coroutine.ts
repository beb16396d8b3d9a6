/**
 * The coroutine model: a coroutine is a generator, `await x` is `yield* x`.
 *
 * What a coroutine yields to its Task is either a Future it waits for (the
 * Future's own iterator yields it) or `undefined` (a bare `yield`: give the loop
 * one turn, which is what `sleep(0)` does).
 */
import type { Future } from "./futures.js";

/** What the Task driving a coroutine receives from it. */
export type Yielded = Future<unknown> | undefined;

/** A coroutine returning `T`: `const value = yield* coro` gives a `T`. */
export type Coroutine<T = unknown> = Generator<Yielded, T, unknown>;

/** Anything `yield*` can await to get a `T`: coroutines, Futures, Tasks. */
export interface Awaitable<T = unknown> {
  [Symbol.iterator](): Iterator<Yielded, T, unknown>;
}

/** The value `yield* aw` evaluates to. */
export type AwaitedOf<A> =
  A extends Awaitable<infer T> ? T : A extends PromiseLike<infer P> ? P : never;

/** A coroutine function: a generator function returning a coroutine. */
export type CoroutineFunction<A extends unknown[] = unknown[], T = unknown> = (
  ...args: A
) => Coroutine<T>;

/**
 * True for a generator object (what calling a `function*` returns): Python's
 * `iscoroutine`. Futures are iterators too, but not coroutines.
 */
export function isCoroutine(value: unknown): value is Coroutine {
  // `instanceof` on the shared generator prototype is much cheaper than reading the tag.
  return value instanceof GeneratorObject;
}

/** A constructor whose `prototype` is %GeneratorPrototype%, for `instanceof`. */
function GeneratorObject(): void {}
GeneratorObject.prototype = Object.getPrototypeOf(function* () {}.prototype);

// The prototype every generator function (a coroutine function here) inherits from.
const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {});

/**
 * True for a coroutine function: a generator function (`function*`, a
 * generator method, or one bound with `bind`), which makes a coroutine when
 * called (Python's `asyncio.iscoroutinefunction`). An `async function` is not
 * one: its Promise is awaited with `fromPromise`.
 */
export function isCoroutineFunction(value: unknown): value is CoroutineFunction {
  return typeof value === "function" && Object.getPrototypeOf(value) === GeneratorFunctionPrototype;
}

/** True for a coroutine, or a coroutine function. */
export function isCoroutineOrFunction(value: unknown): boolean {
  return isCoroutine(value) || isCoroutineFunction(value);
}
