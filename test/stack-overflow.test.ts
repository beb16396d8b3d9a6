/**
 * A coroutine chain deeper than the stack (src/core/stack-overflow.ts): as
 * CPython raises RecursionError past its recursion limit, a Task whose
 * `yield*` chain overflows the host's stack ends with
 * `RecursionError: maximum recursion depth exceeded`. The chains here are far
 * deeper than any default stack allows (about 4,700 levels on Node's), so
 * they overflow wherever the test runs.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual } from "./helpers.js";

const TOO_DEEP = 1_000_000;

/** `depth` coroutines each awaiting the next; the innermost yields to the loop once. */
function* chain(depth: number): asyncio.Coroutine<number> {
  if (depth === 0) {
    yield* asyncio.sleep(0);
    return 0;
  }
  return (yield* chain(depth - 1)) + 1;
}

describe("RecursionError", () => {
  test("is Python's: a RuntimeError named RecursionError", () => {
    const e = new asyncio.RecursionError("maximum recursion depth exceeded");
    expect(e).toBeInstanceOf(asyncio.RuntimeError);
    expect(String(e)).toBe("RecursionError: maximum recursion depth exceeded");
  });

  test("a chain deeper than the stack ends its Task with RecursionError, the host's error as its cause", async () => {
    // CPython 3.13: `await chain(2000)` raises RecursionError('maximum recursion depth exceeded').
    const error = await runVirtual(chain(TOO_DEEP)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(asyncio.RecursionError);
    expect(String(error)).toBe("RecursionError: maximum recursion depth exceeded");
    expect((error as Error).cause).toBeInstanceOf(RangeError);
  });

  test("the Task's awaiter catches it; the chain's finally blocks ran on the way out", async () => {
    let unwound = 0;
    function* guarded(depth: number): asyncio.Coroutine<number> {
      try {
        return yield* chain(depth);
      } finally {
        unwound++;
      }
    }
    const seen = await runVirtual(
      (function* () {
        const task = asyncio.createTask(guarded(TOO_DEEP));
        try {
          yield* task;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) throw e;
          return [
            e instanceof asyncio.RecursionError,
            task.exception() === e,
            task.done() && !task.cancelled(),
          ];
        }
        return [];
      })(),
    );
    expect(seen).toEqual([true, true, true]);
    expect(unwound).toBe(1);
  });

  test("a chain that fits runs as before, and other RangeErrors stay RangeErrors", async () => {
    expect(await runVirtual(chain(1000))).toBe(1000);
    const error = await runVirtual(
      (function* () {
        yield* asyncio.sleep(0);
        return new Array(-1).length;
      })(),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(error).not.toBeInstanceOf(asyncio.RecursionError);
  });
});
