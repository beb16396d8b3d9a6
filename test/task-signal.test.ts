/**
 * The `{ signal }` option: an AbortSignal that cancels the Task it was given
 * to, on `createTask`, `loop.createTask`, `TaskGroup.createTask`, `run` and
 * `Runner.run`.
 */
import { getEventListeners } from "node:events";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual, sleepThen } from "./helpers.js";

/** What awaiting `aw` threw, as text. */
function* outcome(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<string> {
  try {
    return `returned ${String(yield* aw)}`;
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
  } catch (e) {
    return String(e);
  }
}

describe("createTask(coro, { signal })", () => {
  test("aborting cancels the Task with the reason's message", async () => {
    const got = await runVirtual(
      (function* () {
        const out: string[] = [];
        const reasons: unknown[] = [new Error("stop it"), "as text", 42, undefined];
        for (const reason of reasons) {
          const controller = new AbortController();
          const task = asyncio.createTask(sleepThen(10, "late"), { signal: controller.signal });
          asyncio.getRunningLoop().callLater(1, () => controller.abort(reason));
          out.push(yield* outcome(task));
        }
        return out;
      })(),
    );
    expect(got).toEqual([
      "CancelledError: stop it",
      "CancelledError: as text",
      "CancelledError: 42",
      "CancelledError: This operation was aborted",
    ]);
  });

  test("an aborted signal cancels before the first step: the coroutine never runs", async () => {
    const log: string[] = [];
    function* work(): asyncio.Coroutine<void> {
      log.push("ran");
    }
    const got = await runVirtual(
      (function* () {
        const out: string[] = [];
        const loop = asyncio.getRunningLoop();
        out.push(yield* outcome(asyncio.createTask(work(), { signal: AbortSignal.abort("no") })));
        out.push(
          yield* outcome(
            loop.createTask(work(), { eagerStart: true, signal: AbortSignal.abort("eager asked") }),
          ),
        );
        loop.setTaskFactory(asyncio.eagerTaskFactory);
        out.push(
          yield* outcome(asyncio.createTask(work(), { signal: AbortSignal.abort("eager") })),
        );
        // A factory that passes no options on: the signal is applied to what it returns.
        loop.setTaskFactory((l, coro) => new asyncio.Task(coro, { loop: l }));
        out.push(yield* outcome(asyncio.createTask(work(), { signal: AbortSignal.abort("own") })));
        return out;
      })(),
    );
    expect(got).toEqual([
      "CancelledError: no",
      "CancelledError: eager asked",
      "CancelledError: eager",
      "CancelledError: own",
    ]);
    expect(log).toEqual([]);
  });

  test("a signal that aborts during an eager first step cancels the Task", async () => {
    const got = await runVirtual(
      (function* () {
        asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
        const controller = new AbortController();
        const task = asyncio.createTask(
          (function* () {
            controller.abort("from inside");
            yield* asyncio.sleep(1);
          })(),
          { signal: controller.signal },
        );
        return yield* outcome(task);
      })(),
    );
    expect(got).toBe("CancelledError: from inside");
  });

  test("the listener goes when the Task is done: a long-lived signal holds no Task", async () => {
    const controller = new AbortController();
    const counts = await runVirtual(
      (function* () {
        const tasks = [1, 2, 3].map((i) =>
          asyncio.createTask(sleepThen(i, i), { signal: controller.signal }),
        );
        const before = getEventListeners(controller.signal, "abort").length;
        yield* asyncio.gather(...tasks);
        return [before, getEventListeners(controller.signal, "abort").length];
      })(),
    );
    expect(counts).toEqual([3, 0]);
    controller.abort();
  });

  test("another Task's signal cancels with that Task's cancel message", async () => {
    const got = await runVirtual(
      (function* () {
        const parent = asyncio.createTask(asyncio.sleep(10));
        const child = asyncio.createTask(asyncio.sleep(10), { signal: parent.signal });
        yield* asyncio.sleep(1);
        parent.cancel("parent stopped");
        return [yield* outcome(parent), yield* outcome(child)];
      })(),
    );
    expect(got).toEqual(["CancelledError: parent stopped", "CancelledError: parent stopped"]);
  });
});

describe("TaskGroup.createTask(coro, { signal })", () => {
  test("cancels that child only; a cancelled child is not an error of the group", async () => {
    const got = await runVirtual(
      (function* () {
        const controller = new AbortController();
        let a!: asyncio.Task<string>;
        let b!: asyncio.Task<string>;
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
          a = tg.createTask(sleepThen(2, "a"), { signal: controller.signal });
          b = tg.createTask(sleepThen(3, "b"));
          asyncio.getRunningLoop().callLater(1, () => controller.abort("not needed"));
        });
        return [a.cancelled(), b.result()];
      })(),
    );
    expect(got).toEqual([true, "b"]);
  });
});

describe("run and Runner.run with { signal }", () => {
  test("aborting cancels the main Task: run raises CancelledError", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 5);
    await expect(asyncio.run(asyncio.sleep(60), { signal: controller.signal })).rejects.toThrow(
      new asyncio.CancelledError("shutting down"),
    );
  });

  test("an aborted signal: main never runs", async () => {
    const log: string[] = [];
    const runner = new asyncio.Runner({ virtualTime: true });
    try {
      await expect(
        runner.run(
          (function* () {
            log.push("ran");
          })(),
          { signal: AbortSignal.abort("too late") },
        ),
      ).rejects.toThrow(new asyncio.CancelledError("too late"));
      expect(await runner.run(sleepThen(1, "next"))).toBe("next");
    } finally {
      await runner.close();
    }
    expect(log).toEqual([]);
  });
});
