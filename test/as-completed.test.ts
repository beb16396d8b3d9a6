import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failAfter, failureOf, runVirtual, sleepThen, untyped } from "./helpers.js";

function* sleeper<T>(delay: number, value: T, log?: string[]): asyncio.Coroutine<T> {
  yield* asyncio.sleep(delay);
  log?.push(`done ${String(value)}`);
  return value;
}

/** The two ways of iterating, collecting what `yield*` of each item gives. */
const iterations = {
  *plain<T>(it: asyncio.AsCompleted<T>): asyncio.Coroutine<T[]> {
    const values: T[] = [];
    for (const next of it) values.push(yield* next);
    return values;
  },
  *async<T>(it: asyncio.AsCompleted<T>): asyncio.Coroutine<T[]> {
    const values: T[] = [];
    yield* asyncio.asyncFor(it, function* (f) {
      values.push(yield* f);
    });
    return values;
  },
};

describe.each(["plain", "async"] as const)("%s iteration", (how) => {
  const iterate = iterations[how];

  test("test_as_completed: gives the results in completion order", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const got = yield* iterate(
          asyncio.asCompleted([sleeper(0.01, "b"), sleeper(0.15, "c"), sleeper(0.01, "a")]),
        );
        return { got, time: loop.time() };
      })(),
    );
    // a and b finish together; ties go to creation order.
    expect(out.got).toEqual(["b", "a", "c"]);
    expect(out.time).toBeCloseTo(0.15, 9);
  });

  test("test_as_completed_with_timeout: a timeout makes the remaining waits raise TimeoutError without cancelling", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(asyncio.sleep(0.1, "a"));
        const b = asyncio.createTask(asyncio.sleep(0.15, "b"));
        const values: unknown[] = [];
        const it = asyncio.asCompleted([a, b], { timeout: 0.12 });
        if (how === "plain") {
          for (const next of it) {
            try {
              values.push(yield* next);
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
            } catch (e) {
              values.push(e);
            }
          }
        } else {
          try {
            yield* asyncio.asyncFor(it, function* (f) {
              values.push(yield* f);
            });
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
          } catch (e) {
            values.push(e);
          }
        }
        const time = loop.time();
        const bCancelled = b.cancelled();
        const bResult = yield* b;
        return { values, time, bCancelled, bResult, end: loop.time() };
      })(),
    );
    expect(out.values).toHaveLength(2);
    expect(out.values[0]).toBe("a");
    expect(out.values[1]).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.time).toBeCloseTo(0.12, 9);
    expect(out.bCancelled).toBe(false);
    expect(out.bResult).toBe("b");
    expect(out.end).toBeCloseTo(0.15, 9);
  });

  test("test_as_completed_with_unused_timeout: an unused timeout does not fire", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const got = yield* iterate(asyncio.asCompleted([asyncio.sleep(0.01, "a")], { timeout: 1 }));
        // The timer was cancelled: waiting past it changes nothing and nothing is pending.
        yield* asyncio.sleep(2);
        return { got, time: loop.time() };
      })(),
    );
    expect(out.got).toEqual(["a"]);
    expect(out.time).toBeCloseTo(2.01, 9);
  });

  test("timeout: null is Python's timeout=None: no limit", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const got = yield* iterate(
          asyncio.asCompleted([asyncio.sleep(1000, "a")], { timeout: null }),
        );
        return { got, time: loop.time() };
      })(),
    );
    expect(out).toEqual({ got: ["a"], time: 1000 });
  });

  test("test_as_completed_duplicate_coroutines: duplicates are removed", async () => {
    const got = await runVirtual(
      (function* () {
        const c = sleeper(0, "ham");
        const f = asyncio.createTask(sleeper(1, "eggs"));
        return yield* iterate(asyncio.asCompleted([c, c, sleeper(0.5, "spam"), f, f]));
      })(),
    );
    expect(got).toEqual(["ham", "spam", "eggs"]);
  });

  test("test_as_completed_resume_iterator: the iterator can be resumed after breaking out", async () => {
    const got = await runVirtual(
      (function* () {
        const it = asyncio.asCompleted([0, 1, 2, 3].map((i) => sleeper(i, i)));
        const collected: number[] = [];
        if (how === "plain") {
          for (const next of it) {
            collected.push(yield* next);
            if (collected.length === 2) break;
          }
        } else {
          yield* asyncio.asyncFor(it, function* (f) {
            collected.push(yield* f);
            return collected.length < 2;
          });
        }
        expect(collected).toHaveLength(2);
        collected.push(...(yield* iterate(it)));
        return collected;
      })(),
    );
    expect(got).toEqual([0, 1, 2, 3]);
  });

  test("an error is raised by the wait that gets its turn", async () => {
    const out = await runVirtual(
      (function* () {
        const boom = new asyncio.ValueError("boom");
        const values: unknown[] = [];
        const it = asyncio.asCompleted([sleeper(2, "late"), failAfter(1, boom)]);
        if (how === "plain") {
          for (const next of it) {
            try {
              values.push(yield* next);
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
            } catch (e) {
              values.push(e);
            }
          }
        } else {
          yield* asyncio.asyncFor(it, function* (f) {
            try {
              values.push(yield* f);
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
            } catch (e) {
              values.push(e);
            }
          });
        }
        return { values, boom };
      })(),
    );
    expect(out.values).toEqual([out.boom, "late"]);
    expect(out.values[0]).toBe(out.boom);
  });

  test("an empty iterable gives nothing", async () => {
    const got = await runVirtual(
      (function* () {
        return yield* iterate(asyncio.asCompleted([]));
      })(),
    );
    expect(got).toEqual([]);
  });
});

