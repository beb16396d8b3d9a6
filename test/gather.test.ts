/**
 * gather (CPython's test_tasks.py GatherTestsBase and friends). The results
 * and errors tests are asyncTests: they assert inside the coroutine, and fail
 * on a Task left pending or an exception nobody retrieved, which for gather's
 * error paths is half of what is being tested.
 */
import * as asyncio from "asyncio-ts";
import { asyncTest } from "asyncio-ts/testing";
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

describe("results", () => {
  test(
    "test_success: results come in argument order, not completion order",
    asyncTest(function* ({ clock }) {
      const got = yield* asyncio.gather(sleepThen(3, "a"), sleepThen(1, "b"), sleepThen(2, "c"));
      expect(got).toEqual(["a", "b", "c"]);
      expect(clock.time()).toBe(3);
    }),
  );

  test(
    "test_success with futures: the gather stays pending until the last child is done",
    asyncTest(function* ({ loop }) {
      const [a, b, c] = [0, 1, 2].map(() => loop.createFuture<number>());
      const g = asyncio.gather(a!, b!, c!);
      let calls = 0;
      g.addDoneCallback(() => calls++);
      b!.setResult(1);
      a!.setResult(2);
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      expect([g.done(), calls]).toEqual([false, 0]);
      c!.setResult(3);
      expect(yield* g).toEqual([2, 1, 3]);
      yield* asyncio.sleep(0);
      expect(calls).toBe(1);
    }),
  );

  test(
    "gather() with no arguments is already done with []",
    asyncTest(function* () {
      const g = asyncio.gather();
      expect(g.done()).toBe(true);
      expect(yield* g).toEqual([]);
    }),
  );

  test(
    "gather() with only options is already done with []",
    asyncTest(function* () {
      const g = asyncio.gather({ returnExceptions: true });
      expect(g.done()).toBe(true);
      expect(yield* g).toEqual([]);
    }),
  );

  test(
    "test_duplicate_coroutines: a duplicated coroutine is wrapped once and shares its slot",
    asyncTest(function* () {
      let runs = 0;
      function* coro(s: string): asyncio.Coroutine<string> {
        runs++;
        yield* asyncio.sleep(0);
        return s;
      }
      const c = coro("abc");
      const before = asyncio.allTasks().size;
      const g = asyncio.gather(c, c, coro("def"), c);
      expect(asyncio.allTasks().size - before).toBe(2);
      expect(yield* g).toEqual(["abc", "abc", "def", "abc"]);
      expect(runs).toBe(2);
    }),
  );

  test(
    "a duplicated Future fills every slot it appears in",
    asyncTest(function* ({ loop }) {
      const f = loop.createFuture<number>();
      loop.callLater(1, () => f.setResult(7));
      expect(yield* asyncio.gather(f, sleepThen(0, 1), f)).toEqual([7, 1, 7]);
    }),
  );

  test(
    "Futures, Tasks, coroutines and Promises can be mixed",
    asyncTest(function* ({ loop }) {
      const fut = loop.createFuture<string>();
      loop.callLater(2, () => fut.setResult("future"));
      const task = asyncio.createTask(sleepThen(1, "task"));
      const promise = Promise.resolve("promise");
      const got = yield* asyncio.gather(fut, task, sleepThen(3, "coroutine"), promise);
      expect(got).toEqual(["future", "task", "coroutine", "promise"]);
    }),
  );

  test(
    "a rejected Promise fails the gather with its reason",
    asyncTest(
      function* () {
        const reason = new ZeroDivisionError("p");
        expect(yield* raised(asyncio.gather(sleepThen(1, 1), Promise.reject(reason)))).toBe(reason);
      },
      // The other child keeps running after the gather failed, as in CPython.
      { allowPending: true },
    ),
  );

  test(
    "the gather is a Future, not a Task",
    asyncTest(function* () {
      const g = asyncio.gather(sleepThen(0, 1));
      expect(g).toBeInstanceOf(asyncio.Future);
      expect(g).not.toBeInstanceOf(asyncio.Task);
      yield* g;
    }),
  );
});

