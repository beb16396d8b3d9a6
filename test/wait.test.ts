import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import {
  failAfter,
  failureOf,
  raised,
  runVirtual,
  sleepThen,
  untyped,
  ZeroDivisionError,
} from "./helpers.js";

describe("return modes", () => {
  test("test_wait: ALL_COMPLETED waits for every future, twice without waiting", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(0.1, "a"));
        const b = asyncio.createTask(sleepThen(0.15, "b"));
        const [done, pending] = yield* asyncio.wait([b, a]);
        const t1 = loop.time();
        const [done2] = yield* asyncio.wait([b, a]);
        return {
          done: [done.has(a), done.has(b), done.size],
          pending: pending.size,
          t1,
          t2: loop.time(),
          done2: done2.size,
        };
      })(),
    );
    expect(out).toEqual({ done: [true, true, 2], pending: 0, t1: 0.15, t2: 0.15, done2: 2 });
  });

  test("test_wait_with_exception: errors do not raise, they are in done", async () => {
    const out = await runVirtual(
      (function* () {
        const a = asyncio.createTask(sleepThen(0.1, "a"));
        const b = asyncio.createTask(failAfter(0.15, new ZeroDivisionError("really")));
        const [done, pending] = yield* asyncio.wait([b, a]);
        const errors = [...done].filter((f) => f.exception() !== undefined);
        return { done: done.size, pending: pending.size, errors: errors.length };
      })(),
    );
    expect(out).toEqual({ done: 2, pending: 0, errors: 1 });
  });

  test("test_wait_duplicate_coroutines: duplicates count once", async () => {
    const out = await runVirtual(
      (function* () {
        const c = asyncio.createTask(sleepThen(0, "test"));
        const [done, pending] = yield* asyncio.wait([
          c,
          c,
          asyncio.createTask(sleepThen(0, "spam")),
        ]);
        return { results: [...done].map((f) => f.result()).sort(), pending: pending.size };
      })(),
    );
    expect(out).toEqual({ results: ["spam", "test"], pending: 0 });
  });

  test("test_wait_first_completed: FIRST_COMPLETED returns at the first completion, others keep running", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(10, "a"));
        const b = asyncio.createTask(sleepThen(0.1, "b"));
        const [done, pending] = yield* asyncio.wait([b, a], {
          returnWhen: asyncio.FIRST_COMPLETED,
        });
        const snapshot = {
          done: done.has(b) && done.size === 1,
          pending: pending.has(a) && pending.size === 1,
          aDone: a.done(),
          time: loop.time(),
        };
        return { ...snapshot, a: yield* a };
      })(),
    );
    expect(out).toEqual({ done: true, pending: true, aDone: false, time: 0.1, a: "a" });
  });

  test("test_wait_really_done: FIRST_COMPLETED includes futures done in the same iteration", async () => {
    const out = await runVirtual(
      (function* () {
        const a = asyncio.createTask(
          (function* () {
            yield* asyncio.sleep(0);
          })(),
        );
        const b = asyncio.createTask(
          (function* () {
            yield* asyncio.sleep(0);
            yield* asyncio.sleep(0);
          })(),
        );
        const [done, pending] = yield* asyncio.wait([b, a], {
          returnWhen: asyncio.FIRST_COMPLETED,
        });
        return { done: done.size, pending: pending.size };
      })(),
    );
    expect(out).toEqual({ done: 2, pending: 0 });
  });

  test("test_wait_first_exception: FIRST_EXCEPTION returns at once when a future already failed", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(10, "a"));
        const b = asyncio.createTask(
          (function* () {
            throw new ZeroDivisionError("err");
          })(),
        );
        const [done, pending] = yield* asyncio.wait([b, a], {
          returnWhen: asyncio.FIRST_EXCEPTION,
        });
        a.cancel();
        return { b: done.has(b) && done.size === 1, a: pending.has(a), time: loop.time() };
      })(),
    );
    expect(out).toEqual({ b: true, a: true, time: 0 });
  });

  test("test_wait_first_exception_in_wait: FIRST_EXCEPTION returns at a failure during the wait", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(10, "a"));
        const b = asyncio.createTask(failAfter(0.01, new ZeroDivisionError("err")));
        const [done, pending] = yield* asyncio.wait([b, a], {
          returnWhen: asyncio.FIRST_EXCEPTION,
        });
        a.cancel();
        return { b: done.has(b), a: pending.has(a), time: loop.time() };
      })(),
    );
    expect(out).toEqual({ b: true, a: true, time: 0.01 });
  });

  test("FIRST_EXCEPTION does not count a cancellation as an exception", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(2, "a"));
        const c = asyncio.createTask(sleepThen(5, "c"));
        c.cancel();
        const [done, pending] = yield* asyncio.wait([a, c], {
          returnWhen: asyncio.FIRST_EXCEPTION,
        });
        return { done: done.size, pending: pending.size, time: loop.time() };
      })(),
    );
    expect(out).toEqual({ done: 2, pending: 0, time: 2 });
  });

  test("test_wait_with_iterator_of_tasks: an iterator of tasks is accepted", async () => {
    const out = await runVirtual(
      (function* () {
        const a = asyncio.createTask(sleepThen(0.1, "a"));
        const b = asyncio.createTask(sleepThen(0.15, "b"));
        const [done, pending] = yield* asyncio.wait([b, a].values());
        return { done: done.size, pending: pending.size };
      })(),
    );
    expect(out).toEqual({ done: 2, pending: 0 });
  });

  test("the sets keep the argument order", async () => {
    const out = await runVirtual(
      (function* () {
        const ts = [3, 1, 2].map((d) => asyncio.createTask(sleepThen(d, d)));
        const [done] = yield* asyncio.wait(ts);
        return [...done].map((f) => f.result());
      })(),
    );
    expect(out).toEqual([3, 1, 2]);
  });
});

