import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failAfter, raised, runVirtual, sleepThen, ZeroDivisionError } from "./helpers.js";

/** Runs `main` with an exception handler that records every report. */
async function runRecording<T>(
  main: () => asyncio.Coroutine<T>,
): Promise<{ value: T; reports: asyncio.ExceptionContext[] }> {
  const reports: asyncio.ExceptionContext[] = [];
  const value = await runVirtual(
    (function* () {
      asyncio.getRunningLoop().setExceptionHandler((_l, ctx) => reports.push(ctx));
      return yield* main();
    })(),
  );
  return { value, reports };
}

describe("results", () => {
  test("results come in argument order, not completion order (test_success)", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const got = yield* asyncio.gather(sleepThen(3, "a"), sleepThen(1, "b"), sleepThen(2, "c"));
        return { got, time: loop.time() };
      })(),
    );
    expect(out.got).toEqual(["a", "b", "c"]);
    expect(out.time).toBe(3);
  });

  test("the gather stays pending until the last child is done (test_success with futures)", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const [a, b, c] = [0, 1, 2].map(() => loop.createFuture<number>());
        const g = asyncio.gather(a!, b!, c!);
        let calls = 0;
        g.addDoneCallback(() => calls++);
        b!.setResult(1);
        a!.setResult(2);
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        const before = [g.done(), calls];
        c!.setResult(3);
        const got = yield* g;
        yield* asyncio.sleep(0);
        return { before, got, calls };
      })(),
    );
    expect(out.before).toEqual([false, 0]);
    expect(out.got).toEqual([2, 1, 3]);
    expect(out.calls).toBe(1);
  });

  test("gather() with no arguments is already done with []", async () => {
    const out = await runVirtual(
      (function* () {
        const g = asyncio.gather();
        const done = g.done();
        return { done, got: yield* g };
      })(),
    );
    expect(out).toEqual({ done: true, got: [] });
  });

  test("gather() with only options is already done with []", async () => {
    const got = await runVirtual(
      (function* () {
        const g = asyncio.gather({ returnExceptions: true });
        expect(g.done()).toBe(true);
        return yield* g;
      })(),
    );
    expect(got).toEqual([]);
  });

  test("a duplicated coroutine is wrapped once and shares its slot (test_duplicate_coroutines)", async () => {
    const out = await runVirtual(
      (function* () {
        let runs = 0;
        function* coro(s: string): asyncio.Coroutine<string> {
          runs++;
          yield* asyncio.sleep(0);
          return s;
        }
        const c = coro("abc");
        const before = asyncio.allTasks().size;
        const g = asyncio.gather(c, c, coro("def"), c);
        const created = asyncio.allTasks().size - before;
        return { got: yield* g, runs, created };
      })(),
    );
    expect(out.got).toEqual(["abc", "abc", "def", "abc"]);
    expect(out.runs).toBe(2);
    expect(out.created).toBe(2);
  });

  test("a duplicated Future fills every slot it appears in", async () => {
    const got = await runVirtual(
      (function* () {
        const f = asyncio.getRunningLoop().createFuture<number>();
        asyncio.getRunningLoop().callLater(1, () => f.setResult(7));
        return yield* asyncio.gather(f, sleepThen(0, 1), f);
      })(),
    );
    expect(got).toEqual([7, 1, 7]);
  });

  test("Futures, Tasks, coroutines and Promises can be mixed", async () => {
    const got = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<string>();
        loop.callLater(2, () => fut.setResult("future"));
        const task = asyncio.createTask(sleepThen(1, "task"));
        const promise = Promise.resolve("promise");
        return yield* asyncio.gather(fut, task, sleepThen(3, "coroutine"), promise);
      })(),
    );
    expect(got).toEqual(["future", "task", "coroutine", "promise"]);
  });

  test("a rejected Promise fails the gather with its reason", async () => {
    const reason = new ZeroDivisionError("p");
    const err = await runVirtual(
      (function* () {
        return yield* raised(asyncio.gather(sleepThen(1, 1), Promise.reject(reason)));
      })(),
    );
    expect(err).toBe(reason);
  });

  test("the gather is a Future, not a Task", async () => {
    const out = await runVirtual(
      (function* () {
        const g = asyncio.gather(sleepThen(0, 1));
        const kind = [g instanceof asyncio.Future, g instanceof asyncio.Task];
        yield* g;
        return kind;
      })(),
    );
    expect(out).toEqual([true, false]);
  });
});