describe("errors", () => {
  // The later error counts as retrieved: asyncTest fails the test if it is
  // reported, even when the loop closes.
  test(
    "test_one_exception: the first error fails the gather while the others keep running",
    asyncTest(function* ({ clock }) {
      const first = new ZeroDivisionError("first");
      const slow = asyncio.createTask(sleepThen(5, "slow"));
      const later = asyncio.createTask(failAfter(2, new asyncio.RuntimeError("later")));
      expect(yield* raised(asyncio.gather(slow, failAfter(1, first), later))).toBe(first);
      expect(clock.time()).toBe(1);
      expect([slow.done(), later.done()]).toEqual([false, false]);
      expect(yield* slow).toBe("slow");
      yield* asyncio.sleep(1);
      expect(later.done()).toBe(true);
    }),
  );

  test(
    "test_exception_marking: later errors of coroutine children are not reported as never retrieved",
    asyncTest(function* ({ loop }) {
      const a = loop.createFuture<void>();
      const b = loop.createFuture<void>();
      function* inner(f: asyncio.Future<void>, msg: string): asyncio.Coroutine<void> {
        yield* f;
        throw new asyncio.RuntimeError(msg);
      }
      const outer = asyncio.createTask(
        (function* () {
          yield* asyncio.gather(inner(a, "a"), inner(b, "b"));
        })(),
      );
      yield* asyncio.sleep(0);
      a.setResult(undefined);
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      b.setResult(undefined);
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      const error = outer.exception();
      expect(error).toBeInstanceOf(asyncio.RuntimeError);
      expect((error as Error).message).toBe("a");
    }),
  );

  test(
    "test_return_exceptions: returnExceptions puts errors in their slots",
    asyncTest(function* ({ clock }) {
      const e1 = new ZeroDivisionError();
      const e2 = new asyncio.RuntimeError();
      const got = yield* asyncio.gather(
        sleepThen(3, 3),
        sleepThen(1, 1),
        failAfter(2, e1),
        failAfter(4, e2),
        { returnExceptions: true },
      );
      expect(got).toEqual([3, 1, e1, e2]);
      expect(got[2]).toBe(e1);
      expect(clock.time()).toBe(4);
    }),
  );

  test(
    "test_result_exception_one_cancellation: returnExceptions gives a cancelled child's CancelledError",
    asyncTest(function* ({ loop }) {
      const fs = [0, 1, 2].map(() => loop.createFuture<number>());
      const t = asyncio.createTask(sleepThen(1, 0));
      const g = asyncio.gather(fs[0]!, fs[1]!, fs[2]!, t, { returnExceptions: true });
      yield* asyncio.sleep(0);
      fs[0]!.setResult(1);
      fs[1]!.cancel("future message");
      t.cancel("task message");
      yield* asyncio.sleep(0);
      expect(g.done()).toBe(false);
      fs[2]!.setResult(3);
      const got = yield* g;
      expect(got[0]).toBe(1);
      expect(got[1]).toBeInstanceOf(asyncio.CancelledError);
      expect((got[1] as Error).message).toBe("future message");
      expect(got[2]).toBe(3);
      // A Task records no message when its coroutine ends with CancelledError (as in CPython).
      expect(got[3]).toBeInstanceOf(asyncio.CancelledError);
      expect((got[3] as Error).message).toBe("");
    }),
  );

  test(
    "test_one_cancellation: a cancelled child fails the gather with CancelledError without cancelling it",
    asyncTest(function* ({ clock }) {
      const t = asyncio.createTask(sleepThen(1, "x"));
      const other = asyncio.createTask(sleepThen(2, "y"));
      const g = asyncio.gather(t, other);
      yield* asyncio.sleep(0);
      t.cancel("msg");
      const err = yield* raised(g);
      expect(err).toBeInstanceOf(asyncio.CancelledError);
      expect((err as Error).message).toBe("msg");
      expect(g.cancelled()).toBe(false);
      expect(g.exception()).toBeInstanceOf(asyncio.CancelledError);
      expect(other.done()).toBe(false);
      expect(clock.time()).toBe(0);
      expect(yield* other).toBe("y");
    }),
  );
});

