/**
 * Python's async generators as generator functions that emit:
 *
 * | Python | asyncio-ts |
 * | --- | --- |
 * | `async def ticker(n): ...` | `function ticker(n: number) { return asyncio.asyncGenerator(function* (emit) { ... }); }` |
 * | `yield x` (`v = yield x`) | `yield* emit(x)` (`const v = yield* emit(x)`) |
 * | `await aw` | `yield* aw` |
 * | `await agen.__anext__()`, `asend(v)`, `athrow(e)` | `yield* agen.anext()`, `asend(v)`, `athrow(e)`: an IteratorResult, `done` where Python raises StopAsyncIteration |
 * | `await agen.aclose()` | `yield* agen.aclose()` |
 * | `await anext(agen, default)` | `yield* asyncio.anext(agen, default)` |
 * | `async for x in agen: ...` | `yield* asyncio.asyncFor(agen, function* (x) { ... })` |
 *
 * With CPython's semantics (3.13): `aclose()` throws GeneratorExit into the
 * body at its suspended `emit` so its `finally` blocks run (and may await),
 * and fails with "async generator ignored GeneratorExit" if the body emits
 * again; a second call while one runs fails with "anext(): asynchronous
 * generator is already running"; an error out of the body ends the
 * generator; `asyncFor` does not close a generator it leaves early, by
 * `break` (the body returning false) or by an error: the generator stays
 * suspended until `aclose()`, until the garbage collector frees it (the loop
 * then closes it in a Task of its own), or until the loop shuts down
 * (`loop.shutdownAsyncgens()`, which `run()` calls). `for await` from plain
 * async code closes it on `break`, as JavaScript's own async generators.
 *
 * Divergences: awaiting the same `anext()` coroutine twice gives `undefined`
 * the second time (a finished generator cannot tell; CPython raises "cannot
 * reuse already awaited"); a body may delegate to a helper that takes
 * `emit` (`yield* helper(emit)`), which Python cannot.
 */

import { AgenFrame, type EmitStep } from "./async-generator-frame.js";
import type { AsyncIterableLike, AsyncIteratorLike } from "./async-iteration.js";
import { forAwaitIterator } from "./for-await.js";
import {
  type Coroutine,
  type EventLoop,
  inspectCustom,
  named,
  type Yielded,
} from "./kernel/index.js";

declare const EMITTED: unique symbol;

/**
 * What a body yields when it emits `T` (only its type is seen: `yield* emit(x)` hands it over).
 *
 * @python no counterpart: the type-level mark of a Python `yield` inside an async generator — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
 * @example
 * ```ts
 * function* body(emit: asyncio.Emit<number>): Generator<asyncio.Emitted<number> | asyncio.Yielded, void> {
 *   yield* emit(1);
 * }
 * ```
 */
export interface Emitted<T> {
  /** The emitted value's type (a brand: nothing reads it at run time). */
  readonly [EMITTED]: T;
}

/**
 * The `emit` of an async generator's body, annotated: `yield* emit(x)` is
 * Python's `yield x`, and evaluates to what `asend()` sent (`undefined` for
 * `anext()`). `emit: Emit<number>` emits numbers only, `emit: Emit<number,
 * string>` also receives strings, and in a generic stage `emit: Emit<T>`
 * makes an `AsyncGenerator<T>`. A body that leaves `emit` unannotated gets
 * an `InferringEmit`, and its generator's type comes from what it emits.
 *
 * Not a conditional type: one on `T` stays unresolved while `T` is a type
 * parameter, and calling it gave `Emitted<unknown>`, so a generic stage's
 * generator was an `AsyncGenerator<unknown>`.
 *
 * @python no counterpart: Python's `yield x` inside an `async def` — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
 * @example
 * ```ts
 * const echo = asyncio.asyncGenerator(function* (emit: asyncio.Emit<string, string>) {
 *   let reply = yield* emit("ready");
 *   while (reply !== undefined) reply = yield* emit(`echo: ${reply}`);
 * });
 * function take<T>(n: number, src: asyncio.AsyncGenerator<T>): asyncio.AsyncGenerator<T> {
 *   return asyncio.asyncGenerator(function* take(emit: asyncio.Emit<T>) {
 *     let left = n;
 *     yield* asyncio.asyncFor(src, function* (x) {
 *       if (left-- <= 0) return false;
 *       yield* emit(x);
 *       return true;
 *     });
 *   });
 * }
 * ```
 */
