/**
 * Async generators (CPython's test_asyncgen.py and the asyncgen tests of
 * test_base_events.py): what the conformance scenarios (asyncgen_*) do not
 * pin: finalisation by the garbage collector, registration with the loop,
 * emit misuse, and `for await` from plain async code.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { collectGarbageUntil, raised, runVirtual } from "./helpers.js";

function counter(n: number, log: string[]) {
  return asyncio.asyncGenerator(function* counter(emit) {
    try {
      for (let i = 0; i < n; i++) yield* emit(i);
    } finally {
      yield* asyncio.sleep(0);
      log.push("finally");
    }
  });
}

describe("finalisation", () => {
  test("a suspended generator freed by the collector is closed in a Task of the loop", async () => {
    const log: string[] = [];
    // As test_base_events' leave_unfinalized_asyncgen: iterated partially, then dropped.
    function* start(): asyncio.Coroutine<void> {
      const agen = counter(5, log);
      log.push(`got ${(yield* agen.anext()).value}`);
    }
    await asyncio.run(
      (function* () {
        yield* start();
        expect(log).toEqual(["got 0"]);
        yield* collectGarbageUntil(() => log.includes("finally"));
        expect(log).toEqual(["got 0", "finally"]);
      })(),
    );
  });

  test("a generator that finished is not finalised or closed at shutdown", async () => {
    const log: string[] = [];
    const kept: unknown[] = [];
    await asyncio.run(
      (function* () {
        const agen = counter(1, log);
        kept.push(agen);
        yield* asyncio.asyncFor(agen, function* () {});
        expect(log).toEqual(["finally"]);
        expect(asyncio.getRunningLoop()._asyncgens?.takeAll()).toEqual([]);
      })(),
    );
    expect(log).toEqual(["finally"]);
  });

  test("first iterated outside a running loop, a generator is not registered", async () => {
    const log: string[] = [];
    const agen = counter(3, log);
    // eslint-disable-next-line asyncio-ts/no-floating-coroutine -- the call registers the generator (CPython's firstiter hook); the test is about that call
    agen.anext(); // the call registers (CPython's firstiter hook), not the await
    await runVirtual(
      (function* () {
        yield* asyncio.anext(agen);
      })(),
    );
    expect(log).toEqual([]);
  });

  test("shutdownAsyncgens with no generator takes no iteration", () => {
    const loop = new asyncio.EventLoop();
    expect(loop.shutdownAsyncgens().next().done).toBe(true);
    loop.close();
  });
});

describe("the body", () => {
  test("may delegate emitting to a helper that takes emit", async () => {
    function* twice(emit: asyncio.Emit<number>, n: number) {
      yield* emit(n);
      yield* asyncio.sleep(1);
      yield* emit(n);
    }
    const agen = asyncio.asyncGenerator(function* (emit) {
      yield* twice(emit, 1);
      yield* twice(emit, 2);
    });
    const seen: number[] = [];
    await runVirtual(
      asyncio.asyncFor(agen, function* (x) {
        seen.push(x);
      }),
    );
    expect(seen).toEqual([1, 1, 2, 2]);
  });

  test("emitting for another generator raises RuntimeError in the body", async () => {
    const outer = asyncio.asyncGenerator(function* outer(emitOuter) {
      const inner = asyncio.asyncGenerator(function* (_emit) {
        yield* emitOuter("wrong");
      });
      try {
        yield* asyncio.anext(inner);
      } catch (e) {
        yield* emitOuter(String(e));
      }
    });
    const got = await runVirtual(asyncio.anext(outer));
    expect(got).toBe("RuntimeError: emit() of another async generator");
  });

  test("emit outside its generator is refused by the Task", async () => {
    let stray: asyncio.Emit | undefined;
    const agen = asyncio.asyncGenerator(function* (emit) {
      stray = emit;
      yield* emit(1);
    });
    const error = await runVirtual(
      (function* () {
        yield* asyncio.anext(agen);
        const emit = stray!;
        const task = asyncio.createTask(
          (function* () {
            yield* emit(2);
          })() as asyncio.Coroutine<void>,
        );
        try {
          yield* task;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(String(error)).toBe(
      "RuntimeError: Task got bad yield: <emit() outside its async generator>",
    );
  });

  test("must be a generator function", () => {
    expect(() => asyncio.asyncGenerator((() => 1) as never)).toThrow(
      new TypeError("asyncGenerator() expects a generator function (function*)"),
    );
  });

  test("prints as CPython's repr without the address", () => {
    const named = asyncio.asyncGenerator(function* ticker(emit) {
      yield* emit(1);
    });
    const anonymous = asyncio.asyncGenerator(function* (emit) {
      yield* emit(1);
    });
    expect(String(named)).toBe("<async_generator object ticker>");
    expect(String(anonymous)).toBe("<async_generator object <anonymous>>");
  });

  test("its anext() is a coroutine: createTask and gather take it", async () => {
    const log: string[] = [];
    const agen = counter(3, log);
    const got = await runVirtual(
      (function* () {
        const first = yield* asyncio.createTask(agen.anext());
        const second = yield* asyncio.gather(agen.anext());
        return [first, ...second];
      })(),
    );
    expect(got).toEqual([
      { done: false, value: 0 },
      { done: false, value: 1 },
    ]);
  });
});

describe("aclosing", () => {
  test("closes the generator on the way out of asyncWith, after a break", async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        yield* asyncio.asyncWith(asyncio.aclosing(counter(5, log)), function* (agen) {
          yield* asyncio.asyncFor(agen, function* (i) {
            log.push(`got ${i}`);
            if (i === 1) return false;
          });
        });
        log.push("after");
      })(),
    );
    expect(log).toEqual(["got 0", "got 1", "finally", "after"]);
  });
});

describe("anext and asyncFor", () => {
  test("anext refuses what is not an async iterator, at the call", () => {
    expect(() => asyncio.anext(1 as never)).toThrow(
      new TypeError("'int' object is not an async iterator"),
    );
  });

  test("asyncFor refuses what is not an async iterable", async () => {
    const errors = await runVirtual(
      (function* () {
        const out: unknown[] = [];
        for (const bad of [[1, 2], { aiter: () => 5 }]) {
          try {
            yield* asyncio.asyncFor(bad as never, function* () {});
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
          } catch (e) {
            out.push(String(e));
          }
        }
        return out;
      })(),
    );
    expect(errors).toEqual([
      "TypeError: 'async for' requires an object with __aiter__ method, got Array",
      "TypeError: 'async for' received an object from __aiter__ that does not implement __anext__: int",
    ]);
  });

  test("a body that returns no coroutine is named, over an asyncio-ts iterable and a JavaScript one", async () => {
    async function* js(): AsyncGenerator<number> {
      yield 1;
    }
    const errors = await runVirtual(
      (function* () {
        const out: string[] = [];
        for (const iterable of [counter(2, []), js()]) {
          out.push(String(yield* raised(asyncio.asyncFor(iterable, (() => {}) as never))));
        }
        return out;
      })(),
    );
    const message =
      "TypeError: asyncFor() body must be a generator function (function*); it returned undefined";
    expect(errors).toEqual([message, message]);
  });
});

describe("for await from plain async code", () => {
  async function collect<T>(iterable: AsyncIterable<T>, stopAt?: (x: T) => boolean): Promise<T[]> {
    const out: T[] = [];
    await Promise.resolve(); // from here on, no loop is running: the iterable's own is used
    for await (const x of iterable) {
      out.push(x);
      if (stopAt?.(x)) break;
    }
    return out;
  }

  test("yields the emitted values; break closes the generator", async () => {
    const log: string[] = [];
    const got = await asyncio.run(
      (function* () {
        const agen = counter(5, log);
        const values = yield* asyncio.fromPromise(collect(agen, (x) => x === 2));
        log.push("after");
        return values;
      })(),
    );
    expect(got).toEqual([0, 1, 2]);
    expect(log).toEqual(["finally", "after"]);
  });

  test("an error in the loop body closes the generator too (JavaScript's for await)", async () => {
    const log: string[] = [];
    const error = await asyncio.run(
      (function* () {
        const agen = counter(5, log);
        const consume = async (): Promise<void> => {
          for await (const x of agen) if (x === 1) throw new Error("body");
        };
        try {
          yield* asyncio.fromPromise(consume());
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(String(error)).toBe("Error: body");
    expect(log).toEqual(["finally"]);
  });

  test("asCompleted yields the Futures and Tasks, as asyncFor does", async () => {
    const got = await asyncio.run(
      (function* () {
        const slow = asyncio.createTask(asyncio.sleep(0.02, "slow"));
        const fast = asyncio.createTask(asyncio.sleep(0.01, "fast"));
        const done = yield* asyncio.fromPromise(collect(asyncio.asCompleted([slow, fast])));
        return done.map((f) => [f === slow || f === fast, f.result()]);
      })(),
    );
    expect(got).toEqual([
      [true, "fast"],
      [true, "slow"],
    ]);
  });

  test("a StreamReader yields its lines", async () => {
    const got = await asyncio.run(
      (function* () {
        const reader = new asyncio.StreamReader();
        asyncio.getRunningLoop().callLater(0.01, () => {
          reader.feedData(new TextEncoder().encode("one\ntwo\nthr"));
          reader.feedData(new TextEncoder().encode("ee"));
          reader.feedEof();
        });
        const lines = yield* asyncio.fromPromise(collect(reader));
        return lines.map((l) => new TextDecoder().decode(l));
      })(),
    );
    expect(got).toEqual(["one\n", "two\n", "three"]);
  });

  test("works under an eager task factory", async () => {
    const log: string[] = [];
    const got = await asyncio.run(
      (function* () {
        asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
        return yield* asyncio.fromPromise(collect(counter(3, log)));
      })(),
    );
    expect(got).toEqual([0, 1, 2]);
    expect(log).toEqual(["finally"]);
  });

  test("with no running loop, next() rejects with RuntimeError", async () => {
    const agen = counter(3, []);
    await expect(collect(agen)).rejects.toThrow(new asyncio.RuntimeError("no running event loop"));
    await expect(
      collect(new asyncio.StreamReader(undefined, { loop: new asyncio.EventLoop() })),
    ).rejects.toThrow(new asyncio.RuntimeError("no running event loop"));
  });
});
