/** Shared test helpers: run a coroutine on a fresh virtual-time loop. */
import * as asyncio from "asyncio-ts";

/** Runs `main` with `asyncio.run` on a virtual clock. */
export function runVirtual<T>(main: asyncio.Coroutine<T>): Promise<T> {
  return asyncio.run(main, { virtualTime: true });
}

/** A new virtual-time loop, closed by the caller. */
export function virtualLoop(): asyncio.EventLoop {
  return new asyncio.EventLoop({ virtualTime: true });
}

/** An error class with a Python-like name, for tests that mirror CPython's. */
export class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

/** Sleeps `delay` seconds, then returns `value`. */
export function* sleepThen<T>(delay: number, value: T): asyncio.Coroutine<T> {
  yield* asyncio.sleep(delay);
  return value;
}

/** Sleeps `delay` seconds, then throws `error`. */
export function* failAfter(delay: number, error: unknown): asyncio.Coroutine<never> {
  yield* asyncio.sleep(delay);
  throw error;
}

/** Awaits `aw` and returns what it threw; fails the test if it did not throw. */
export function* raised(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<unknown> {
  try {
    yield* aw;
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
  } catch (e) {
    return e;
  }
  throw new Error("expected an exception");
}