describe("cancellation", () => {
  test("cancelling the gather cancels the children; it then fails with CancelledError but is not cancelled()", async () => {
    for (const returnExceptions of [false, true]) {
      const out = await runVirtual(
        (function* () {
          const log: string[] = [];
          function* child(d: number, v: string): asyncio.Coroutine<string> {
            try {
              yield* asyncio.sleep(d);
              return v;
            } catch (e) {
              log.push(`${v} cancelled`);
              throw e;
            }
          }
          const g = asyncio.gather(child(1, "a"), child(2, "b"), { returnExceptions });
          yield* asyncio.sleep(0.5);
          const ret = g.cancel("why");
          const doneAfterCancel = g.done();
          const err = yield* raised(g);
          return {
            ret,
            doneAfterCancel,
            err,
            log,
            cancelled: g.cancelled(),
            exception: g.exception(),
          };
        })(),
      );
      expect(out.ret).toBe(true);
      // The quirk: cancel() returned true, yet the gather is not done yet...
      expect(out.doneAfterCancel).toBe(false);
      expect(out.log).toEqual(["a cancelled", "b cancelled"]);
      expect(out.err).toBeInstanceOf(asyncio.CancelledError);
      expect((out.err as Error).message).toBe("why");
      // ...and afterwards it is not cancelled(): it finished with a CancelledError.
      expect(out.cancelled).toBe(false);
      expect(out.exception).toBeInstanceOf(asyncio.CancelledError);
    }
  });

  test("cancelling the gather fails it even if a child swallows the cancellation", async () => {
    const out = await runVirtual(
      (function* () {
        let swallowed = false;
        function* swallow(): asyncio.Coroutine<string> {
          try {
            yield* asyncio.sleep(1);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
          } catch {
            swallowed = true;
          }
          return "swallowed";
        }
        const g = asyncio.gather(swallow(), { returnExceptions: true });
        yield* asyncio.sleep(0);
        const ret = g.cancel();
        const err = yield* raised(g);
        return { ret, err, swallowed };
      })(),
    );
    expect(out.ret).toBe(true);
    expect(out.swallowed).toBe(true);
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
  });

  test("cancelling a gather that already failed does nothing to the other children", async () => {
    const out = await runVirtual(
      (function* () {
        const slow = asyncio.createTask(sleepThen(1, "s"));
        const g = asyncio.gather(failAfter(0, new asyncio.ValueError("b")), slow);
        const err = yield* raised(g);
        const ret = g.cancel();
        return { err, ret, slowCancelled: slow.cancelled(), slow: yield* slow };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.ValueError);
    expect(out.ret).toBe(false);
    expect(out.slowCancelled).toBe(false);
    expect(out.slow).toBe("s");
  });

  test("test_cancel_gather_1: a gather whose children are all done refuses cancellation", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<number>();
        function* child(): asyncio.Coroutine<number> {
          return yield* fut;
        }
        const gatherTask = asyncio.ensureFuture(asyncio.gather(child()));
        let cancelResult: boolean | undefined;
        // The child starts waiting on `fut` first, so it finishes before the callback runs.
        yield* asyncio.sleep(0);
        fut.addDoneCallback(() => {
          cancelResult = gatherTask.cancel();
        });
        fut.setResult(42);
        const got = yield* gatherTask;
        return { cancelResult, got, cancelled: gatherTask.cancelled() };
      })(),
    );
    expect(out).toEqual({ cancelResult: false, got: [42], cancelled: false });
  });

  test("test_cancellation_broadcast: cancelling the Task that awaits the gather cancels the children", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const waiter = loop.createFuture<void>();
        let proof = 0;
        function* inner(): asyncio.Coroutine<void> {
          yield* waiter;
          proof += 1;
        }
        const child1 = asyncio.ensureFuture(inner());
        const child2 = asyncio.ensureFuture(inner());
        let gatherer!: asyncio.Future<unknown[]>;
        const f = asyncio.createTask(
          (function* () {
            gatherer = asyncio.gather(child1, child2);
            yield* gatherer;
            proof += 100;
          })(),
        );
        yield* asyncio.sleep(0);
        const ret = f.cancel();
        const err = yield* raised(f);
        const again = gatherer.cancel();
        yield* asyncio.sleep(0);
        return {
          ret,
          err,
          again,
          fCancelled: f.cancelled(),
          waiter: waiter.cancelled(),
          children: [child1.cancelled(), child2.cancelled()],
          proof,
        };
      })(),
    );
    expect(out.ret).toBe(true);
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
    expect(out.fCancelled).toBe(true);
    expect(out.again).toBe(false);
    expect(out.waiter).toBe(true);
    expect(out.children).toEqual([true, true]);
    expect(out.proof).toBe(0);
  });

  test("test_cancel_gather_2: a Task cancelled while awaiting gather with returnExceptions propagates the message", async () => {
    for (const msg of [undefined, "my message"]) {
      const err = await runVirtual(
        (function* () {
          function* loopy(): asyncio.Coroutine<void> {
            let time = 0;
            for (;;) {
              time += 0.05;
              yield* asyncio.gather(asyncio.sleep(0.05), { returnExceptions: true });
              if (time > 1) return;
            }
          }
          const qwe = asyncio.createTask(loopy());
          yield* asyncio.sleep(0.2);
          qwe.cancel(msg);
          return yield* raised(qwe);
        })(),
      );
      expect(err).toBeInstanceOf(asyncio.CancelledError);
      expect((err as Error).message).toBe(msg ?? "");
    }
  });
});

