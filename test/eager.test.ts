import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual } from "./helpers.js";

/** Runs `main` on a virtual-time loop whose task factory is the eager one. */
function runEager<T>(main: () => asyncio.Coroutine<T>): Promise<T> {
  return runVirtual(
    (function* () {
      asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
      return yield* main();
    })(),
  );
}

describe("eagerTaskFactory", () => {
  test("test_eager_task_factory_set: setTaskFactory installs it and createTask makes Tasks", async () => {
    const out = await runEager(function* () {
      const loop = asyncio.getRunningLoop();
      const t = loop.createTask((function* () {})());
      yield* t;
      return {
        same: loop.getTaskFactory() === asyncio.eagerTaskFactory,
        isTask: t instanceof asyncio.Task,
      };
    });
    expect(out).toEqual({ same: true, isTask: true });
  });

  test("test_await_future_during_eager_step: a future set during the eager step is done when createTask returns", async () => {
    const out = await runEager(function* () {
      const fut = asyncio.getRunningLoop().createFuture<string>();
      const t = asyncio.createTask(
        (function* () {
          fut.setResult("my message");
        })(),
      );
      return { taskDone: t.done(), r: yield* fut };
    });
    expect(out).toEqual({ taskDone: true, r: "my message" });
  });

  test("test_eager_completion: a coroutine that never suspends is done at once", async () => {
    const out = await runEager(function* () {
      const t = asyncio.createTask(
        (function* (): asyncio.Coroutine<string> {
          return "hello";
        })(),
      );
      return { done: t.done(), coro: t.getCoro(), r: yield* t };
    });
    expect(out).toEqual({ done: true, coro: null, r: "hello" });
  });

  test("test_block_after_eager_step: a coroutine that suspends continues as a normal task", async () => {
    const out = await runEager(function* () {
      const t = asyncio.createTask(
        (function* (): asyncio.Coroutine<string> {
          yield* asyncio.sleep(0.1);
          return "finished after blocking";
        })(),
      );
      const before = t.done();
      return { before, r: yield* t, after: t.done() };
    });
    expect(out).toEqual({ before: false, r: "finished after blocking", after: true });
  });

  test("test_cancellation_after_eager_completion: cancel() after eager completion does nothing", async () => {
    const out = await runEager(function* () {
      const t = asyncio.createTask(
        (function* (): asyncio.Coroutine<string> {
          return "finished without blocking";
        })(),
      );
      const cancelled = t.cancel();
      return { cancelled, r: yield* t, isCancelled: t.cancelled() };
    });
    expect(out).toEqual({ cancelled: false, r: "finished without blocking", isCancelled: false });
  });

  test("test_cancellation_after_eager_step_blocks: cancel() after an eager step that blocked delivers the message", async () => {
    const out = await runEager(function* () {
      const t = asyncio.createTask(
        (function* () {
          yield* asyncio.sleep(0.1);
        })(),
      );
      t.cancel("cancellation message");
      const cancelling = t.cancelling();
      try {
        yield* t;
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
      } catch (e) {
        return { cancelling, e };
      }
      return { cancelling, e: undefined };
    });
    expect(out.cancelling).toBe(1);
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect((out.e as Error).message).toBe("cancellation message");
  });

  test("test_current_task: currentTask() is the new task during the eager step and after it suspends", async () => {
    const out = await runEager(function* () {
      const me = asyncio.currentTask();
      let captured: asyncio.Task | undefined;
      let later: asyncio.Task | undefined;
      const t = asyncio.createTask(
        (function* () {
          captured = asyncio.currentTask();
          yield* asyncio.sleep(0.1);
          later = asyncio.currentTask();
        })(),
      );
      const back = asyncio.currentTask() === me;
      yield* t;
      return { first: captured === t, later: later === t, back };
    });
    expect(out).toEqual({ first: true, later: true, back: true });
  });

  test("test_all_tasks_with_eager_completion: allTasks() holds a finishing eager task only during its step", async () => {
    const out = await runEager(function* () {
      let during = false;
      const t = asyncio.createTask(
        (function* () {
          during = asyncio.allTasks().has(asyncio.currentTask()!);
        })(),
      );
      return { during, after: asyncio.allTasks().has(t) };
    });
    expect(out).toEqual({ during: true, after: false });
  });

  test("test_all_tasks_with_blocking: a blocked eager task stays in allTasks() until done", async () => {
    const out = await runEager(function* () {
      const loop = asyncio.getRunningLoop();
      const fut1 = loop.createFuture<void>();
      const fut2 = loop.createFuture<void>();
      const t = asyncio.createTask(
        (function* () {
          yield* fut1;
          fut2.setResult(undefined);
        })(),
      );
      const blocked = asyncio.allTasks().has(t);
      fut1.setResult(undefined);
      yield* fut2;
      yield* asyncio.sleep(0);
      return { blocked, after: asyncio.allTasks().has(t) };
    });
    expect(out).toEqual({ blocked: true, after: false });
  });

  test("test_context_vars: context variables: the eager step runs in the task's copy", async () => {
    const cv = new asyncio.ContextVar<number>("cv", { default: 0 });
    const out = await runEager(function* () {
      const seen: number[] = [];
      cv.set(1);
      const t = asyncio.createTask(
        (function* () {
          seen.push(cv.get());
          cv.set(2);
          yield* asyncio.sleep(0.1);
          seen.push(cv.get());
          cv.set(3);
        })(),
      );
      const afterCreate = cv.get();
      yield* t;
      return { seen, afterCreate, afterAwait: cv.get() };
    });
    expect(out).toEqual({ seen: [1, 2], afterCreate: 1, afterAwait: 1 });
  });

  test("an eager start only happens on a running loop", async () => {
    const loop = new asyncio.EventLoop({ virtualTime: true });
    let ran = false;
    loop.setTaskFactory(asyncio.eagerTaskFactory);
    const t = loop.createTask(
      (function* () {
        ran = true;
      })(),
    );
    const before = ran;
    await loop.runUntilComplete(t);
    loop.close();
    expect(before).toBe(false);
    expect(ran).toBe(true);
  });

  test("eagerStart: false on a task overrides the factory, undefined keeps it", async () => {
    const out = await runEager(function* () {
      const log: string[] = [];
      const mk = (name: string) =>
        (function* () {
          log.push(name);
        })();
      asyncio.createTask(mk("lazy"), { eagerStart: false });
      asyncio.createTask(mk("default"), { eagerStart: undefined });
      asyncio.createTask(mk("named"), { name: "n" });
      log.push("caller");
      yield* asyncio.sleep(0);
      return log;
    });
    expect(out).toEqual(["default", "named", "caller", "lazy"]);
  });

  test("TaskGroup children and gather's coroutines start inside createTask", async () => {
    const out = await runEager(function* () {
      const log: string[] = [];
      const child = function* (name: string, delay: number): asyncio.Coroutine<string> {
        log.push(`${name} starts`);
        yield* asyncio.sleep(delay);
        log.push(`${name} ends`);
        return name;
      };
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(child("a", 1));
        log.push("body");
        tg.createTask(child("b", 0.5));
      });
      const g = yield* asyncio.gather(child("c", 0), child("d", 0));
      return { log, g };
    });
    expect(out.log).toEqual([
      "a starts",
      "body",
      "b starts",
      "b ends",
      "a ends",
      "c starts",
      "d starts",
      "c ends",
      "d ends",
    ]);
    expect(out.g).toEqual(["c", "d"]);
  });

  test("with the eager factory no task is created for a chain of awaits or nested TaskGroups", async () => {
    let lazyTasks = 0;
    const counting = asyncio.createEagerTaskFactory(
      class extends asyncio.Task<unknown> {
        constructor(
          coro: asyncio.Coroutine<unknown>,
          options?: asyncio.TaskOptions & { loop?: asyncio.EventLoop },
        ) {
          if (options?.eagerStart !== true) lazyTasks++;
          super(coro, options);
        }
      } as unknown as asyncio.TaskConstructor,
    );
    function* recursive(width: number, depth: number): asyncio.Coroutine<void> {
      if (depth === 0) return;
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        for (let i = 0; i < width; i++) tg.createTask(recursive(width, depth - 1));
      });
    }
    await runVirtual(
      (function* () {
        asyncio.getRunningLoop().setTaskFactory(counting);
        yield* recursive(3, 3);
      })(),
    );
    expect(lazyTasks).toBe(0);
  });
});