describe("plain iteration", () => {
  test("test_as_completed_reverse_wait: the i-th awaited coroutine gives the i-th completed result", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const futs = [...asyncio.asCompleted([asyncio.sleep(0.05, "a"), asyncio.sleep(0.1, "b")])];
        expect(futs).toHaveLength(2);
        const x = yield* futs[1]!;
        const tx = loop.time();
        const y = yield* futs[0]!;
        return { x, tx, y, ty: loop.time() };
      })(),
    );
    expect(out.x).toBe("a");
    expect(out.tx).toBeCloseTo(0.05, 9);
    expect(out.y).toBe("b");
    expect(out.ty).toBeCloseTo(0.1, 9);
  });

  test("test_as_completed_concurrent: the coroutines can be awaited concurrently", async () => {
    const got = await runVirtual(
      (function* () {
        const futs = [...asyncio.asCompleted([asyncio.sleep(0.05, "a"), asyncio.sleep(0.05, "b")])];
        const tasks = futs.map((f) => asyncio.createTask(f));
        return yield* asyncio.gather(...tasks);
      })(),
    );
    expect(got.sort()).toEqual(["a", "b"]);
  });

  test("the awaitables are wrapped at call time, before iterating", async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        const it = asyncio.asCompleted([sleeper(1, "x", log)]);
        yield* asyncio.sleep(2);
        expect(log).toEqual(["done x"]);
        for (const next of it) expect(yield* next).toBe("x");
      })(),
    );
    expect(log).toEqual(["done x"]);
  });
});

describe("async iteration (3.13)", () => {
  test("test_as_completed_same_tasks_in_as_out: yields the original Tasks and Futures, and wrapping Tasks for coroutines", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<string>();
        loop.callLater(0.5, () => fut.setResult("future"));
        const task = asyncio.createTask(sleeper(1, "task"));
        const coro = sleeper(0.2, "coro");
        const items: unknown[] = [];
        yield* asyncio.asyncFor(asyncio.asCompleted([task, coro, fut]), function* (f) {
          items.push(f);
        });
        return { items, task, fut, coro };
      })(),
    );
    expect(out.items).toHaveLength(3);
    const [first, second, third] = out.items as asyncio.Future<string>[];
    expect(first).toBeInstanceOf(asyncio.Task);
    expect(first).not.toBe(out.coro);
    expect(first!.result()).toBe("coro");
    expect(second).toBe(out.fut);
    expect(third).toBe(out.task);
  });

  test("anext() gives IteratorResults and then done", async () => {
    const out = await runVirtual(
      (function* () {
        const a = asyncio.createTask(sleeper(2, "a"));
        const b = asyncio.createTask(sleeper(1, "b"));
        const it = asyncio.asCompleted([a, b]).aiter();
        const r1 = yield* it.anext();
        const r2 = yield* it.anext();
        const r3 = yield* it.anext();
        return { a, b, r1, r2, r3 };
      })(),
    );
    expect(out.r1.done).toBe(false);
    expect(out.r1.value).toBe(out.b);
    expect(out.r2.value).toBe(out.a);
    expect(out.r3).toEqual({ done: true, value: undefined });
  });

  test("returning false from the body breaks out of asyncFor", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const seen: string[] = [];
        const tasks = [3, 1, 2].map((d) => asyncio.createTask(sleeper(d, `t${d}`)));
        yield* asyncio.asyncFor(asyncio.asCompleted(tasks), function* (t) {
          seen.push(t.result());
          return false;
        });
        const time = loop.time();
        // The others are not cancelled by breaking out.
        const states = tasks.map((t) => t.cancelled());
        return { seen, time, states };
      })(),
    );
    expect(out.seen).toEqual(["t1"]);
    expect(out.time).toBe(1);
    expect(out.states).toEqual([false, false, false]);
  });

  test("a timeout is raised by anext()", async () => {
    const err = await runVirtual(
      (function* () {
        const it = asyncio.asCompleted([asyncio.createTask(asyncio.sleep(5))], { timeout: 1 });
        try {
          yield* it.anext();
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          return e;
        }
        return undefined;
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.TimeoutError);
  });
});

