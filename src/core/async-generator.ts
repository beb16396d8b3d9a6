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
import { type Coroutine, type EventLoop, inspectCustom, type Yielded } from "./kernel/index.js";

declare const EMITTED: unique symbol;

/** What a body yields when it emits `T` (only its type is seen: `yield* emit(x)` hands it over). */
export interface Emitted<T> {
  readonly [EMITTED]: T;
}

/**
 * The `emit` an async generator's body receives: `yield* emit(x)` is
 * Python's `yield x`, and evaluates to what `asend()` sent (`undefined` for
 * `anext()`). Annotate the parameter to fix the types: `emit: Emit<number>`
 * emits numbers only, `emit: Emit<number, string>` also receives strings.
 */
export type Emit<T = unknown, S = undefined> = unknown extends T
  ? <X>(value: X) => Generator<Emitted<X>, S | undefined, unknown>
  : (value: T) => Generator<Emitted<T>, S | undefined, unknown>;

/** The values a body that yields `Y` emits. */
export type EmittedBy<Y> = Y extends Emitted<infer T> ? T : never;

/**
 * A Python async generator: an async iterator (`aiter`/`anext`) with
 * `asend`, `athrow` and `aclose`, and a JavaScript AsyncIterable. Made by
 * `asyncGenerator()`.
 */
export class AsyncGenerator<T, S = undefined>
  implements AsyncIterableLike<T>, AsyncIteratorLike<T>, AsyncIterable<T, undefined, undefined>
{
  static readonly pythonName: string = "async_generator";
  /** @internal */ readonly _frame: AgenFrame;

  constructor(body: (emit: Emit<unknown, S>) => Generator<unknown, void, unknown>) {
    this._frame = new AgenFrame(
      body as unknown as (emit: (value: unknown) => EmitStep) => unknown,
      body.name || "<anonymous>",
    );
  }

  /** Python's `__aiter__`: the generator itself. */
  aiter(): this {
    return this;
  }

  /** Python's `__anext__`: runs the body to its next emit; `done` once it has finished. */
  anext(): Coroutine<IteratorResult<T, undefined>> {
    this._frame.initHooks(this);
    return this._frame.send(undefined, this) as Coroutine<IteratorResult<T, undefined>>;
  }

  /** Resumes the body with `value` as the result of its `yield* emit(x)`. */
  asend(value: S | undefined): Coroutine<IteratorResult<T, undefined>> {
    this._frame.initHooks(this);
    return this._frame.send(value, this) as Coroutine<IteratorResult<T, undefined>>;
  }

  /** Throws `error` into the body at its suspended emit; gives what it emits next. */
  athrow(error: unknown): Coroutine<IteratorResult<T, undefined>> {
    this._frame.initHooks(this);
    return this._frame.throwIn(error, this) as Coroutine<IteratorResult<T, undefined>>;
  }

  /** Throws GeneratorExit into the body at its suspended emit and waits for it to finish. */
  aclose(): Coroutine<void> {
    this._frame.initHooks(this);
    return this._frame.close(this);
  }

  /** `for await (const x of agen)` in plain async code; `break` closes the generator. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T, undefined, undefined> {
    return forAwaitIterator(this, () => homeLoop(this._frame));
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /** CPython's repr without the address: `<async_generator object ticker>`. */
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
 * @example
 * function ticker(n: number) {
 *   return asyncio.asyncGenerator(function* ticker(emit) {
 *     for (let i = 0; i < n; i++) {
 *       yield* emit(i);
 *       yield* asyncio.sleep(1);
 *     }
 *   });
 * }
 * yield* asyncio.asyncFor(ticker(3), function* (i) { console.log(i); });
 */
export function asyncGenerator<Y extends Yielded | Emitted<unknown>, S = undefined>(
  body: (emit: Emit<unknown, S>) => Generator<Y, void, unknown>,
): AsyncGenerator<EmittedBy<Y>, S> {
  return new AsyncGenerator<EmittedBy<Y>, S>(body);
}
