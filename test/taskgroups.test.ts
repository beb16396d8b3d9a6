import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failAfter, raised, runVirtual, sleepThen, ZeroDivisionError } from "./helpers.js";

class MyExc extends Error {
  override name = "MyExc";
}

const MESSAGE = "unhandled errors in a TaskGroup";

/** Runs `coro` and returns what it threw (or fails if it returned). */
function names(e: unknown): string[] {
  expect(e).toBeInstanceOf(asyncio.BaseExceptionGroup);
  return (e as asyncio.BaseExceptionGroup).exceptions.map((x) => (x as Error).name);
}

describe("children", () => {
  test("test_taskgroup_01: the group waits for its children", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let t1!: asyncio.Task<number>;
        let t2!: asyncio.Task<number>;
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          t1 = g.createTask(sleepThen(0.1, 42));
          t2 = g.createTask(sleepThen(0.2, 11));
        });
        return [t1.result(), t2.result(), loop.time()];
      })(),
    );
    expect(out.slice(0, 2)).toEqual([42, 11]);
    expect(out[2]).toBeCloseTo(0.2, 9);
  });

  test("test_taskgroup_02: a child created while the body waits is awaited too", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let t1!: asyncio.Task<number>;
        let t2!: asyncio.Task<number>;
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          t1 = g.createTask(sleepThen(0.1, 42));
          yield* asyncio.sleep(0.15);
          t2 = g.createTask(sleepThen(0.2, 11));
        });
        return [t1.result(), t2.result(), loop.time()];
      })(),
    );
    expect(out.slice(0, 2)).toEqual([42, 11]);
    expect(out[2]).toBeCloseTo(0.35, 9);
  });

  test("test_taskgroup_03: a child cancelled by hand is not an error", async () => {
    const out = await runVirtual(
      (function* () {
        let t1!: asyncio.Task<number>;
        let t2!: asyncio.Task<number>;
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          t1 = g.createTask(sleepThen(1, 42));
          yield* asyncio.sleep(0.15);
          t1.cancel();
          t2 = g.createTask(sleepThen(0.2, 11));
        });
        return [t1.cancelled(), t2.result()];
      })(),
    );
    expect(out).toEqual([true, 11]);
  });

  test("test_taskgroup_24: children may add children to the group", async () => {
    const finished = await runVirtual(
      (function* () {
        const done: number[] = [];
        function* leaf(d: number): asyncio.Coroutine<void> {
          yield* asyncio.sleep(d);
          done.push(d);
        }
        function* root(g: asyncio.TaskGroup): asyncio.Coroutine<void> {
          yield* asyncio.sleep(0.1);
          g.createTask(leaf(0.1));
          g.createTask(leaf(0.2));
        }
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          g.createTask(root(g));
        });
        return done;
      })(),
    );
    expect(finished).toEqual([0.1, 0.2]);
  });

  test("test_taskgroup_task_name: tasks created in the group get names", async () => {
    const got = await runVirtual(
      (function* () {
        return yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          const named = g.createTask(asyncio.sleep(0), { name: "yolo" });
          const unnamed = g.createTask(asyncio.sleep(0));
          return [named.getName(), unnamed.getName()];
        });
      })(),
    );
    expect(got[0]).toBe("yolo");
    expect(got[1]).toMatch(/^Task-\d+$/);
  });
});