describe("errors", () => {
  test("the first error fails the gather while the others keep running (test_one_exception)", async () => {
    const { value, reports } = await runRecording(function* () {
      const loop = asyncio.getRunningLoop();
      const first = new ZeroDivisionError("first");
      const slow = asyncio.createTask(sleepThen(5, "slow"));
      const later = asyncio.createTask(failAfter(2, new asyncio.RuntimeError("later")));
      const err = yield* raised(asyncio.gather(slow, failAfter(1, first), later));
      const failedAt = loop.time();
      const states = [slow.done(), later.done()];
      const slowResult = yield* slow;
      yield* asyncio.sleep(1);
      return { err, first, failedAt, states, slowResult, later };
    });
    expect(value.err).toBe(value.first);
    expect(value.failedAt).toBe(1);
    expect(value.states).toEqual([false, false]);
    expect(value.slowResult).toBe("slow");
    expect(value.later.done()).toBe(true);
    // The later error counts as retrieved: nothing is reported, not even at loop close.
    expect(reports).toEqual([]);
  });

  test("later errors of coroutine children are not reported as never retrieved (test_exception_marking)", async () => {
    const { value, reports } = await runRecording(function* () {
      const loop = asyncio.getRunningLoop();
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
      return outer.exception();
    });
    expect(value).toBeInstanceOf(asyncio.RuntimeError);
    expect((value as Error).message).toBe("a");
    expect(reports).toEqual([]);
  });

  test("returnExceptions puts errors in their slots (test_return_exceptions)", async () => {
    const out = await runVirtual(
      (function* () {
        const e1 = new ZeroDivisionError();
        const e2 = new asyncio.RuntimeError();
        const got = yield* asyncio.gather(
          sleepThen(3, 3),
          sleepThen(1, 1),
          failAfter(2, e1),
          failAfter(4, e2),
          { returnExceptions: true },
        );
        return { got, e1, e2, time: asyncio.getRunningLoop().time() };
      })(),
    );
    expect(out.got).toEqual([3, 1, out.e1, out.e2]);
    expect(out.got[2]).toBe(out.e1);
    expect(out.time).toBe(4);
  });

  test("returnExceptions gives a cancelled child's CancelledError (test_result_exception_one_cancellation)", async () => {
    const got = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
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
        return yield* g;
      })(),
    );
    expect(got[0]).toBe(1);
    expect(got[1]).toBeInstanceOf(asyncio.CancelledError);
    expect((got[1] as Error).message).toBe("future message");
    expect(got[2]).toBe(3);
    // A Task records no message when its coroutine ends with CancelledError (as in CPython).
    expect(got[3]).toBeInstanceOf(asyncio.CancelledError);
    expect((got[3] as Error).message).toBe("");
  });

  test("a cancelled child fails the gather with CancelledError without cancelling it (test_one_cancellation)", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const t = asyncio.createTask(sleepThen(1, "x"));
        const other = asyncio.createTask(sleepThen(2, "y"));
        const g = asyncio.gather(t, other);
        yield* asyncio.sleep(0);
        t.cancel("msg");
        const err = yield* raised(g);
        return {
          err,
          cancelled: g.cancelled(),
          exception: g.exception(),
          otherDone: other.done(),
          time: loop.time(),
          other: yield* other,
        };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
    expect((out.err as Error).message).toBe("msg");
    expect(out.cancelled).toBe(false);
    expect(out.exception).toBeInstanceOf(asyncio.CancelledError);
    expect(out.otherDone).toBe(false);
    expect(out.time).toBe(0);
    expect(out.other).toBe("y");
  });
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

  test("a gather whose children are all done refuses cancellation (test_cancel_gather_1)", async () => {
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

  test("cancelling the Task that awaits the gather cancels the children (test_cancellation_broadcast)", async () => {
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

  test("a Task cancelled while awaiting gather with returnExceptions propagates the message (test_cancel_gather_2)", async () => {
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