describe("gather.from", () => {
  test(
    "gathers what an iterable gives, in its order, read once",
    asyncTest(function* () {
      let reads = 0;
      // An iterable object: a generator object itself would be taken for a coroutine.
      const awaitables = {
        *[Symbol.iterator](): Generator<asyncio.Coroutine<number>> {
          for (const [delay, value] of [
            [3, 1],
            [1, 2],
            [2, 3],
          ] as const) {
            reads++;
            yield sleepThen(delay, value);
          }
        },
      };
      const got: number[] = yield* asyncio.gather.from(awaitables);
      expect(got).toEqual([1, 2, 3]);
      expect(reads).toBe(3);
    }),
  );

  test(
    "returnExceptions puts errors in the results",
    asyncTest(function* () {
      const error = new ZeroDivisionError();
      const got = yield* asyncio.gather.from([sleepThen(1, "a"), failAfter(2, error)], {
        returnExceptions: true,
      });
      expect(got).toEqual(["a", error]);
    }),
  );

  test(
    "without returnExceptions the first error fails the gather",
    asyncTest(function* () {
      const error = new ZeroDivisionError();
      const g = asyncio.gather.from([sleepThen(2, "a"), failAfter(1, error)]);
      expect(yield* raised(g)).toBe(error);
      yield* asyncio.sleep(2);
    }),
  );

  test(
    "an empty iterable gives an empty list",
    asyncTest(function* () {
      expect(yield* asyncio.gather.from(new Set<asyncio.Future<number>>())).toEqual([]);
    }),
  );

  test(
    "duplicated Tasks and coroutines share their slots, as with gather(...)",
    asyncTest(function* () {
      const task = asyncio.createTask(sleepThen(1, "t"));
      const coro = sleepThen(2, "c");
      const before = asyncio.allTasks().size;
      const g = asyncio.gather.from([task, coro, task, coro]);
      expect(asyncio.allTasks().size - before).toBe(1);
      expect(yield* g).toEqual(["t", "c", "t", "c"]);
    }),
  );

  test("a Future or a coroutine is not an iterable of awaitables", async () => {
    await runVirtual(
      (function* () {
        const fut = asyncio.getRunningLoop().createFuture<number>();
        expect(() => asyncio.gather.from(fut as never)).toThrow(TypeError);
        const coro = sleepThen(0, 1);
        expect(() => asyncio.gather.from(coro as never)).toThrow(
          "gather.from() expects an iterable of awaitables",
        );
        coro.return(1);
        expect(() => asyncio.gather.from(5 as never)).toThrow(TypeError);
      })(),
    );
  });
});

describe("arguments given twice", () => {
  test(
    "a gather run by an eager Task among another gather's arguments keeps both gathers' duplicates apart",
    asyncTest(function* ({ loop }) {
      const f = loop.createFuture<number>();
      const g = loop.createFuture<number>();
      let inner: asyncio.Future<number[]> | undefined;
      function* eager(): asyncio.Coroutine<number> {
        // Runs inside the outer gather's ensureFuture, while it reads its arguments.
        inner = asyncio.gather(f, g, f);
        return 0;
      }
      loop.setTaskFactory(asyncio.eagerTaskFactory);
      const outer = asyncio.gather(f, eager(), f, g);
      loop.setTaskFactory(null);
      g.setResult(2);
      yield* asyncio.sleep(0);
      expect([outer.done(), inner!.done()]).toEqual([false, false]);
      f.setResult(1);
      expect(yield* outer).toEqual([1, 0, 1, 2]);
      expect(yield* inner!).toEqual([1, 2, 1]);
      // No mark is left behind: the Futures gather alone again.
      expect(yield* asyncio.gather(f, f)).toEqual([1, 1]);
    }),
  );
});

