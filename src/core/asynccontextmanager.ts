/**
 * Python's `contextlib.asynccontextmanager`: an async context manager written
 * as an async generator that emits once. What comes before the emit is
 * `__aenter__`, the emitted value is the `as` value, and what comes after is
 * `__aexit__`; an error the body of `async with` raised is thrown in at the
 * emit, so the generator's `try`/`except`/`finally` around it sees it.
 */
import {
  type AsyncGenerator,
  asyncGenerator,
  type Emitted,
  type EmittedBy,
  type InferringEmit,
} from "./async-generator.js";
import type { AsyncContextManager } from "./async-with.js";
import { type Coroutine, RuntimeError, type Yielded } from "./kernel/index.js";

/**
 * An async context manager made of an async generator body that emits once, as
 * Python's `@contextlib.asynccontextmanager` makes one of an `async def` that
 * yields once. `aenter` runs the body to its emit and gives the emitted value;
 * `aexit` runs it on from there, or throws what the `asyncWith` body threw into
 * it at the emit: the error is suppressed if the generator catches it and ends,
 * and raised if it raises it (or another). As in CPython, a body that ends
 * without emitting raises `RuntimeError: generator didn't yield`, and one that
 * emits again `RuntimeError: generator didn't stop` (`… after athrow()`). Takes
 * the body (as `asyncGenerator` does) or an async generator already made. One
 * manager serves one `asyncWith`: make a new one each time, from a function, as
 * each call of a decorated Python function does.
 *
 * @python `contextlib.asynccontextmanager` — https://docs.python.org/3/library/contextlib.html#contextlib.asynccontextmanager
 * @example
 * ```ts
 * function opened(name: string) {
 *   return asyncio.asynccontextmanager(function* (emit) {
 *     yield* asyncio.sleep(0.1);
 *     try {
 *       yield* emit(name.toUpperCase());
 *     } finally {
 *       console.log("closed", name);
 *     }
 *   });
 * }
 *
 * yield* asyncio.asyncWith(opened("a"), function* (value) {
 *   console.log(value); // "A"
 * });
 * ```
 */
export function asynccontextmanager<Y extends Yielded | Emitted<unknown>>(
  body: (emit: InferringEmit) => Generator<Y, void, unknown>,
): AsyncContextManager<EmittedBy<Y>>;
export function asynccontextmanager<T>(agen: AsyncGenerator<T, unknown>): AsyncContextManager<T>;
export function asynccontextmanager(
  source:
    | AsyncGenerator<unknown, unknown>
    | ((emit: InferringEmit) => Generator<Yielded | Emitted<unknown>, void, unknown>),
): AsyncContextManager<unknown> {
  const gen = typeof source === "function" ? asyncGenerator(source) : source;
  return {
    *aenter(): Coroutine<unknown> {
      const first = yield* gen.anext();
      if (first.done) throw new RuntimeError("generator didn't yield");
      return first.value;
    },
    *aexit(exc?: unknown): Coroutine<boolean> {
      let next: IteratorResult<unknown, undefined>;
      if (exc === undefined) {
        next = yield* gen.anext();
        if (next.done) return false;
      } else {
        try {
          next = yield* gen.athrow(exc);
        } catch (e) {
          if (e === exc) return false; // re-raised: asyncWith raises it
          throw e;
        }
        if (next.done) return true; // caught and ended: suppressed
      }
      try {
        throw new RuntimeError(
          exc === undefined ? "generator didn't stop" : "generator didn't stop after athrow()",
        );
      } finally {
        yield* gen.aclose();
      }
    },
  };
}