describe("timeout", () => {
  test("test_wait_with_timeout: returns at the deadline without raising or cancelling", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(0.1, "a"));
        const b = asyncio.createTask(sleepThen(0.15, "b"));
        const [done, pending] = yield* asyncio.wait([b, a], { timeout: 0.11 });
        const snapshot = {
          a: done.has(a),
          b: pending.has(b),
          bCancelled: b.cancelled(),
          time: loop.time(),
        };
        return { ...snapshot, b2: yield* b };
      })(),
    );
    expect(out).toEqual({ a: true, b: true, bCancelled: false, time: 0.11, b2: "b" });
  });

  test("timeout: null is Python's timeout=None: no limit", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(1000, "a"));
        const [done, pending] = yield* asyncio.wait([a], { timeout: null });
        return { done: done.has(a), pending: pending.size, time: loop.time() };
      })(),
    );
    expect(out).toEqual({ done: true, pending: 0, time: 1000 });
  });

  test.each([
    [true, "started before the wait's timer", true],
    [false, "not started yet when the wait's timer is set", false],
  ])(
    "test_wait_concurrent_complete: a completion due at the deadline, tasks %s: in done = %s",
    async (hop, _label, aDone) => {
      // Checked against CPython: equal deadlines fire in scheduling order, so
      // only a task whose sleep was scheduled before the wait's timer is done.
      const out = await runVirtual(
        (function* () {
          const a = asyncio.createTask(sleepThen(0.1, "a"));
          const b = asyncio.createTask(sleepThen(0.15, "b"));
          if (hop) yield* asyncio.sleep(0);
          const [done, pending] = yield* asyncio.wait([b, a], { timeout: 0.1 });
          b.cancel();
          return { a: done.has(a), b: pending.has(b) };
        })(),
      );
      expect(out).toEqual({ a: aDone, b: true });
    },
  );

  test("the timer is cancelled once everything is done (no late wake-up)", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const a = asyncio.createTask(sleepThen(1, "a"));
        yield* asyncio.sleep(0);
        const handles: asyncio.TimerHandle[] = [];
        const callLater = loop.callLater.bind(loop);
        loop.callLater = ((delay: number, cb: () => void) => {
          const h = callLater(delay, cb);
          handles.push(h);
          return h;
        }) as typeof loop.callLater;
        const pending = asyncio.wait([a], { timeout: 100 });
        const waited = yield* pending;
        loop.callLater = callLater;
        return {
          time: loop.time(),
          done: waited[0].size,
          cancelled: handles.map((h) => h.cancelled()),
        };
      })(),
    );
    expect(out).toEqual({ time: 1, done: 1, cancelled: [true] });
  });
});