describe("the Tasks gather makes for coroutines", () => {
  function* one(): asyncio.Coroutine<number> {
    yield* asyncio.sleep(0);
    return 1;
  }

  test(
    "they are what createTask makes: named in argument order, listed, driving each coroutine, not logged if destroyed pending",
    asyncTest(function* () {
      const coros = [one(), one(), one()];
      const g = asyncio.gather(...coros);
      const children = [...asyncio.allTasks()].filter((t) => t !== asyncio.currentTask());
      expect(children.length).toBe(3);
      expect(children.every((t, i) => t.getCoro() === coros[i])).toBe(true);
      const numbers = children.map((t) => Number(t.getName().slice("Task-".length)));
      expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);
      expect(children.map((t) => t._logDestroyPending)).toEqual([false, false, false]);
      expect(yield* g).toEqual([1, 1, 1]);
    }),
  );

  test(
    "a task factory makes every one of them",
    asyncTest(function* ({ loop }) {
      const made: string[] = [];
      loop.setTaskFactory((l, coro, options) => {
        const task = new asyncio.Task(coro, { ...options, loop: l });
        made.push(task.getName());
        return task;
      });
      const g = asyncio.gather(one(), one(), one());
      loop.setTaskFactory(null);
      expect(made.length).toBe(3);
      expect(yield* g).toEqual([1, 1, 1]);
    }),
  );

  test("a loop whose createTask is overridden makes every one of them", async () => {
    const made: string[] = [];
    class CountingLoop extends asyncio.EventLoop {
      override createTask<T>(coro: asyncio.Coroutine<T>, options?: asyncio.CreateTaskOptions) {
        const task = super.createTask(coro, options);
        made.push(task.getName());
        return task;
      }
    }
    const loop = new CountingLoop({ virtualTime: true });
    try {
      const results = await loop.runUntilComplete(
        (function* () {
          made.length = 0;
          return yield* asyncio.gather(one(), one(), one());
        })(),
      );
      expect([results, made.length]).toEqual([[1, 1, 1], 3]);
    } finally {
      loop.close();
    }
  });

  test(
    "after a Future of another loop, the coroutines' Tasks are made on that loop (CPython: the first argument's loop)",
    asyncTest(function* () {
      const other = new asyncio.EventLoop({ virtualTime: true });
      const f = other.createFuture<number>();
      const g = asyncio.gather(f, one(), one());
      const made = [...asyncio.allTasks(other)];
      expect(made.length).toBe(2);
      expect(made.every((t) => t.getLoop() === other)).toBe(true);
      for (const t of made) t.cancel();
      f.cancel();
      expect(g.getLoop()).toBe(other);
      other.close();
    }),
  );

  test(
    "after a Future of a closed loop, a coroutine fails as createTask fails there, and is closed",
    asyncTest(function* () {
      const other = new asyncio.EventLoop({ virtualTime: true });
      const f = other.createFuture<number>();
      other.close();
      const c1 = one();
      const c2 = one();
      expect(() => asyncio.gather(f, c1, c2)).toThrow("Event loop is closed");
      expect(c1.next()).toEqual({ done: true, value: undefined });
    }),
  );
});

describe("the results", () => {
  test(
    "a Future subclass's own result() gives its place, as CPython's gather calls it",
    asyncTest(function* ({ loop }) {
      class Wrapped extends asyncio.Future<number> {
        override result(): number {
          return super.result() * 10;
        }
      }
      const f = new Wrapped({ loop });
      f.setResult(1);
      expect(yield* asyncio.gather(f, asyncio.sleep(0, 2))).toEqual([10, 2]);
    }),
  );
});

