/**
 * waitFor (CPython's test_waitfor.py). Each test is an asyncTest: it asserts
 * inside the coroutine, on a MockClock, and also fails if waitFor leaves a
 * Task pending or an exception unretrieved, or the loop reports an error.
 */
import * as asyncio from "asyncio-ts";
import { asyncTest, MockClock, runTest, waitAllTasksBlocked } from "asyncio-ts/testing";
import { describe, expect, test } from "vitest";
import { failureOf, raised, runVirtual, sleepThen, untyped } from "./helpers.js";

describe("waitFor", () => {
  test(
    "returns the result when it comes in time",
    asyncTest(function* ({ clock }) {
      expect(yield* asyncio.waitFor(sleepThen(1, "ok"), 2)).toBe("ok");
      expect(clock.time()).toBe(1);
    }),
  );

  test(
    "test_wait_for_blocking: with timeout undefined, waitFor just awaits, however long it takes",
    asyncTest(function* () {
      expect(yield* asyncio.waitFor(sleepThen(1000, "done"), undefined)).toBe("done");
    }),
  );

  test(
    "test_wait_for: on timeout the task is cancelled and TimeoutError raised",
    asyncTest(function* ({ clock }) {
      let running = false;
      const t = asyncio.createTask(
        (function* () {
          running = true;
          try {
            yield* asyncio.sleep(100);
          } finally {
            running = false;
          }
          return "done";
        })(),
      );
      const e = yield* raised(asyncio.waitFor(t, 0.1));
      expect(e).toBeInstanceOf(asyncio.TimeoutError);
      expect((e as Error).cause).toBeInstanceOf(asyncio.CancelledError);
      expect(t.cancelled()).toBe(true);
      expect(running).toBe(false);
      expect(clock.time()).toBeCloseTo(0.1);
    }),
  );

  test(
    "the deadline passes at the timeout, not before (a manual clock stops just short of it)",
    asyncTest(
      function* ({ clock }) {
        const outcome = asyncio.createTask(raised(asyncio.waitFor(sleepThen(10, "late"), 1)));
        yield* waitAllTasksBlocked(); // the Task starts, and sets its deadline, at 0
        clock.advance(0.999);
        yield* waitAllTasksBlocked();
        expect(outcome.done()).toBe(false);
        clock.advance(0.001);
        yield* waitAllTasksBlocked();
        expect(outcome.done()).toBe(true);
        expect(outcome.result()).toBeInstanceOf(asyncio.TimeoutError);
      },
      { clock: new MockClock({ autojumpThreshold: Number.POSITIVE_INFINITY }) },
    ),
  );

  test(
    "test_wait_for_waits_for_task_cancellation: waits for the task's cleanup to finish before raising",
    asyncTest(function* ({ loop }) {
      let doneAt = -1;
      const t = asyncio.createTask(
        (function* () {
          try {
            yield* asyncio.sleep(10);
          } catch (e) {
            yield* asyncio.sleep(0.5);
            throw e;
          } finally {
            doneAt = loop.time();
          }
        })(),
      );
      expect(yield* raised(asyncio.waitFor(t, 1))).toBeInstanceOf(asyncio.TimeoutError);
      expect(doneAt).toBe(1.5);
      expect(loop.time()).toBe(1.5);
    }),
  );

  test(
    "test_wait_for_waits_for_task_cancellation_w_timeout_0: with timeout 0 too, waitFor waits for the task's cleanup to finish before raising",
    asyncTest(function* ({ loop }) {
      let doneAt = -1;
      const t = asyncio.createTask(
        (function* () {
          try {
            yield* asyncio.sleep(10);
          } catch (e) {
            yield* asyncio.sleep(0.5);
            throw e;
          } finally {
            doneAt = loop.time();
          }
        })(),
      );
      yield* asyncio.sleep(0);
      const e = yield* raised(asyncio.waitFor(t, 0));
      expect(e).toBeInstanceOf(asyncio.TimeoutError);
      expect((e as Error).cause).toBeInstanceOf(asyncio.CancelledError);
      expect(doneAt).toBe(0.5);
    }),
  );

  test(
    "test_wait_for_timeout_less_then_0_or_0_future_done: timeout <= 0 with a done future returns its result",
    asyncTest(function* ({ loop }) {
      const fut = loop.createFuture<string>();
      fut.setResult("done");
      expect(yield* asyncio.waitFor(fut, 0)).toBe("done");
      expect(yield* asyncio.waitFor(fut, -1)).toBe("done");
    }),
  );

  test(
    "test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started: timeout 0 never starts a coroutine",
    asyncTest(function* () {
      let started = false;
      const e = yield* raised(
        asyncio.waitFor(
          (function* () {
            started = true;
          })(),
          0,
        ),
      );
      expect(e).toBeInstanceOf(asyncio.TimeoutError);
      expect(started).toBe(false);
    }),
  );

  test.each([0, -1])(
    "test_wait_for_timeout_less_then_0_or_0: timeout %d cancels a running task",
    (timeout) =>
      runTest(function* () {
        let running: boolean | undefined;
        const t = asyncio.createTask(
          (function* () {
            running = true;
            try {
              yield* asyncio.sleep(10);
            } finally {
              running = false;
            }
          })(),
        );
        yield* asyncio.sleep(0);
        expect(yield* raised(asyncio.waitFor(t, timeout))).toBeInstanceOf(asyncio.TimeoutError);
        expect(t.cancelled()).toBe(true);
        expect(running).toBe(false);
      }),
  );

  test(
    "test_wait_for_cancel_suppressed: a value returned after swallowing the cancellation is the result",
    asyncTest(function* () {
      const r = yield* asyncio.waitFor(
        (function* () {
          try {
            yield* asyncio.sleep(10);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
          } catch {
            return 42;
          }
          return 0;
        })(),
        0.1,
      );
      expect(r).toBe(42);
      expect(asyncio.currentTask()!.cancelling()).toBe(0);
    }),
  );

  test(
    "test_wait_for_race_condition: a result set by a callback before the deadline wins",
    asyncTest(function* ({ loop }) {
      const fut = loop.createFuture<string>();
      const w = asyncio.waitFor(fut, 0.2);
      loop.callSoon(() => fut.setResult("ok"));
      expect(yield* w).toBe("ok");
    }),
  );

  test(
    "test_wait_for_reraises_exception_during_cancellation: an error raised while handling the cancellation propagates",
    asyncTest(function* () {
      class FooError extends Error {}
      const inner = asyncio.createTask(
        (function* () {
          try {
            yield* asyncio.sleep(0.2);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: mirrors CPython's test
            throw new FooError();
          }
        })(),
      );
      expect(yield* raised(asyncio.waitFor(inner, 0.01))).toBeInstanceOf(FooError);
    }),
  );

  test(
    "a coroutine runs in the caller's task, a task in its own (3.12+)",
    asyncTest(function* () {
      const me = asyncio.currentTask();
      const who = function* (): asyncio.Coroutine<asyncio.Task | undefined> {
        yield* asyncio.sleep(0);
        return asyncio.currentTask();
      };
      // Compared here: a Task handed to expect() is a thenable and an iterable it may probe.
      expect((yield* asyncio.waitFor(who(), 1)) === me).toBe(true);
      expect((yield* asyncio.waitFor(asyncio.createTask(who()), 1)) === me).toBe(false);
    }),
  );

  test.each([[undefined, "blocking"] as const, [60, "with a timeout"] as const])(
    "test_cancel_wait_for, test_cancel_blocking_wait_for: cancelling the waiter cancels the awaited task, %s",
    (timeout, _label) =>
      runTest(function* ({ loop }) {
        const task = asyncio.createTask(
          (function* () {
            yield* loop.createFuture<void>();
          })(),
        );
        const w = asyncio.createTask(asyncio.waitFor(task, timeout));
        loop.callSoon(() => w.cancel());
        const e = yield* raised(w);
        expect(e).toBeInstanceOf(asyncio.CancelledError);
        expect(e).not.toBeInstanceOf(asyncio.TimeoutError);
        expect(task.cancelled()).toBe(true);
      }),
  );

  test(
    "test_asyncio_wait_for_cancelled: a slow task that ignores cancels is waited for when the caller is cancelled",
    asyncTest(function* ({ loop }) {
      let exited = false;
      const slow = function* (): asyncio.Coroutine<void> {
        const exitAt = loop.time() + 0.2;
        while (loop.time() < exitAt) {
          try {
            yield* asyncio.sleep(exitAt - loop.time());
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
          } catch {
            // ignore cancellation
          }
        }
        exited = true;
      };
      const w = asyncio.createTask(asyncio.waitFor(slow(), 0.4));
      yield* asyncio.sleep(0);
      w.cancel();
      yield* asyncio.wait([w]);
      expect(exited).toBe(true);
      expect(w.done()).toBe(true);
    }),
  );

  test(
    "test_wait_for_issue86296: cancel arriving as the awaited task finishes still cancels the caller",
    asyncTest(function* () {
      const inner = asyncio.createTask(
        (function* (): asyncio.Coroutine<string> {
          return "done";
        })(),
      );
      let reached = false;
      const t = asyncio.createTask(
        (function* () {
          yield* asyncio.waitFor(inner, 100);
          yield* asyncio.sleep(1);
          reached = true;
        })(),
      );
      yield* asyncio.sleep(0);
      t.cancel();
      expect(yield* raised(t)).toBeInstanceOf(asyncio.CancelledError);
      expect(yield* inner).toBe("done");
      expect(reached).toBe(false);
    }),
  );

  test(
    "test_shielded_timeout, test_zero_timeout: waitFor(shield(task)) times out without touching the task",
    asyncTest(function* () {
      const t1 = asyncio.createTask(sleepThen(0.1, "done"));
      expect(yield* raised(asyncio.waitFor(asyncio.shield(t1), 0.01))).toBeInstanceOf(
        asyncio.TimeoutError,
      );
      expect([t1.done(), t1.cancelled()]).toEqual([false, false]);
      expect(yield* t1).toBe("done");
      const t2 = asyncio.createTask(sleepThen(0.1, "two"));
      const shielded = asyncio.shield(t2);
      expect(yield* raised(asyncio.waitFor(shielded, 0))).toBeInstanceOf(asyncio.TimeoutError);
      expect([t2.done(), t2.cancelled(), shielded.cancelled()]).toEqual([false, false, true]);
      expect(yield* t2).toBe("two");
    }),
  );

  test(
    "a Promise can be awaited with a deadline",
    asyncTest(function* () {
      expect(yield* asyncio.waitFor(Promise.resolve("from a promise"), 5)).toBe("from a promise");
    }),
  );
});

