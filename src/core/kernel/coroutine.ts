/**
 * The coroutine model: a coroutine is a generator, `await x` is `yield* x`.
 *
 * What a coroutine yields to its Task is either a Future it waits for (the
 * Future's own iterator yields it) or `undefined` (a bare `yield`: give the loop
 * one turn, which is what `sleep(0)` does).
 */
import type { Future } from "./futures.js";

/**
 * What the Task driving a coroutine receives from it.
 *
 * @python no counterpart: what a coroutine hands its Task (a Future to wait on, or a bare yield), as CPython's `Task.__step` receives — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task
 * @example
 * ```ts
 * function* yieldOnce(): Generator<asyncio.Yielded, void, unknown> {
 *   yield; // give the loop one turn, as sleep(0) does
 * }
 * ```
 */
export type Yielded = Future<unknown> | undefined;

/**
 * A coroutine returning `T`: `const value = yield* coro` gives a `T`.
 *
 * Python's `async def f()` is `function* f(): Coroutine<T>`, and `await x` is `yield* x`.
 *
 * @python `collections.abc.Coroutine` (what `async def` makes) — https://docs.python.org/3/library/collections.abc.html#collections.abc.Coroutine
 * @example
 * ```ts
 * function* fetchUser(id: number): asyncio.Coroutine<User> {
 *   yield* asyncio.sleep(0.1);
 *   return { id, name: "Ada" };
 * }
 * ```
 */
export type Coroutine<T = unknown> = Generator<Yielded, T, unknown>;

/**
 * Anything `yield*` can await to get a `T`: coroutines, Futures, Tasks.
 *
 * @python `collections.abc.Awaitable` — https://docs.python.org/3/library/collections.abc.html#collections.abc.Awaitable
 * @example
 * ```ts
 * function* first<T>(aw: asyncio.Awaitable<T>): asyncio.Coroutine<T> {
 *   return yield* aw; // a coroutine, a Future or a Task
 * }
 * ```
 */
export interface Awaitable<T = unknown> {
  /** What `yield*` calls: an iterator that yields to the Task and returns the `T`. */
  [Symbol.iterator](): Iterator<Yielded, T, unknown>;
}

/**
 * The value `yield* aw` evaluates to.
 *
 * @python no counterpart: a TypeScript type operator, what `await aw` gives in Python — https://docs.python.org/3/library/asyncio-task.html
 * @example
 * ```ts
 * type User = asyncio.AwaitedOf<asyncio.Task<{ id: number }>>; // { id: number }
 * ```
 */
export type AwaitedOf<A> =
  A extends Awaitable<infer T> ? T : A extends PromiseLike<infer P> ? P : never;

/**
 * A coroutine function: a generator function returning a coroutine.
 *
 * @python no counterpart: the type of an `async def` function — https://docs.python.org/3/library/asyncio-task.html#asyncio.iscoroutine
 * @example
 * ```ts
 * const handlers: asyncio.CoroutineFunction<[Request], Response>[] = [handleGet, handlePost];
 * ```
 */
export type CoroutineFunction<A extends unknown[] = unknown[], T = unknown> = (
  ...args: A
) => Coroutine<T>;

/**
 * True for a generator object (what calling a `function*` returns): Python's
 * `iscoroutine`. Futures are iterators too, but not coroutines.
 *
 * @python `asyncio.iscoroutine` — https://docs.python.org/3/library/asyncio-task.html#asyncio.iscoroutine
 * @example
 * ```ts
 * function start(x: unknown) {
 *   return asyncio.isCoroutine(x) ? asyncio.createTask(x) : x;
 * }
 * ```
 */
export function isCoroutine(value: unknown): value is Coroutine {
  // `instanceof` on the shared generator prototype is much cheaper than reading the tag.
  return value instanceof GeneratorObject;
}

/** %GeneratorPrototype%: every generator object's, and hand-written coroutines' (hand-coroutine.ts). */
export const GENERATOR_PROTOTYPE: Generator = Object.getPrototypeOf(function* () {}.prototype);

/** A constructor whose `prototype` is %GeneratorPrototype%, for `instanceof`. */
function GeneratorObject(): void {}
GeneratorObject.prototype = GENERATOR_PROTOTYPE;

// The prototype every generator function (a coroutine function here) inherits from.
const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {});

/**
 * True for a coroutine function: a generator function (`function*`, a
 * generator method, or one bound with `bind`), which makes a coroutine when
 * called (Python's `asyncio.iscoroutinefunction`). An `async function` is not
 * one: its Promise is awaited with `fromPromise`.
 *
 * Python's `asyncio.iscoroutinefunction` (deprecated in 3.14 for `inspect`'s).
 *
 * @python `inspect.iscoroutinefunction` — https://docs.python.org/3/library/inspect.html#inspect.iscoroutinefunction
 * @example
 * ```ts
 * function* worker(): asyncio.Coroutine<void> {}
 * console.log(asyncio.isCoroutineFunction(worker)); // true
 * console.log(asyncio.isCoroutineFunction(async () => {})); // false
 * ```
 */
export function isCoroutineFunction(value: unknown): value is CoroutineFunction {
  return typeof value === "function" && Object.getPrototypeOf(value) === GeneratorFunctionPrototype;
}

/** True for a coroutine, or a coroutine function. */
export function isCoroutineOrFunction(value: unknown): boolean {
  return isCoroutine(value) || isCoroutineFunction(value);
}
