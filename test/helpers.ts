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