describe("cancellation and errors", () => {
  test("cancelling the waiting task leaves the futures running", async () => {
    const out = await runVirtual(
      (function* () {
        const d = asyncio.createTask(sleepThen(5, "d"));
        const w = asyncio.createTask(asyncio.wait([d]));
        yield* asyncio.sleep(1);
        w.cancel();
        const e = yield* raised(w);
        return { e, dCancelled: d.cancelled(), d: yield* d };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect(out.dCancelled).toBe(false);
    expect(out.d).toBe("d");
  });

  test("test_wait_errors: an empty collection raises ValueError", async () => {
    const e = await runVirtual(raised(asyncio.wait([])));
    expect(e).toBeInstanceOf(asyncio.ValueError);
    expect((e as Error).message).toBe("Set of Tasks/Futures is empty.");
  });

  test("test_wait_errors: an invalid returnWhen raises ValueError", async () => {
    const e = await runVirtual(
      (function* () {
        const fut = asyncio.getRunningLoop().createFuture<void>();
        return yield* raised(
          asyncio.wait([fut], { returnWhen: -1 as unknown as asyncio.ReturnWhen }),
        );
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.ValueError);
    expect((e as Error).message).toBe("Invalid return_when value: -1");
  });

  test("test_wait_invalid_args: a single future or coroutine instead of a collection raises TypeError", async () => {
    const out = await runVirtual(
      (function* () {
        const fut = asyncio.getRunningLoop().createFuture<void>();
        const coro = sleepThen(1, 1);
        const e1 = yield* raised(asyncio.wait(fut as unknown as asyncio.Future<void>[]));
        const e2 = yield* raised(asyncio.wait(coro as unknown as asyncio.Future<void>[]));
        coro.return(0);
        return [e1, e2].map((e) => [e instanceof TypeError, (e as Error).message]);
      })(),
    );
    expect(out).toEqual([
      [true, "expect a list of futures, not Future"],
      [true, "expect a list of futures, not coroutine"],
    ]);
  });

  test("a bare coroutine in the collection raises TypeError", async () => {
    const out = await runVirtual(
      (function* () {
        let started = false;
        const coro = (function* () {
          started = true;
        })();
        const e = yield* raised(asyncio.wait([coro] as unknown as asyncio.Future<void>[]));
        return { e, started };
      })(),
    );
    expect(out.e).toBeInstanceOf(TypeError);
    expect((out.e as Error).message).toBe("Passing coroutines is forbidden, use tasks explicitly.");
    expect(out.started).toBe(false);
  });

  test("the arguments are checked when the wait is awaited, not when it is called", async () => {
    const out = await runVirtual(
      (function* () {
        const w = asyncio.wait([]);
        const e = yield* raised(w);
        return e instanceof asyncio.ValueError;
      })(),
    );
    expect(out).toBe(true);
  });
});

test("wait's options: a number where the options object goes, and a timeout that is not a number, are TypeErrors at once", async () => {
  const out = await runVirtual(
    (function* () {
      const t = asyncio.createTask(sleepThen(1, "x"));
      const result = [
        // Python's wait() takes timeout by keyword only; the number was once ignored.
        yield* failureOf(() => asyncio.wait([t], untyped(1))),
        yield* failureOf(() => asyncio.wait([t], { timeout: untyped("1") })),
        yield* failureOf(() => asyncio.wait([])),
        yield* failureOf(() => asyncio.wait(untyped(t))),
      ];
      yield* t;
      return result;
    })(),
  );
  expect(out).toEqual([
    "TypeError: wait() options must be an object, not 1",
    "TypeError: wait() argument 'timeout' must be a number or null, not '1'",
    "ValueError: Set of Tasks/Futures is empty.",
    "TypeError: expect a list of futures, not Task",
  ]);
});