export type Emit<T = unknown, S = undefined> = (
  value: T,
) => Generator<Emitted<T>, S | undefined, unknown>;

/**
 * The `emit` a body that does not annotate it receives: each call's value
 * gives its own type, and the generator's item type is the union of them.
 *
 * @python no counterpart: Python's `yield x` inside an `async def` — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
 * @example
 * ```ts
 * const mixed = asyncio.asyncGenerator(function* (emit) {
 *   yield* emit("a");
 *   yield* emit(1);
 * }); // asyncio.AsyncGenerator<string | number>
 * ```
 */
export type InferringEmit<S = undefined> = <X>(
  value: X,
) => Generator<Emitted<X>, S | undefined, unknown>;

/**
 * The values a body that yields `Y` emits.
 *
 * @python no counterpart: a TypeScript type operator over an async generator body — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
 * @example
 * ```ts
 * type Numbers = asyncio.EmittedBy<asyncio.Emitted<number> | asyncio.Yielded>; // number
 * ```
 */
export type EmittedBy<Y> = Y extends Emitted<infer T> ? T : never;

/**
 * A Python async generator: an async iterator (`aiter`/`anext`) with
 * `asend`, `athrow` and `aclose`, and a JavaScript AsyncIterable. Made by
 * `asyncGenerator()`.
 *
 * @python `collections.abc.AsyncGenerator` (what an `async def` with `yield` makes) — https://docs.python.org/3/library/collections.abc.html#collections.abc.AsyncGenerator
 * @example
 * ```ts
 * const ticks: asyncio.AsyncGenerator<number> = asyncio.asyncGenerator(function* ticks(emit) {
 *   for (let i = 0; ; i++) {
 *     yield* emit(i);
 *     yield* asyncio.sleep(1);
 *   }
 * });
 * console.log((yield* ticks.anext()).value); // 0
 * yield* ticks.aclose();
 * ```
 */