describe("failures", () => {
  test("test_cancel_children_on_child_error: the first failure cancels the siblings and the body", async () => {
    const log: string[] = [];
    const err = await runVirtual(
      (function* () {
        function* sibling(): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(5);
            log.push("sibling finished");
          } catch (e) {
            if (e instanceof asyncio.CancelledError) log.push("sibling cancelled");
            throw e;
          }
        }
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.1, new ZeroDivisionError("division by zero")));
            g.createTask(sibling());
            try {
              yield* asyncio.sleep(10);
            } catch (e) {
              if (e instanceof asyncio.CancelledError) log.push("body cancelled");
              throw e;
            }
          });
          log.push("after the group");
        }
        return yield* raised(asyncio.createTask(runner()));
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.ExceptionGroup);
    expect((err as asyncio.ExceptionGroup).message).toBe(MESSAGE);
    // The body's CancelledError is not one of the errors.
    expect(names(err)).toEqual(["ZeroDivisionError"]);
    expect(log.sort()).toEqual(["body cancelled", "sibling cancelled"]);
  });

  test("test_taskgroup_04: a failing child leaves its sibling cancelled", async () => {
    const out = await runVirtual(
      (function* () {
        let t2!: asyncio.Task<number>;
        const err = yield* raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.1, new ZeroDivisionError()));
            t2 = g.createTask(sleepThen(1, 1));
          }),
        );
        return { err, t2 };
      })(),
    );
    expect(names(out.err)).toEqual(["ZeroDivisionError"]);
    expect(out.t2.cancelled()).toBe(true);
  });

  test("test_taskgroup_19: several failures are collected in completion order and the body's error comes last", async () => {
    const err = await runVirtual(
      raised(
        asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          g.createTask(failAfter(0.2, new asyncio.ValueError("second")));
          g.createTask(failAfter(0.1, new TypeError("first")));
          g.createTask(failAfter(0.1, new RangeError("first too")));
          try {
            yield* asyncio.sleep(10);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: the body replaces its CancelledError
            throw new MyExc("body");
          }
        }),
      ),
    );
    // The ValueError child was cancelled before it could fail.
    const eg = err as asyncio.ExceptionGroup;
    expect(eg).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(eg.exceptions.map((e) => (e as Error).message)).toEqual(["first", "first too", "body"]);
  });

  test("failures of children that fail at once are all collected before the body's", async () => {
    const err = await runVirtual(
      raised(
        asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          g.createTask(failAfter(0, new asyncio.ValueError("1")));
          g.createTask(failAfter(0, new TypeError("2")));
          try {
            yield* asyncio.sleep(10);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: the body replaces its CancelledError
            throw new MyExc("body");
          }
        }),
      ),
    );
    expect(names(err)).toEqual(["ValueError", "TypeError", "MyExc"]);
  });

  test("test_taskgroup_09 and _10: an error in the body cancels the children", async () => {
    for (const waitFirst of [true, false]) {
      const out = await runVirtual(
        (function* () {
          const tasks: asyncio.Task<number>[] = [];
          const err = yield* raised(
            asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
              tasks.push(g.createTask(sleepThen(1, 42)), g.createTask(sleepThen(2, 11)));
              if (waitFirst) yield* asyncio.sleep(0.1);
              throw new ZeroDivisionError();
            }),
          );
          return { err, tasks, cancelling: asyncio.currentTask()!.cancelling() };
        })(),
      );
      expect(out.err).toBeInstanceOf(asyncio.ExceptionGroup);
      expect(names(out.err)).toEqual(["ZeroDivisionError"]);
      expect(out.tasks.map((t) => t.cancelled())).toEqual([true, true]);
      expect(out.cancelling).toBe(0);
    }
  });

  test("test_taskgroup_15: a body that waits through the cancellation still gets the group error", async () => {
    const err = await runVirtual(
      (function* () {
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.3, new ZeroDivisionError()));
            try {
              yield* asyncio.sleep(10);
            } catch (e) {
              yield* asyncio.sleep(0.5);
              throw e;
            }
          });
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        expect(r.done()).toBe(false);
        r.cancel();
        return yield* raised(r);
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(names(err)).toEqual(["ZeroDivisionError"]);
  });

  test("test_taskgroup_16: a group in a Task awaited by a cancelled Task, whose body waits through the cancellation, still ends with the child's error", async () => {
    const err = await runVirtual(
      (function* () {
        function* nested(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.3, new ZeroDivisionError()));
            try {
              yield* asyncio.sleep(10);
            } catch (e) {
              yield* asyncio.sleep(0.5);
              throw e;
            }
          });
        }
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.createTask(nested());
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        r.cancel();
        return yield* raised(r);
      })(),
    );
    expect(names(err)).toEqual(["ZeroDivisionError"]);
  });

  test("test_taskgroup_20a, _21a: the ExceptionGroup is an ExceptionGroup only if every error is an Exception", async () => {
    class MyBaseExc extends asyncio.BaseException {}
    for (const [childErr, bodyErr] of [
      [new ZeroDivisionError(), new MyBaseExc()],
      [new MyBaseExc(), new TypeError()],
    ]) {
      const err = await runVirtual(
        raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.1, childErr));
            try {
              yield* asyncio.sleep(10);
            } finally {
              // biome-ignore lint/correctness/noUnsafeFinally: the body replaces its CancelledError
              throw bodyErr;
            }
          }),
        ),
      );
      expect(err).toBeInstanceOf(asyncio.BaseExceptionGroup);
      expect(err).not.toBeInstanceOf(asyncio.ExceptionGroup);
      expect((err as asyncio.BaseExceptionGroup).exceptions).toEqual([childErr, bodyErr]);
    }
  });

  test("test_taskgroup_20: a KeyboardInterrupt from the body is re-raised bare", async () => {
    const ki = new asyncio.KeyboardInterrupt();
    const err = await runVirtual(
      raised(
        asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
          g.createTask(failAfter(0.1, new ZeroDivisionError()));
          try {
            yield* asyncio.sleep(10);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: the body replaces its CancelledError
            throw ki;
          }
        }),
      ),
    );
    expect(err).toBe(ki);
  });

  test.each([
    ["KeyboardInterrupt", () => new asyncio.KeyboardInterrupt()],
    ["SystemExit", () => new asyncio.SystemExit(3)],
  ])("a %s from a child is re-raised bare by the group and out of run", async (_n, make) => {
    const exc = make();
    const log: unknown[] = [];
    const reports: asyncio.ExceptionContext[] = [];
    const outcome = runVirtual(
      (function* () {
        asyncio.getRunningLoop().setExceptionHandler((_l, ctx) => reports.push(ctx));
        function* other(): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(10);
          } catch (e) {
            log.push("other cancelled");
            throw e;
          }
        }
        try {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.1, exc));
            g.createTask(other());
            yield* asyncio.sleep(10);
          });
        } catch (e) {
          log.push(e);
          throw e;
        }
      })(),
    );
    await expect(outcome).rejects.toBe(exc);
    expect(log).toEqual(["other cancelled", exc]);
    // As in CPython, the main Task, finished by the runner's clean-up, is reported.
    expect(reports.map((c) => [c.message, c.exception])).toEqual([
      ["Task exception was never retrieved", exc],
    ]);
  });

  test("test_taskgroup_18: the body's CancelledError replaced by an error is reported in the group", async () => {
    const out = await runVirtual(
      (function* () {
        let num = 0;
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* () {
            try {
              yield* asyncio.sleep(10);
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
            } catch {
              num += 10;
              throw new MyExc();
            }
          });
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        r.cancel();
        const err = yield* raised(r);
        return { err, num };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(names(out.err)).toEqual(["MyExc"]);
    expect(out.num).toBe(10);
  });

  test("test_taskgroup_context_manager_exit_raises: an error raised by an inner context manager's exit is grouped with the child's", async () => {
    class CustomException extends Error {}
    const database: asyncio.AsyncContextManager<void> = {
      *aenter() {},
      *aexit() {
        throw new CustomException("exit");
      },
    };
    const out = await runVirtual(
      (function* () {
        function* main(): asyncio.Coroutine<[unknown, number]> {
          const task = asyncio.currentTask()!;
          const err = yield* raised(
            asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
              yield* asyncio.asyncWith(database, function* () {
                tg.createTask(
                  (function* (): asyncio.Coroutine<never> {
                    throw new CustomException("child");
                  })(),
                );
                yield* asyncio.sleep(1);
              });
            }),
          );
          return [err, task.cancelling()];
        }
        return yield* asyncio.createTask(main());
      })(),
    );
    const [err, cancelling] = out;
    expect(cancelling).toBe(0);
    expect((err as asyncio.ExceptionGroup).exceptions.map((e) => (e as Error).message)).toEqual([
      "child",
      "exit",
    ]);
  });

  test("test_taskgroup_25: children that keep adding children (hydra) are all cancelled when a sibling fails", async () => {
    const out = await runVirtual(
      (function* () {
        let nhydras = 0;
        function* hydra(g: asyncio.TaskGroup): asyncio.Coroutine<void> {
          nhydras++;
          yield* asyncio.sleep(0.01);
          g.createTask(hydra(g));
          g.createTask(hydra(g));
        }
        function* hercules(): asyncio.Coroutine<void> {
          while (nhydras < 10) yield* asyncio.sleep(0.015);
          throw new ZeroDivisionError();
        }
        const err = yield* raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(hydra(g));
            g.createTask(hercules());
          }),
        );
        return { err, nhydras };
      })(),
    );
    expect(names(out.err)).toEqual(["ZeroDivisionError"]);
    expect(out.nhydras).toBeGreaterThanOrEqual(10);
  });

  test("test_taskgroup_no_create_task_after_failure: createTask after a failure raises RuntimeError", async () => {
    const out = await runVirtual(
      (function* () {
        let inner: unknown;
        const err = yield* raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            g.createTask(failAfter(0.001, new ZeroDivisionError()));
            g.createTask(
              (function* (): asyncio.Coroutine<void> {
                try {
                  yield* asyncio.sleep(1);
                  // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
                } catch {
                  try {
                    g.createTask(failAfter(0, new ZeroDivisionError()));
                  } catch (e) {
                    inner = e;
                  }
                }
              })(),
            );
          }),
        );
        return { err, inner };
      })(),
    );
    expect(names(out.err)).toEqual(["ZeroDivisionError"]);
    expect(out.inner).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.inner as Error).message).toMatch(/^TaskGroup <TaskGroup.*> is shutting down$/);
  });

  test("children are cancelled in creation order", async () => {
    const order = await runVirtual(
      (function* () {
        const seen: string[] = [];
        function* child(name: string): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(10);
          } catch (e) {
            seen.push(name);
            throw e;
          }
        }
        yield* raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            for (const n of ["c", "a", "e", "b", "d"]) g.createTask(child(n));
            g.createTask(failAfter(1, new ZeroDivisionError()));
          }),
        );
        return seen;
      })(),
    );
    expect(order).toEqual(["c", "a", "e", "b", "d"]);
  });

  test("after many children finished, the rest are counted and cancelled in creation order", async () => {
    const out = await runVirtual(
      (function* () {
        const seen: number[] = [];
        const reprs: string[] = [];
        function* child(i: number): asyncio.Coroutine<void> {
          try {
            // The first 150 finish one by one; the last 50 wait for the abort.
            yield* asyncio.sleep(i < 150 ? i / 100 : 10);
          } catch (e) {
            seen.push(i);
            throw e;
          }
        }
        const tg = new asyncio.TaskGroup();
        yield* raised(
          asyncio.asyncWith(tg, function* (g) {
            for (let i = 199; i >= 0; i--) g.createTask(child(i));
            yield* asyncio.sleep(1.6);
            reprs.push(String(g));
            g.createTask(failAfter(0, new ZeroDivisionError()));
          }),
        );
        return { seen, reprs };
      })(),
    );
    expect(out.reprs).toEqual(["<TaskGroup tasks=50 entered>"]);
    expect(out.seen).toEqual(Array.from({ length: 50 }, (_, k) => 199 - k));
  });

  test("a child failing after its parent finished goes to the exception handler", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const contexts: asyncio.ExceptionContext[] = [];
        loop.setExceptionHandler((_l, ctx) => contexts.push(ctx));
        const error = new asyncio.ValueError("x");
        let child!: asyncio.Task<never>;
        function* parent(): asyncio.Coroutine<number> {
          const tg = new asyncio.TaskGroup();
          yield* tg.aenter();
          child = tg.createTask(failAfter(1, error));
          return 1;
        }
        const p = asyncio.createTask(parent());
        yield* p;
        yield* asyncio.sleep(2);
        return { contexts, error, child, p };
      })(),
    );
    expect(out.contexts).toHaveLength(1);
    const ctx = out.contexts[0]!;
    expect(ctx.exception).toBe(out.error);
    expect(ctx.task).toBe(out.child);
    expect(ctx.message).toBe(
      `Task ${out.child} has errored out but its parent task ${out.p} is already completed`,
    );
  });
});

