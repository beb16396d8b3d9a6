import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { raised, runVirtual, sleepThen } from "./helpers.js";

describe("waitFor", () => {
  test("returns the result when it comes in time", async () => {
    const out = await runVirtual(
      (function* () {
        const r = yield* asyncio.waitFor(sleepThen(1, "ok"), 2);
        return { r, time: asyncio.getRunningLoop().time() };
      })(),
    );
    expect(out).toEqual({ r: "ok", time: 1 });
  });

  test("timeout undefined just awaits (test_wait_for_blocking)", async () => {
    const r = await runVirtual(asyncio.waitFor(sleepThen(1000, "done"), undefined));
    expect(r).toBe("done");
  });

  test("on timeout the task is cancelled and TimeoutError raised (test_wait_for)", async () => {
    const out = await runVirtual(
      (function* () {
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
        return { e, cancelled: t.cancelled(), running, time: asyncio.getRunningLoop().time() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect((out.e as Error).cause).toBeInstanceOf(asyncio.CancelledError);
    expect(out.cancelled).toBe(true);
    expect(out.running).toBe(false);
    expect(out.time).toBeCloseTo(0.1);
  });

  test("waits for the task's cleanup to finish before raising (test_wait_for_waits_for_task_cancellation)", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
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
        const e = yield* raised(asyncio.waitFor(t, 1));
        return { e, doneAt, time: loop.time() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.doneAt).toBe(1.5);
    expect(out.time).toBe(1.5);
  });

  test("same with timeout 0 (test_wait_for_waits_for_task_cancellation_w_timeout_0)", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
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
        return { e, doneAt };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect((out.e as Error).cause).toBeInstanceOf(asyncio.CancelledError);
    expect(out.doneAt).toBe(0.5);
  });

  test("timeout <= 0 with a done future returns its result (test_wait_for_timeout_less_then_0_or_0_future_done)", async () => {
    const r = await runVirtual(
      (function* () {
        const fut = asyncio.getRunningLoop().createFuture<string>();
        fut.setResult("done");
        return [yield* asyncio.waitFor(fut, 0), yield* asyncio.waitFor(fut, -1)];
      })(),
    );
    expect(r).toEqual(["done", "done"]);
  });

  test("timeout 0 never starts a coroutine (test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started)", async () => {
    const out = await runVirtual(
      (function* () {
        let started = false;
        const e = yield* raised(
          asyncio.waitFor(
            (function* () {
              started = true;
            })(),
            0,
          ),
        );
        return { e, started };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.started).toBe(false);
  });

  test.each([0, -1])(
    "timeout %d cancels a running task (test_wait_for_timeout_less_then_0_or_0)",
    async (timeout) => {
      const out = await runVirtual(
        (function* () {
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
          const e = yield* raised(asyncio.waitFor(t, timeout));
          return { e, cancelled: t.cancelled(), running };
        })(),
      );
      expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
      expect(out.cancelled).toBe(true);
      expect(out.running).toBe(false);
    },
  );

  test("a value returned after swallowing the cancellation is the result (test_wait_for_cancel_suppressed)", async () => {
    const out = await runVirtual(
      (function* () {
        const r = yield* asyncio.waitFor(
          (function* () {
            try {
              yield* asyncio.sleep(10);
            } catch {
              return 42;
            }
            return 0;
          })(),
          0.1,
        );
        return { r, cancelling: asyncio.currentTask()!.cancelling() };
      })(),
    );
    expect(out).toEqual({ r: 42, cancelling: 0 });
  });

  test("a result set by a callback before the deadline wins (test_wait_for_race_condition)", async () => {
    const r = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<string>();
        const w = asyncio.waitFor(fut, 0.2);
        loop.callSoon(() => fut.setResult("ok"));
        return yield* w;
      })(),
    );
    expect(r).toBe("ok");
  });

  test("an error raised while handling the cancellation propagates (test_wait_for_reraises_exception_during_cancellation)", async () => {
    class FooError extends Error {}
    const e = await runVirtual(
      (function* () {
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
        return yield* raised(asyncio.waitFor(inner, 0.01));
      })(),
    );
    expect(e).toBeInstanceOf(FooError);
  });

  test("a coroutine runs in the caller's task, a task in its own (3.12+)", async () => {
    const out = await runVirtual(
      (function* () {
        const me = asyncio.currentTask();
        const who = function* (): asyncio.Coroutine<asyncio.Task | undefined> {
          yield* asyncio.sleep(0);
          return asyncio.currentTask();
        };
        const viaCoro = yield* asyncio.waitFor(who(), 1);
        const viaTask = yield* asyncio.waitFor(asyncio.createTask(who()), 1);
        return { coroIsCaller: viaCoro === me, taskIsCaller: viaTask === me };
      })(),
    );
    expect(out).toEqual({ coroIsCaller: true, taskIsCaller: false });
  });

  test.each([[undefined, "blocking"] as const, [60, "with a timeout"] as const])(
    "cancelling the waiter cancels the awaited task, %s (test_cancel_wait_for, test_cancel_blocking_wait_for)",
    async (timeout, _label) => {
      const out = await runVirtual(
        (function* () {
          const loop = asyncio.getRunningLoop();
          const task = asyncio.createTask(
            (function* () {
              yield* loop.createFuture<void>();
            })(),
          );
          const w = asyncio.createTask(asyncio.waitFor(task, timeout));
          loop.callSoon(() => w.cancel());
          const e = yield* raised(w);
          return { e, taskCancelled: task.cancelled() };
        })(),
      );
      expect(out.e).toBeInstanceOf(asyncio.CancelledError);
      expect(out.e).not.toBeInstanceOf(asyncio.TimeoutError);
      expect(out.taskCancelled).toBe(true);
    },
  );

  test("a slow task that ignores cancels is waited for when the caller is cancelled (test_asyncio_wait_for_cancelled)", async () => {
    const out = await runVirtual(
      (function* () {
        let exited = false;
        const slow = function* (): asyncio.Coroutine<void> {
          const loop = asyncio.getRunningLoop();
          const exitAt = loop.time() + 0.2;
          while (loop.time() < exitAt) {
            try {
              yield* asyncio.sleep(exitAt - loop.time());
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
        return { exited, done: w.done() };
      })(),
    );
    expect(out).toEqual({ exited: true, done: true });
  });

  test("cancel arriving as the awaited task finishes still cancels the caller (test_wait_for_issue86296)", async () => {
    const out = await runVirtual(
      (function* () {
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
        const e = yield* raised(t);
        return { e, inner: yield* inner, reached };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect(out.inner).toBe("done");
    expect(out.reached).toBe(false);
  });

  test("waitFor(shield(task)) times out without touching the task (test_shielded_timeout, test_zero_timeout)", async () => {
    const out = await runVirtual(
      (function* () {
        const t1 = asyncio.createTask(sleepThen(0.1, "done"));
        const e1 = yield* raised(asyncio.waitFor(asyncio.shield(t1), 0.01));
        const t1State = [t1.done(), t1.cancelled()];
        const r1 = yield* t1;
        const t2 = asyncio.createTask(sleepThen(0.1, "two"));
        const shielded = asyncio.shield(t2);
        const e2 = yield* raised(asyncio.waitFor(shielded, 0));
        const t2State = [t2.done(), t2.cancelled(), shielded.cancelled()];
        return { e1, t1State, r1, e2, t2State, r2: yield* t2 };
      })(),
    );
    expect(out.e1).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.t1State).toEqual([false, false]);
    expect(out.r1).toBe("done");
    expect(out.e2).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.t2State).toEqual([false, false, true]);
    expect(out.r2).toBe("two");
  });

  test("a Promise can be awaited with a deadline", async () => {
    const r = await runVirtual(asyncio.waitFor(Promise.resolve("from a promise"), 5));
    expect(r).toBe("from a promise");
  });
});
