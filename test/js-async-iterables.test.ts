/**
 * `asyncFor` over JavaScript async iterables: `async function*` generators,
 * Node streams, `events.on`, hand-written iterators. They follow
 * JavaScript's `for await`: leaving early calls `return()`.
 */
import { EventEmitter, on } from "node:events";
import { Readable } from "node:stream";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";

describe("asyncFor over an async function*", () => {
  async function* letters(log: string[]) {
    try {
      for (const c of "abcd") {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield c;
      }
    } finally {
      log.push("finally");
    }
  }

  test("asyncFor gets every value in order, then the generator's finally runs", async () => {
    const log: string[] = [];
    await asyncio.run(
      asyncio.asyncFor(letters(log), function* (c) {
        log.push(c);
        yield* asyncio.sleep(0);
      }),
    );
    expect(log).toEqual(["a", "b", "c", "d", "finally"]);
  });

  test("break awaits return(): the generator's finally has run", async () => {
    const log: string[] = [];
    await asyncio.run(
      (function* () {
        yield* asyncio.asyncFor(letters(log), function* (c) {
          log.push(c);
          if (c === "b") return false;
        });
        log.push("after");
      })(),
    );
    expect(log).toEqual(["a", "b", "finally", "after"]);
  });

  test("an error in the body awaits return() and is re-raised, whatever return() does", async () => {
    const log: string[] = [];
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: 1 }),
        return: async () => {
          log.push("return");
          throw new Error("from return");
        },
      }),
    };
    const error = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.asyncFor(iterable, function* () {
            throw new asyncio.ValueError("from body");
          });
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(String(error)).toBe("ValueError: from body");
    expect(log).toEqual(["return"]);
  });
});

describe("asyncFor over Node's async iterables", () => {
  test("a Readable stream gives its chunks; break destroys it", async () => {
    const all: string[] = [];
    await asyncio.run(
      asyncio.asyncFor(Readable.from(["x", "y", "z"]), function* (chunk: string) {
        all.push(chunk);
      }),
    );
    expect(all).toEqual(["x", "y", "z"]);

    const stream = Readable.from(["x", "y", "z"]);
    await asyncio.run(
      asyncio.asyncFor(stream, function* () {
        return false;
      }),
    );
    expect(stream.destroyed).toBe(true);
  });

  test("events.on with an AbortSignal: abort ends the loop with its AbortError", async () => {
    const emitter = new EventEmitter();
    const controller = new AbortController();
    const seen: unknown[] = [];
    const error = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        loop.callLater(0.001, () => emitter.emit("x", 1));
        loop.callLater(0.002, () => emitter.emit("x", 2));
        loop.callLater(0.003, () => controller.abort());
        try {
          yield* asyncio.asyncFor(
            on(emitter, "x", { signal: controller.signal }),
            function* (args) {
              seen.push(args[0]);
            },
          );
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect((error as Error).name).toBe("AbortError");
    expect(emitter.listenerCount("x")).toBe(0);
  });

  test("cancelling the Task while it waits for next() calls return()", async () => {
    const emitter = new EventEmitter();
    let listening = 0;
    const error = await asyncio.run(
      (function* () {
        const task = asyncio.createTask(asyncio.asyncFor(on(emitter, "x"), function* () {}));
        yield* asyncio.sleep(0.001);
        listening = emitter.listenerCount("x");
        task.cancel("enough");
        try {
          yield* task;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(listening).toBe(1);
    expect(String(error)).toBe("CancelledError: enough");
    expect(emitter.listenerCount("x")).toBe(0);
  });
});

describe("asyncFor over hand-written async iterators", () => {
  test("next() may return plain results; an iterator without return() is left as it is", async () => {
    let i = 0;
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          (i < 3 ? { done: false, value: i++ } : { done: true, value: undefined }) as never,
      }),
    };
    const seen: number[] = [];
    await asyncio.run(
      asyncio.asyncFor(iterable, function* (x) {
        seen.push(x);
        if (x === 1) return false;
      }),
    );
    expect(seen).toEqual([0, 1]);
  });

  test("a result that is not an object is a TypeError", async () => {
    const iterable = {
      [Symbol.asyncIterator]: () => ({ next: async () => 5 }),
    } as unknown as AsyncIterable<number>;
    const error = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.asyncFor(iterable, function* () {});
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(error).toEqual(new TypeError("iterator.next() returned a non-object value"));
  });
});