describe("cancellation", () => {
  test("test_cancellation: cancelling the parent cancels the children, then raises CancelledError", async () => {
    const out = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* child(i: number): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(5);
          } catch (e) {
            log.push(`child ${i} cancelled`);
            throw e;
          }
        }
        function* runner(): asyncio.Coroutine<void> {
          try {
            yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
              for (let i = 0; i < 5; i++) g.createTask(child(i));
            });
          } catch (e) {
            log.push("runner exits");
            throw e;
          }
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        expect(r.done()).toBe(false);
        r.cancel();
        const err = yield* raised(r);
        return { err, log, cancelled: r.cancelled() };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
    expect(out.cancelled).toBe(true);
    expect(out.log).toEqual([
      "child 0 cancelled",
      "child 1 cancelled",
      "child 2 cancelled",
      "child 3 cancelled",
      "child 4 cancelled",
      "runner exits",
    ]);
  });

  test("test_taskgroup_07: a body waiting when the parent is cancelled sees it too", async () => {
    const num = await runVirtual(
      (function* () {
        let n = 0;
        function* child(): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(5);
          } catch (e) {
            n += 1;
            throw e;
          }
        }
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            for (let i = 0; i < 5; i++) g.createTask(child());
            try {
              yield* asyncio.sleep(10);
            } catch (e) {
              n += 10;
              throw e;
            }
          });
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        r.cancel();
        const err = yield* raised(r);
        expect(err).toBeInstanceOf(asyncio.CancelledError);
        return n;
      })(),
    );
    expect(num).toBe(15);
  });

  test("test_taskgroup_17: an empty group propagates the cancellation of its body", async () => {
    const out = await runVirtual(
      (function* () {
        let n = 0;
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* () {
            try {
              yield* asyncio.sleep(10);
            } catch (e) {
              n += 10;
              throw e;
            }
          });
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        r.cancel("stop");
        const err = yield* raised(r);
        return { err, n };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
    expect((out.err as Error).message).toBe("stop");
    expect(out.n).toBe(10);
  });

  test("test_taskgroup_22: cancelling the parent while it waits in exit", async () => {
    const out = await runVirtual(
      (function* () {
        const tasks: asyncio.Task<number>[] = [];
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            tasks.push(g.createTask(sleepThen(1, 42)), g.createTask(sleepThen(2, 11)));
          });
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.05);
        r.cancel();
        const err = yield* raised(r);
        return { err, tasks, time: asyncio.getRunningLoop().time() };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
    expect(out.tasks.every((t) => t.cancelled())).toBe(true);
    expect(out.time).toBeCloseTo(0.05, 9);
  });

  test("test_taskgroup_08: children failing while being cancelled turn the cancellation into a group", async () => {
    const err = await runVirtual(
      (function* () {
        function* child(): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(10);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: as CPython's test does
            throw new ZeroDivisionError();
          }
        }
        function* runner(): asyncio.Coroutine<void> {
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g) {
            for (let i = 0; i < 5; i++) g.createTask(child());
            yield* asyncio.sleep(10);
          });
        }
        const r = asyncio.createTask(runner());
        yield* asyncio.sleep(0.1);
        r.cancel();
        return yield* raised(r);
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(names(err)).toEqual(Array(5).fill("ZeroDivisionError"));
  });

  test("test_cancelling_level_preserved: cancelling() is back to its entry value after a child failure", async () => {
    const out = await runVirtual(
      (function* () {
        const task = asyncio.currentTask()!;
        const err = yield* raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
            tg.createTask(failAfter(0, new asyncio.RuntimeError()));
            yield* asyncio.sleep(1);
          }),
        );
        return { err, cancelling: task.cancelling(), time: asyncio.getRunningLoop().time() };
      })(),
    );
    expect(names(out.err)).toEqual(["RuntimeError"]);
    expect(out.cancelling).toBe(0);
    expect(out.time).toBe(0);
  });

  test("test_error_and_cancel: an outside cancellation survives a group that fails", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const started = loop.createFuture<void>();
        const log: unknown[] = [];
        function* raiseError(): asyncio.Coroutine<void> {
          started.setResult(undefined);
          yield* asyncio.sleep(0);
          throw new asyncio.RuntimeError();
        }
        function* inner(): asyncio.Coroutine<void> {
          const me = asyncio.currentTask()!;
          const err = yield* raised(
            asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
              tg.createTask(raiseError());
              yield* asyncio.sleep(1);
              log.push("sleep in group not cancelled");
            }),
          );
          log.push(names(err), me.cancelling());
          yield* asyncio.sleep(1);
          log.push("sleep after group not cancelled");
        }
        const t = asyncio.createTask(inner());
        yield* started;
        log.push(t.cancelling());
        t.cancel();
        log.push(t.cancelling());
        const err = yield* raised(t);
        return { log, err, cancelled: t.cancelled() };
      })(),
    );
    expect(out.log).toEqual([0, 1, ["RuntimeError"], 1]);
    expect(out.err).toBeInstanceOf(asyncio.CancelledError);
    expect(out.cancelled).toBe(true);
  });
});

