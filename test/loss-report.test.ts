/**
 * "Task exception was never retrieved" while the loop runs: a fire-and-forget
 * Task that fails is freed by the garbage collector and reported then (as
 * CPython reports it when the last reference goes), not kept until the loop
 * closes. These tests drive V8's collector themselves (`gc` made available
 * through V8's flags), and wait for the FinalizationRegistry's reports with a
 * bound on the number of collections, not on time.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { collectGarbageUntil } from "./helpers.js";

function* fail(i: number): asyncio.Coroutine<never> {
  yield* asyncio.sleep(0);
  throw new Error(`boom ${i}`);
}

/** Starts `n` failing Tasks nobody keeps; returns a weak reference to the first. */
function spawnFailing(n: number): WeakRef<asyncio.Task<never>> {
  const first = new WeakRef(asyncio.createTask(fail(0)));
  for (let i = 1; i < n; i++) asyncio.createTask(fail(i));
  return first;
}

describe("unretrieved exceptions of Tasks nobody keeps", () => {
  test("are reported while the loop runs, and the Tasks are freed", async () => {
    const n = 500;
    const reports: asyncio.ExceptionContext[] = [];
    let reportedDuringRun = 0;
    let oneTask: WeakRef<asyncio.Task<never>> | undefined;
    await asyncio.run(
      (function* () {
        asyncio.getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
        // Outside the generator: a local of main's would keep the last Task, as in Python.
        oneTask = spawnFailing(n);
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        yield* collectGarbageUntil(() => reports.length === n);
        reportedDuringRun = reports.length;
      })(),
      { virtualTime: true },
    );
    expect(reportedDuringRun).toBe(n);
    expect(reports.length).toBe(n);
    expect(oneTask!.deref()).toBeUndefined();
    const first = reports.find((r) => (r.exception as Error).message === "boom 0")!;
    expect(first.message).toBe("Task exception was never retrieved");
    expect(String(first.future)).toBe(
      "<Task finished name='Task-2' coro=<coroutine> exception=Error('boom 0')>",
    );
  });

  test("the default handler prints the collected Task as it prints a live one (no quotes)", async () => {
    const printed: string[] = [];
    const loop = new asyncio.EventLoop({ virtualTime: true });
    const original = console.error;
    console.error = (text: unknown) => printed.push(String(text));
    try {
      await loop.runUntilComplete(
        (function* () {
          asyncio.createTask(fail(1), { name: "lost" });
          yield* asyncio.sleep(0);
          yield* asyncio.sleep(0);
          yield* collectGarbageUntil(() => printed.length > 0);
        })(),
      );
      expect(printed).toHaveLength(1);
      // The same failure, still referenced when the loop closes: reported by close().
      const kept = loop.createTask(fail(2), { name: "kept" });
      await loop.runUntilComplete(asyncio.sleep(0.1));
      loop.close();
      expect(kept.done()).toBe(true);
    } finally {
      console.error = original;
    }
    expect(printed).toHaveLength(2);
    const [collected, closed] = printed.map((text) => text.split("\n").slice(0, 2));
    expect(collected).toEqual([
      "Task exception was never retrieved",
      "future: <Task finished name='lost' coro=<coroutine> exception=Error('boom 1')>",
    ]);
    expect(closed).toEqual([
      "Task exception was never retrieved",
      "future: <Task finished name='kept' coro=<coroutine> exception=Error('boom 2')>",
    ]);
  });

  test("an error that is retrieved within the batch is neither registered nor reported", async () => {
    const reports: asyncio.ExceptionContext[] = [];
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        loop.setExceptionHandler((_loop, context) => reports.push(context));
        const tasks = Array.from({ length: 50 }, (_, i) => asyncio.createTask(fail(i)));
        const results = yield* asyncio.gather(...tasks, { returnExceptions: true });
        expect(results).toHaveLength(50);
        // A host turn: the batch that retrieved them is over.
        yield* asyncio.fromPromise(new Promise((resolve) => setTimeout(resolve, 1)));
        expect(loop._unretrieved.fresh).toHaveLength(0);
        expect(loop._unretrieved.watched.size).toBe(0);
      })(),
      { virtualTime: true },
    );
    expect(reports).toEqual([]);
  });
});
