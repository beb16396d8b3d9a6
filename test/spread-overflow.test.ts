/**
 * The stack overflow of a spread told from deep recursion (kernel/stack-overflow.ts):
 * a Task that overflows by a spread fails with a RangeError saying to use gather.from.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { isSpreadOverflow, SPREAD_OVERFLOW_HINT } from "../src/core/kernel/index.js";
import { runVirtual } from "./helpers.js";

function* child(i: number): asyncio.Coroutine<number> {
  yield* asyncio.sleep(0);
  return i;
}

function depth(n: number): number {
  return n === 0 ? 0 : 1 + depth(n - 1);
}

/**
 * What a Task running `body` over 200,000 coroutines fails with; the
 * coroutines gather never took are closed after.
 */
function failureOf(
  body: (coros: asyncio.Coroutine<number>[]) => asyncio.Coroutine<unknown>,
): Promise<unknown> {
  return runVirtual(
    (function* () {
      const coros = Array.from({ length: 200_000 }, (_, i) => child(i));
      const task = asyncio.createTask(body(coros));
      yield* asyncio.wait([task]);
      for (const c of coros) c.return(0);
      return task.exception();
    })(),
  );
}

describe("isSpreadOverflow", () => {
  test("gather(...aws) of 200,000 in a Task fails with a RangeError that says to use gather.from", async () => {
    const error = await failureOf(function* (coros) {
      return yield* asyncio.gather(...coros);
    });
    expect(error).toBeInstanceOf(RangeError);
    expect(error).not.toBeInstanceOf(asyncio.RecursionError);
    expect((error as Error).message).toBe(
      `Maximum call stack size exceeded: ${SPREAD_OVERFLOW_HINT}`,
    );
    expect(SPREAD_OVERFLOW_HINT).toContain("gather.from(aws)");
    expect(isSpreadOverflow((error as Error).cause)).toBe(true);
  });

  test("a spread two anonymous coroutines below the Task is still a spread, not recursion", async () => {
    // Each anonymous generator adds an engine frame `Generator.next (<anonymous>)`:
    // two of them repeat a line, as recursion does, though no code recursed.
    const error = await failureOf(function* (coros) {
      return yield* (function* () {
        return yield* asyncio.gather(...coros);
      })();
    });
    expect(error).toBeInstanceOf(RangeError);
    expect(error).not.toBeInstanceOf(asyncio.RecursionError);
    expect((error as Error).message).toBe(
      `Maximum call stack size exceeded: ${SPREAD_OVERFLOW_HINT}`,
    );
  });

  test("deep recursion is not a spread", () => {
    let error: unknown;
    try {
      depth(1e7);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(isSpreadOverflow(error)).toBe(false);
  });

  test("other errors are not overflows", () => {
    expect(isSpreadOverflow(new RangeError("Invalid array length"))).toBe(false);
    expect(isSpreadOverflow(new Error("Maximum call stack size exceeded"))).toBe(false);
  });
});