describe("nested groups", () => {
  test("test_taskgroup_11, _12: an inner group's failure after an outside cancel nests in the outer group", async () => {
    for (const withOuterChild of [false, true]) {
      const err = await runVirtual(
        (function* () {
          function* child(): asyncio.Coroutine<void> {
            try {
              yield* asyncio.sleep(10);
            } finally {
              // biome-ignore lint/correctness/noUnsafeFinally: as CPython's test does
              throw new ZeroDivisionError();
            }
          }
          function* runner(): asyncio.Coroutine<void> {
            yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g1) {
              if (withOuterChild) g1.createTask(asyncio.sleep(10));
              yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g2) {
                for (let i = 0; i < 5; i++) g2.createTask(child());
                yield* asyncio.sleep(10);
              });
            });
          }
          const r = asyncio.createTask(runner());
          yield* asyncio.sleep(0.1);
          r.cancel();
          return yield* raised(r);
        })(),
      );
      expect(names(err)).toEqual(["ExceptionGroup"]);
      const inner = (err as asyncio.ExceptionGroup).exceptions[0];
      expect(names(inner)).toEqual(Array(5).fill("ZeroDivisionError"));
    }
  });

  test("test_taskgroup_13: an outer child failing first cancels the inner group", async () => {
    const err = await runVirtual(
      raised(
        asyncio.asyncWith(new asyncio.TaskGroup(), function* (g1) {
          g1.createTask(failAfter(0.1, new asyncio.ValueError("0.1")));
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g2) {
            g2.createTask(failAfter(10, new asyncio.ValueError("10")));
          });
        }),
      ),
    );
    expect(names(err)).toEqual(["ValueError"]);
    expect(((err as asyncio.ExceptionGroup).exceptions[0] as Error).message).toBe("0.1");
  });

  test("test_taskgroup_14: an inner child failing first nests in the outer group", async () => {
    const err = await runVirtual(
      raised(
        asyncio.asyncWith(new asyncio.TaskGroup(), function* (g1) {
          g1.createTask(failAfter(10, new asyncio.ValueError("10")));
          yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (g2) {
            g2.createTask(failAfter(0.1, new asyncio.ValueError("0.1")));
          });
        }),
      ),
    );
    expect(names(err)).toEqual(["ExceptionGroup"]);
    expect(names((err as asyncio.ExceptionGroup).exceptions[0])).toEqual(["ValueError"]);
  });

  test("test_nested_groups_both_cancelled: both nested groups cancel the parent and each takes its request back", async () => {
    const out = await runVirtual(
      (function* () {
        const task = asyncio.currentTask()!;
        const levels: number[] = [];
        let innerErr: unknown;
        const outerErr = yield* raised(
          asyncio.asyncWith(new asyncio.TaskGroup(), function* (outerTg) {
            innerErr = yield* raised(
              asyncio.asyncWith(new asyncio.TaskGroup(), function* (innerTg) {
                innerTg.createTask(failAfter(0, new asyncio.RuntimeError()));
                outerTg.createTask(failAfter(0, new asyncio.ValueError()));
                yield* asyncio.sleep(1);
              }),
            );
            levels.push(task.cancelling());
          }),
        );
        levels.push(task.cancelling());
        return { innerErr, outerErr, levels };
      })(),
    );
    expect(names(out.innerErr)).toEqual(["RuntimeError"]);
    expect(names(out.outerErr)).toEqual(["ValueError"]);
    expect(out.levels).toEqual([1, 0]);
  });
});