describe("createTask(coro, { eagerStart: true })", () => {
  test("the first step runs before createTask returns; a lazy task created first runs later", async () => {
    const out = await runVirtual(
      (function* () {
        const log: string[] = [];
        const quick = function* (name: string): asyncio.Coroutine<string> {
          log.push(`${name} in ${asyncio.currentTask()!.getName()}`);
          return name.toUpperCase();
        };
        const lazy = asyncio.createTask(quick("lazy"), { name: "L" });
        log.push("lazy created");
        const eager = asyncio.createTask(quick("eager"), { name: "E", eagerStart: true });
        log.push("eager created");
        const r = [yield* lazy, yield* eager];
        return { log, r, eagerWasDone: true };
      })(),
    );
    expect(out.log).toEqual(["lazy created", "eager in E", "eager created", "lazy in L"]);
    expect(out.r).toEqual(["LAZY", "EAGER"]);
  });

  test("an eager task that suspends resumes in scheduling order with lazy ones", async () => {
    const out = await runVirtual(
      (function* () {
        const log: string[] = [];
        const stepper = function* (name: string): asyncio.Coroutine<void> {
          for (let i = 0; i < 3; i++) {
            log.push(`${name}${i}`);
            yield* asyncio.sleep(0);
          }
        };
        const a = asyncio.createTask(stepper("L"));
        const b = asyncio.createTask(stepper("E"), { eagerStart: true });
        yield* asyncio.gather(a, b);
        return log;
      })(),
    );
    expect(out).toEqual(["E0", "L0", "E1", "L1", "E2", "L2"]);
  });

  test("an eager task that fails at once is done with the error", async () => {
    const out = await runVirtual(
      (function* () {
        const t = asyncio.createTask(
          (function* () {
            throw new asyncio.ValueError("at once");
          })(),
          { eagerStart: true },
        );
        return { done: t.done(), e: t.exception() };
      })(),
    );
    expect(out.done).toBe(true);
    expect(out.e).toBeInstanceOf(asyncio.ValueError);
  });
});