describe("hearing of the children", () => {
  test(
    "the gather hears of each child where a done callback of its own would run, and reprs show it as one",
    asyncTest(function* ({ loop }) {
      const a = loop.createFuture<number>();
      const b = loop.createFuture<number>();
      const order: string[] = [];
      const g = asyncio.gather(a, b);
      a.addDoneCallback(() => order.push(`a's callback, gather done: ${g.done()}`));
      g.addDoneCallback(() => order.push("gather's callback"));
      b.addDoneCallback(() => order.push(`b's callback, gather done: ${g.done()}`));
      expect(String(a)).toBe("<Future pending cb=[onChildDone(), <anonymous>()]>");
      b.setResult(1);
      a.setResult(2);
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      expect(order).toEqual([
        "b's callback, gather done: false",
        "a's callback, gather done: true",
        "gather's callback",
      ]);
      expect(yield* g).toEqual([2, 1]);
    }),
  );
});

describe("children counted as they complete (done-queue.ts)", () => {
  // CPython 3.13 printed these orders for the same program: a marker is a
  // callSoon that logs whether the gather is done where it runs.
  for (const [returnExceptions, expected] of [
    [
      true,
      [
        "x1 false",
        "x2 false",
        "x3 false",
        "y1 false",
        "y2 false",
        "z1 false",
        "z2 false",
        "z3 true",
      ],
    ],
    [
      false,
      ["x1 false", "x2 true", "x3 true", "y1 true", "y2 true", "z1 true", "z2 true", "z3 true"],
    ],
  ] as const) {
    test(
      `the gather finishes where its last child's callback runs, failures queued between (returnExceptions: ${returnExceptions})`,
      asyncTest(function* ({ loop }) {
        const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(() => loop.createFuture<string>());
        const g = asyncio.gather(a!, b!, c!, d!, e!, { returnExceptions });
        const log: string[] = [];
        const mark = (name: string) => loop.callSoon(() => log.push(`${name} ${g.done()}`));
        mark("x1");
        c!.setException(new asyncio.ValueError("c"));
        mark("x2");
        a!.setResult("a");
        mark("x3");
        yield* asyncio.sleep(0);
        mark("y1");
        e!.setResult("e");
        mark("y2");
        yield* asyncio.sleep(0);
        mark("z1");
        b!.setException(new ZeroDivisionError("b"));
        mark("z2");
        d!.setResult("d"); // the last child: the gather's outcome waits for b's queued callback
        mark("z3");
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        expect(log).toEqual(expected);
        if (returnExceptions) {
          const results = g.result();
          expect([results[0], results[3], results[4]]).toEqual(["a", "d", "e"]);
          expect([String(results[1]), String(results[2])]).toEqual([
            "ZeroDivisionError: b",
            "ValueError: c",
          ]);
        } else {
          expect(String(g.exception())).toBe("ValueError: c");
          b!.exception(); // retrieved, as the gather failed first
        }
      }),
    );
  }

  test(
    "a tracer started and stopped while a gather waits: every child is still counted, and the gather finishes",
    asyncTest(function* ({ loop }) {
      const [a, b, c] = [0, 1, 2].map(() => loop.createFuture<string>());
      const g = asyncio.gather(a!, b!, c!);
      a!.setResult("a");
      yield* asyncio.sleep(0);
      const tracer = asyncio.startTracing();
      b!.setResult("b"); // completes under the tracer: its callback is queued
      yield* asyncio.sleep(0);
      tracer.stop();
      expect(g.done()).toBe(false);
      c!.setResult("c"); // the last child: its callback finishes the gather
      expect(yield* g).toEqual(["a", "b", "c"]);
    }),
  );
});

test("gather of an array (Promise.all's shape) or of a coroutine function not called names what it got", async () => {
  function* one(): asyncio.Coroutine<number> {
    return 1;
  }
  const out = await runVirtual(
    (function* () {
      const coros = [one(), one()];
      const result = [
        yield* failureOf(() => asyncio.gather(untyped(coros))),
        yield* failureOf(() => asyncio.gather(untyped(one))),
        yield* failureOf(() => asyncio.gather(untyped(42))),
      ];
      result.push(...(yield* asyncio.gather(...coros)).map(String));
      return result;
    })(),
  );
  // CPython: "unhashable type: 'list'" for a list; its message without "got" for the rest.
  expect(out).toEqual([
    "TypeError: An asyncio.Future, a coroutine or an awaitable is required, got [<Generator object>, <Generator object>]",
    "TypeError: An asyncio.Future, a coroutine or an awaitable is required, got <function one>",
    "TypeError: An asyncio.Future, a coroutine or an awaitable is required",
    "1",
    "1",
  ]);
});