describe("entering and createTask", () => {
  test("test_taskgroup_already_entered: entering a group that is entered raises RuntimeError", async () => {
    const err = await runVirtual(
      (function* () {
        const tg = new asyncio.TaskGroup();
        return yield* asyncio.asyncWith(tg, function* () {
          return yield* raised(asyncio.asyncWith(tg, function* () {}));
        });
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.RuntimeError);
    expect((err as Error).message).toMatch(
      /^TaskGroup <TaskGroup entered> has already been entered$/,
    );
  });

  test("test_taskgroup_double_enter: a group cannot be entered a second time", async () => {
    const err = await runVirtual(
      (function* () {
        const tg = new asyncio.TaskGroup();
        yield* asyncio.asyncWith(tg, function* () {});
        return yield* raised(asyncio.asyncWith(tg, function* () {}));
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.RuntimeError);
    expect((err as Error).message).toMatch(/has already been entered$/);
  });

  test("test_taskgroup_not_entered: createTask on a group not entered raises and closes the coroutine", async () => {
    const log: string[] = [];
    function* coro(): asyncio.Coroutine<number> {
      try {
        log.push("ran");
        return 1;
      } finally {
        log.push("finally");
      }
    }
    const out = await runVirtual(
      (function* () {
        const tg = new asyncio.TaskGroup();
        const c = coro();
        let err: unknown;
        try {
          tg.createTask(c);
        } catch (e) {
          err = e;
        }
        return { err, next: c.next() };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.err as Error).message).toBe("TaskGroup <TaskGroup> has not been entered");
    // Closed before it started: no code of it ran, and it cannot run any more.
    expect(log).toEqual([]);
    expect(out.next).toEqual({ done: true, value: undefined });
  });

  test("test_taskgroup_finished: createTask on a finished group raises and closes the coroutine", async () => {
    const out = await runVirtual(
      (function* () {
        const tg = new asyncio.TaskGroup();
        yield* asyncio.asyncWith(tg, function* () {});
        const c = asyncio.sleep(0);
        let err: unknown;
        try {
          tg.createTask(c);
        } catch (e) {
          err = e;
        }
        return { err, next: c.next(), tasks: asyncio.allTasks().size };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.err as Error).message).toBe("TaskGroup <TaskGroup entered> is finished");
    expect(out.next.done).toBe(true);
    expect(out.tasks).toBe(1);
  });

  test("test_taskgroup_without_parent_task: aenter without a current task raises RuntimeError", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const tg = new asyncio.TaskGroup();
        const done = loop.createFuture<unknown>();
        loop.callSoon(() => {
          try {
            (tg.aenter() as asyncio.Coroutine<asyncio.TaskGroup>).next();
            done.setResult(undefined);
          } catch (e) {
            done.setResult(e);
          }
        });
        const err = yield* done;
        let second: unknown;
        try {
          tg.createTask(asyncio.sleep(0));
        } catch (e) {
          second = e;
        }
        return { err, second };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.err as Error).message).toBe(
      "TaskGroup <TaskGroup> cannot determine the parent task",
    );
    expect(out.second).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.second as Error).message).toMatch(/has not been entered$/);
  });

  test("toString shows the tasks and the state", async () => {
    const seen = await runVirtual(
      (function* () {
        const tg = new asyncio.TaskGroup();
        const reprs = [String(tg)];
        yield* asyncio.asyncWith(tg, function* () {
          reprs.push(String(tg));
          tg.createTask(asyncio.sleep(1));
          tg.createTask(asyncio.sleep(1));
          reprs.push(String(tg));
        });
        return reprs;
      })(),
    );
    expect(seen).toEqual(["<TaskGroup>", "<TaskGroup entered>", "<TaskGroup tasks=2 entered>"]);
  });
});

describe("asyncWith", () => {
  class Manager implements asyncio.AsyncContextManager<string> {
    log: unknown[] = [];
    constructor(private readonly suppress: boolean) {}
    *aenter(): asyncio.Coroutine<string> {
      this.log.push("enter");
      yield* asyncio.sleep(0);
      return "value";
    }
    *aexit(exc?: unknown): asyncio.Coroutine<boolean> {
      this.log.push(["exit", exc]);
      yield* asyncio.sleep(0);
      return this.suppress;
    }
  }

  test("returns the body's value, which a TaskGroup body can compute from its children", async () => {
    const got = await runVirtual(
      asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        const t = tg.createTask(sleepThen(1, 20));
        return (yield* t) + 1;
      }),
    );
    expect(got).toBe(21);
  });

  test("passes aenter's value to the body and calls aexit with undefined", async () => {
    const m = new Manager(false);
    const got = await runVirtual(
      asyncio.asyncWith(m, function* (v) {
        m.log.push(["body", v]);
        return v.length;
      }),
    );
    expect(got).toBe(5);
    expect(m.log).toEqual(["enter", ["body", "value"], ["exit", undefined]]);
  });

  test("calls aexit with the body's error and re-raises it", async () => {
    const m = new Manager(false);
    const error = new MyExc("boom");
    const outcome = runVirtual(
      asyncio.asyncWith(m, function* () {
        yield* asyncio.sleep(1);
        throw error;
      }),
    );
    await expect(outcome).rejects.toBe(error);
    expect(m.log).toEqual(["enter", ["exit", error]]);
  });

  test("an aexit returning true suppresses the error and the result is undefined", async () => {
    const m = new Manager(true);
    const error = new MyExc("boom");
    const got = await runVirtual(
      asyncio.asyncWith(m, function* (): asyncio.Coroutine<number> {
        throw error;
      }),
    );
    expect(got).toBeUndefined();
    expect(m.log).toEqual(["enter", ["exit", error]]);
  });

  test("aexit is not called when aenter fails", async () => {
    const log: string[] = [];
    const cm: asyncio.AsyncContextManager<void> = {
      *aenter() {
        throw new MyExc("enter");
      },
      *aexit() {
        log.push("exit");
      },
    };
    await expect(runVirtual(asyncio.asyncWith(cm, function* () {}))).rejects.toThrow("enter");
    expect(log).toEqual([]);
  });
});
