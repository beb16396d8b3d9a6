/**
 * `asyncWith`, Python's `async with`: what it says when it is given
 * something that is not an asynchronous context manager, or a body that is
 * not a generator function (an arrow or an `async` function, the usual
 * slips), where V8 alone would say "yield* (intermediate value) is not
 * iterable". Its ordinary work is pinned by the tests of what it enters
 * (locks, TaskGroup, timeouts) and by the conformance scenarios.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { raised, runVirtual } from "./helpers.js";

describe("what asyncWith refuses", () => {
  test("an object without aenter/aexit: CPython's TypeError for `async with object()`", async () => {
    const errors = await runVirtual(
      (function* () {
        const out: string[] = [];
        for (const bad of [{}, 5, undefined]) {
          out.push(String(yield* raised(asyncio.asyncWith(bad as never, function* () {}))));
        }
        return out;
      })(),
    );
    expect(errors).toEqual([
      "TypeError: 'Object' object does not support the asynchronous context manager protocol",
      "TypeError: 'int' object does not support the asynchronous context manager protocol",
      "TypeError: 'NoneType' object does not support the asynchronous context manager protocol",
    ]);
  });

  test("a body that returns no coroutine is named, and the manager still exits (the lock is released)", async () => {
    const [errors, locked] = await runVirtual(
      (function* () {
        const lock = new asyncio.Lock();
        const out: string[] = [];
        const bodies = [() => 3, async () => 3, () => {}];
        for (const body of bodies) {
          out.push(String(yield* raised(asyncio.asyncWith(lock, body as never))));
        }
        return [out, lock.locked()] as const;
      })(),
    );
    const start =
      "TypeError: asyncWith() body must be a generator function (function*); it returned";
    expect(errors).toEqual([`${start} 3`, `${start} <Promise object>`, `${start} undefined`]);
    expect(locked).toBe(false);
  });

  test("a body may be any function that returns a coroutine, not only a generator function", async () => {
    function* work(n: number): asyncio.Coroutine<number> {
      yield* asyncio.sleep(0);
      return n * 2;
    }
    const result = await runVirtual(asyncio.asyncWith(new asyncio.Lock(), () => work(21)));
    expect(result).toBe(42);
  });
});