describe("wrong arguments: the class CPython raises, naming waitFor and its argument", () => {
  function* work(): asyncio.Coroutine<string> {
    yield* asyncio.sleep(0);
    return "done";
  }

  test("an options object where the timeout goes (the JavaScript habit) names waitFor's positional timeout", async () => {
    const out = await runVirtual(
      (function* () {
        return [
          yield* failureOf(() => asyncio.waitFor(work(), untyped({ timeout: 1 }))),
          yield* failureOf(() => asyncio.waitFor(work(), untyped("1"))),
          yield* failureOf(() => asyncio.waitFor(work(), Number.NaN)),
          yield* asyncio.waitFor(work(), null),
        ];
      })(),
    );
    // CPython: TypeError "'<=' not supported between instances of 'dict' and 'int'"; it once
    // said "when must be a number" from the timer heap. NaN: CPython's heap would misorder timers.
    expect(out).toEqual([
      "TypeError: waitFor() argument 'timeout' must be a number or null, not {...} (a positional argument, not an options object)",
      "TypeError: waitFor() argument 'timeout' must be a number or null, not '1'",
      "ValueError: Invalid timeout: NaN (not a number)",
      "done",
    ]);
  });

  test("a coroutine function not called, or a value, is CPython's TypeError (naming the function)", async () => {
    const out = await runVirtual(
      (function* () {
        return [
          yield* failureOf(() => asyncio.waitFor(untyped(work), 1)),
          yield* failureOf(() => asyncio.waitFor(untyped(42), 1)),
        ];
      })(),
    );
    expect(out).toEqual([
      "TypeError: An asyncio.Future, a coroutine or an awaitable is required, got <function work>",
      "TypeError: An asyncio.Future, a coroutine or an awaitable is required",
    ]);
  });
});
