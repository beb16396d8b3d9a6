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
        // A coroutine where its manager was meant: CPython names it 'coroutine' too.
        const coro = asyncio.sleep(1);
        out.push(String(yield* raised(asyncio.asyncWith(coro as never, function* () {}))));
        // A factory not called (asyncWith(asyncio.timeout, …)): 'function', as CPython says.
        out.push(
          String(yield* raised(asyncio.asyncWith(asyncio.timeout as never, function* () {}))),
        );
        return out;
      })(),
    );
    expect(errors).toEqual([
      "TypeError: 'Object' object does not support the asynchronous context manager protocol",
      "TypeError: 'int' object does not support the asynchronous context manager protocol",
      "TypeError: 'NoneType' object does not support the asynchronous context manager protocol",
      "TypeError: 'coroutine' object does not support the asynchronous context manager protocol",
      "TypeError: 'function' object does not support the asynchronous context manager protocol",
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

describe("this in a body (Python's self in a method's async with and async for)", () => {
  class Cache {
    lock = new asyncio.Lock();
    items = new Map<string, number>();
    *put(key: string, value: number): asyncio.Coroutine<boolean> {
      return yield* asyncio.asyncWith(
        this.lock,
        function* () {
          yield* asyncio.sleep(0.1);
          this.items.set(key, value);
          return this.lock.locked();
        },
        this,
      );
    }
    *load(source: AsyncIterable<[string, number]>): asyncio.Coroutine<void> {
      yield* asyncio.asyncFor(
        source,
        function* ([key, value]) {
          this.items.set(key, value);
        },
        this,
      );
    }
    *loadLines(reader: asyncio.StreamReader): asyncio.Coroutine<void> {
      yield* asyncio.asyncFor(
        reader,
        function* (line) {
          this.items.set(new TextDecoder().decode(line).trim(), this.items.size);
          return this.items.size < 4; // break once it holds four
        },
        this,
      );
    }
  }

  test("asyncWith's last argument is the body's this", async () => {
    const cache = new Cache();
    const lockedInside = await runVirtual(cache.put("a", 1));
    expect(lockedInside).toBe(true);
    expect(cache.items.get("a")).toBe(1);
    expect(cache.lock.locked()).toBe(false);
  });

  test("asyncFor's last argument is the body's this, over asyncio-ts and JavaScript iterables", async () => {
    const cache = new Cache();
    async function* pairs(): AsyncGenerator<[string, number]> {
      yield ["x", 1];
      yield ["y", 2];
    }
    await asyncio.run(
      (function* () {
        const reader = new asyncio.StreamReader();
        reader.feedData(new TextEncoder().encode("p\nq\nr\n"));
        reader.feedEof();
        yield* cache.load(pairs());
        yield* cache.loadLines(reader);
      })(),
    );
    expect([...cache.items]).toEqual([
      ["x", 1],
      ["y", 2],
      ["p", 2],
      ["q", 3],
    ]);
  });
});