export class AsyncGenerator<T, S = undefined>
  implements AsyncIterableLike<T>, AsyncIteratorLike<T>, AsyncIterable<T, undefined, undefined>
{
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "AsyncGenerator");
  /**
   * The class name Python prints (`async_generator`); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(agen).__name__`, which no minifier renames — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
   * @example
   * ```ts
   * console.log(asyncio.AsyncGenerator.pythonName); // "async_generator"
   * ```
   */
  static readonly pythonName: string = "async_generator";
  /** @internal */ readonly _frame: AgenFrame;

  constructor(body: (emit: InferringEmit<S>) => Generator<unknown, void, unknown>) {
    this._frame = new AgenFrame(
      body as unknown as (emit: (value: unknown) => EmitStep) => unknown,
      body.name || "<anonymous>",
    );
  }

  /**
   * Python's `__aiter__`: the generator itself.
   *
   * @python `object.__aiter__` — https://docs.python.org/3/reference/datamodel.html#object.__aiter__
   * @example
   * ```ts
   * const it = ticks.aiter(); // ticks itself
   * ```
   */
  aiter(): this {
    return this;
  }

  /**
   * Python's `__anext__`: runs the body to its next emit; `done` once it has finished.
   *
   * Python raises StopAsyncIteration where this gives `{ done: true }`; `asyncio.anext(agen)` raises it.
   *
   * @python `agen.__anext__` — https://docs.python.org/3/reference/expressions.html#agen.__anext__
   * @example
   * ```ts
   * const first = yield* ticks.anext();
   * if (!first.done) console.log(first.value);
   * ```
   */
  anext(): Coroutine<IteratorResult<T, undefined>> {
    this._frame.initHooks(this);
    return this._frame.send(undefined, this) as Coroutine<IteratorResult<T, undefined>>;
  }

  /**
   * Resumes the body with `value` as the result of its `yield* emit(x)`.
   *
   * Gives what the body emits next, `done` once it finishes.
   *
   * @python `agen.asend` — https://docs.python.org/3/reference/expressions.html#agen.asend
   * @example
   * ```ts
   * yield* echo.anext(); // run to the first emit
   * const reply = yield* echo.asend("hello"); // { done: false, value: "echo: hello" }
   * ```
   */
  asend(value: S | undefined): Coroutine<IteratorResult<T, undefined>> {
    this._frame.initHooks(this);
    return this._frame.send(value, this) as Coroutine<IteratorResult<T, undefined>>;
  }

  /**
   * Throws `error` into the body at its suspended emit; gives what it emits next.
   *
   * @python `agen.athrow` — https://docs.python.org/3/reference/expressions.html#agen.athrow
   * @example
   * ```ts
   * yield* ticks.anext();
   * const next = yield* ticks.athrow(new Error("reset")); // the body may catch it and emit again
   * ```
   */
  athrow(error: unknown): Coroutine<IteratorResult<T, undefined>> {
    this._frame.initHooks(this);
    return this._frame.throwIn(error, this) as Coroutine<IteratorResult<T, undefined>>;
  }

  /**
   * Throws GeneratorExit into the body at its suspended emit and waits for it to finish.
   *
   * @python `agen.aclose` — https://docs.python.org/3/reference/expressions.html#agen.aclose
   * @example
   * ```ts
   * try {
   *   yield* asyncio.asyncFor(ticks, function* (i) {
   *     if (i === 3) return false; // break
   *     return true; // the next item
   *   });
   * } finally {
   *   yield* ticks.aclose(); // the body's finally blocks run now
   * }
   * ```
   */
  aclose(): Coroutine<void> {
    this._frame.initHooks(this);
    return this._frame.close(this);
  }

  /**
   * `for await (const x of agen)` in plain async code; `break` closes the generator.
   *
   * @python no counterpart: JavaScript's `for await`, Python's `async for` outside a coroutine — https://docs.python.org/3/reference/datamodel.html#object.__aiter__
   * @example
   * ```ts
   * async function printAll(agen: asyncio.AsyncGenerator<number>) {
   *   for await (const n of agen) console.log(n);
   * }
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T, undefined, undefined> {
    return forAwaitIterator(this, () => homeLoop(this._frame));
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr without the address: `<async_generator object ticker>`.
   *
   * @python `object.__repr__` (of an async generator) — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
   * @example
   * ```ts
   * console.log(String(ticks)); // <async_generator object ticks>
   * ```
   */
  toString(): string {
    return `<async_generator object ${this._frame.name}>`;
  }
}

function homeLoop(frame: AgenFrame): EventLoop | null {
  return frame._homeLoop;
}

/**
 * Python's `async def` with `yield`: `body` receives `emit`; `yield* emit(x)`
 * is `yield x`, `yield* aw` is `await aw`. The body runs on the first
 * `anext()`. Name the generator function to name the generator in reprs.
 *
 * @python `async def` with `yield` (an asynchronous generator function) — https://docs.python.org/3/reference/expressions.html#asynchronous-generator-functions
 * @example
 * ```ts
 * function ticker(n: number) {
 *   return asyncio.asyncGenerator(function* ticker(emit) {
 *     for (let i = 0; i < n; i++) {
 *       yield* emit(i);
 *       yield* asyncio.sleep(1);
 *     }
 *   });
 * }
 * yield* asyncio.asyncFor(ticker(3), function* (i) { console.log(i); });
 * ```
 */
export function asyncGenerator<Y extends Yielded | Emitted<unknown>, S = undefined>(
  body: (emit: InferringEmit<S>) => Generator<Y, void, unknown>,
): AsyncGenerator<EmittedBy<Y>, S> {
  return new AsyncGenerator<EmittedBy<Y>, S>(body);
}