describe("test_as_completed_invalid_args: invalid arguments", () => {
  test("a single Future, Task, coroutine or Promise is refused with TypeError", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const task = asyncio.createTask(asyncio.sleep(0));
        const coro = sleeper(0, 1);
        const cases: [string, unknown][] = [
          ["Future", loop.createFuture()],
          ["Task", task],
          ["coroutine", coro],
          ["Promise", Promise.resolve(1)],
        ];
        const messages: [string, string][] = [];
        for (const [name, aw] of cases) {
          try {
            asyncio.asCompleted(aw as Iterable<asyncio.Future<unknown>>);
            messages.push([name, "no error"]);
          } catch (e) {
            expect(e).toBeInstanceOf(TypeError);
            messages.push([name, (e as Error).message]);
          }
        }
        coro.return(undefined as never);
        yield* task;
        return messages;
      })(),
    );
    expect(out).toEqual([
      ["Future", "expects an iterable of awaitables, not Future"],
      ["Task", "expects an iterable of awaitables, not Task"],
      ["coroutine", "expects an iterable of awaitables, not coroutine"],
      ["Promise", "expects an iterable of awaitables, not Promise"],
    ]);
  });
});

test("any iterator of awaitables is accepted, as CPython takes as_completed(iter(tasks))", async () => {
  const out = await runVirtual(
    (function* () {
      const tasks = [2, 1].map((i) => asyncio.createTask(sleepThen(i, i)));
      const got: number[] = [];
      for (const next of asyncio.asCompleted(tasks.values())) got.push(yield* next);
      const fromSet: number[] = [];
      for (const next of asyncio.asCompleted(new Set(tasks).values())) fromSet.push(yield* next);
      return { got, fromSet };
    })(),
  );
  expect(out.got).toEqual([1, 2]);
  expect(out.fromSet.sort()).toEqual([1, 2]);
});

test("a single value where the iterable goes names Python's type ('int', 'coroutine'), as CPython's message does", async () => {
  const out = await runVirtual(
    (function* () {
      const coro = sleepThen(0, "x");
      const messages = [42, coro].map((bad) => {
        try {
          asyncio.asCompleted(bad as never);
          return "accepted";
        } catch (e) {
          return (e as Error).message;
        }
      });
      yield* coro;
      return messages;
    })(),
  );
  expect(out).toEqual([
    "expects an iterable of awaitables, not int",
    "expects an iterable of awaitables, not coroutine",
  ]);
});

test("asCompleted's options: a number where the options object goes, a timeout that is not a number", async () => {
  const out = await runVirtual(
    (function* () {
      const t = asyncio.createTask(sleepThen(1, "x"));
      const result = [
        // Python's as_completed() takes timeout by keyword only; the number was once ignored.
        yield* failureOf(() => asyncio.asCompleted([t], untyped(1)).anext()),
        yield* failureOf(() => asyncio.asCompleted([t], { timeout: untyped("1") }).anext()),
      ];
      // null is no timeout, as Python's None.
      for (const next of asyncio.asCompleted([t], { timeout: untyped(null) }))
        result.push(yield* next);
      return result;
    })(),
  );
  expect(out).toEqual([
    "TypeError: asCompleted() options must be an object, not 1",
    "TypeError: asCompleted() argument 'timeout' must be a number or null, not '1'",
    "x",
  ]);
});
