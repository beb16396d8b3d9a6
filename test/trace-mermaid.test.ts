/**
 * Sequence diagrams from traces (tools/trace-mermaid.ts): the seed's
 * programs drawn at the tutorial's level give the tutorial's own diagrams,
 * word for word; the detailed level draws every Task's steps, waits,
 * wake-ups, cancellations and errors.
 */
import * as asyncio from "asyncio-ts";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import * as asCompleted from "../examples/seed/as-completed.js";
import * as oneAfterAnother from "../examples/seed/one-after-another.js";
import * as taskGroup from "../examples/seed/task-group.js";
import * as twoTasks from "../examples/seed/two-tasks.js";
import { runVirtual, waitForever } from "./helpers.js";

/** Runs `main` as the main coroutine (a Task named "main") on a virtual clock, traced. */
function traceOf(main: () => asyncio.Coroutine<unknown>): Promise<asyncio.Trace> {
  return runVirtual(
    (function* () {
      asyncio.currentTask()!.setName("main");
      const tracer = asyncio.startTracing();
      yield* main();
      return tracer.stop();
    })(),
  );
}

// The seed's programs print what they do; the tests read the diagrams.
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("the tutorial's level", () => {
  test("awaiting one after another draws the tutorial's first diagram", async () => {
    // The tutorial writes send_message("John Doe"); strings are written as the program writes them.
    expect(asyncio.toMermaid(await traceOf(oneAfterAnother.main))).toBe(
      [
        "sequenceDiagram",
        'Coroutine ->>EventLoop: schedule:sendMessage("John Doe")',
        'EventLoop -->>Coroutine: "Completed message to John Doe"',
        'Coroutine ->>EventLoop: schedule:sendMessage("Anna Herb")',
        'EventLoop -->>Coroutine: "Completed message to Anna Herb"',
      ].join("\n"),
    );
  });

  test("two tasks draw the tutorial's second diagram, and so does the TaskGroup", async () => {
    const second = [
      "sequenceDiagram",
      'Coroutine ->>EventLoop: schedule:sendMessage("John Doe")',
      'Coroutine ->>EventLoop: schedule:sendMessage("Anna Herb")',
      'EventLoop -->>Coroutine: "Completed message to John Doe"',
      'EventLoop -->>Coroutine: "Completed message to Anna Herb"',
    ].join("\n");
    expect(asyncio.toMermaid(await traceOf(twoTasks.main))).toBe(second);
    expect(asyncio.toMermaid(await traceOf(taskGroup.main))).toBe(second);
  });

  test("as_completed schedules three messages and gets three results", async () => {
    expect(asyncio.toMermaid(await traceOf(asCompleted.main))).toBe(
      [
        "sequenceDiagram",
        'Coroutine ->>EventLoop: schedule:sendMessage("John Does")',
        'Coroutine ->>EventLoop: schedule:sendMessage("Anna Herb")',
        'Coroutine ->>EventLoop: schedule:sendMessage("Chris Jakson")',
        'EventLoop -->>Coroutine: "Complete message to John Does"',
        'EventLoop -->>Coroutine: "Complete message to Anna Herb"',
        'EventLoop -->>Coroutine: "Complete message to Chris Jakson"',
      ].join("\n"),
    );
  });

  test("without asyncio.coroutine a Task is labelled by its function's name, a direct await not at all", async () => {
    function* plain(to: string): asyncio.Coroutine<string> {
      yield* asyncio.sleep(1);
      return `sent to ${to}`;
    }
    const trace = await traceOf(function* () {
      yield* plain("nobody sees this");
      yield* asyncio.createTask(plain("a Task"));
      yield* asyncio.createTask(asyncio.sleep(0), { name: "quick" });
    });
    expect(asyncio.toMermaid(trace)).toBe(
      [
        "sequenceDiagram",
        "Coroutine ->>EventLoop: schedule:plain(…)",
        'EventLoop -->>Coroutine: "sent to a Task"',
        // A Task's coroutine is named when the Task suspends; sleep(0)'s Task only yields
        // a turn, so its name stands for it (a longer sleep is sleep(…): see below).
        "Coroutine ->>EventLoop: schedule:quick",
        "EventLoop -->>Coroutine: undefined",
      ].join("\n"),
    );
  });

  test("errors and cancellations end with a cross; the main Task is chosen by name or not at all", async () => {
    const fail = asyncio.coroutine(function* fail(why: string): asyncio.Coroutine<never> {
      yield* asyncio.sleep(1);
      throw new asyncio.ValueError(why);
    });
    const trace = await traceOf(function* () {
      const stuck = asyncio.createTask(asyncio.sleep(10), { name: "stuck" });
      try {
        yield* fail("boom; #1 <b>");
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
      } catch {
        stuck.cancel();
      }
      yield* asyncio.gather(stuck, { returnExceptions: true });
    });
    expect(asyncio.toMermaid(trace, { main: "main" })).toBe(
      [
        "sequenceDiagram",
        // asyncio-ts's own coroutines are named as CPython names them.
        "Coroutine ->>EventLoop: schedule:sleep(…)",
        'Coroutine ->>EventLoop: schedule:fail("boom#59; #35;1 #60;b#62;")',
        "EventLoop --xCoroutine: ValueError: boom#59; #35;1 #60;b#62;",
        "EventLoop --xCoroutine: cancelled",
      ].join("\n"),
    );
    // No main coroutine: only Tasks, all of them the program's.
    expect(asyncio.toMermaid(trace, { main: null }).split("\n").slice(1)).toEqual([
      "Coroutine ->>EventLoop: schedule:sleep(…)",
      "EventLoop --xCoroutine: cancelled",
    ]);
    expect(() => asyncio.toMermaid(trace, { main: "nobody" })).toThrow(RangeError);
  });
});

describe("the detailed level", () => {
  const work = asyncio.coroutine(function* work(n: number): asyncio.Coroutine<number> {
    yield* asyncio.sleep(n);
    return n * 10;
  });
  function* fail(): asyncio.Coroutine<never> {
    yield* asyncio.sleep(1);
    throw new asyncio.ValueError("boom");
  }

  test("a participant per Task: its steps, waits, wake-ups, what it creates and cancels, how it ends", async () => {
    const trace = await traceOf(function* () {
      const stuck = asyncio.createTask(waitForever(new asyncio.Event()), { name: "stuck" });
      const failing = asyncio.createTask(fail(), { name: "failing" });
      yield* work(2);
      stuck.cancel();
      yield* asyncio.gather(stuck, failing, { returnExceptions: true });
    });
    expect(asyncio.toMermaid(trace, { level: "detailed" })).toBe(
      [
        "sequenceDiagram",
        "participant EventLoop",
        "participant t0 as main",
        "participant t1 as stuck<br/>waitForever(…)",
        "participant t2 as failing<br/>fail(…)",
        "activate t0",
        "t0->>t1: createTask(waitForever(…))",
        "t0->>t2: createTask(fail(…))",
        "t0->>t0: yield* work(2)",
        "t0->>EventLoop: waits on sleep(2)",
        "deactivate t0",
        "EventLoop->>t1: first step",
        "activate t1",
        "t1->>EventLoop: waits on Event.wait()",
        "deactivate t1",
        "EventLoop->>t2: first step",
        "activate t2",
        "t2->>EventLoop: waits on sleep(1)",
        "deactivate t2",
        "EventLoop->>t2: sleep(1) done",
        "activate t2",
        "t2--xEventLoop: raises ValueError: boom",
        "deactivate t2",
        "EventLoop->>t0: sleep(2) done",
        "activate t0",
        "t0-->>t0: returns 20",
        "t0-xt1: cancel()",
        "t0->>EventLoop: waits on gather()",
        "deactivate t0",
        "EventLoop-xt1: CancelledError (waiting on Event.wait())",
        "activate t1",
        "t1--xEventLoop: cancelled",
        "deactivate t1",
        "EventLoop->>t0: gather() done",
        "activate t0",
        // main was running when the trace stopped.
        "deactivate t0",
      ].join("\n"),
    );
  });

  test("a bare yield, a callback's cancel, and a Task that was there before tracing", async () => {
    const trace = await runVirtual(
      (function* () {
        asyncio.currentTask()!.setName("main");
        const early = asyncio.createTask(asyncio.sleep(1), { name: "early" });
        yield* asyncio.sleep(0);
        const tracer = asyncio.startTracing();
        asyncio.getRunningLoop().callSoon(() => early.cancel());
        yield;
        yield* asyncio.gather(early, { returnExceptions: true });
        return tracer.stop();
      })(),
    );
    const lines = asyncio.toMermaid(trace, { level: "detailed" }).split("\n");
    expect(lines.slice(3, 9)).toEqual([
      "participant t1 as early",
      "activate t0", // the step that started tracing: no arrow wakes it
      "t0->>EventLoop: yields",
      "deactivate t0",
      "EventLoop-xt1: cancel()", // from a callback, not a Task
      "EventLoop->>t0: next turn",
    ]);
    // What early waited on before tracing began is not known.
    expect(lines).toContain("EventLoop-xt1: CancelledError");
  });

  test("a Task that cancels itself gets the CancelledError at its next step", async () => {
    function* quitter(): asyncio.Coroutine<void> {
      asyncio.currentTask()!.cancel();
      yield* asyncio.sleep(1);
    }
    const trace = await traceOf(function* () {
      yield* asyncio.gather(asyncio.createTask(quitter(), { name: "quitter" }), {
        returnExceptions: true,
      });
    });
    const lines = asyncio.toMermaid(trace, { level: "detailed" }).split("\n");
    const from = lines.indexOf("t1-xt1: cancel()");
    expect(lines.slice(from, from + 6)).toEqual([
      "t1-xt1: cancel()",
      "t1->>EventLoop: waits on sleep(1)",
      "deactivate t1",
      "EventLoop-xt1: CancelledError (waiting on sleep(1))",
      "activate t1",
      "t1--xEventLoop: cancelled",
    ]);
  });

  test("labels are escaped, and the level is checked", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        yield* asyncio.createTask(asyncio.sleep(0, "a;b#c\n<d>"), { name: "x;y" });
        return tracer.stop();
      })(),
    );
    const diagram = asyncio.toMermaid(trace, { level: "detailed" });
    expect(diagram).toContain("participant t1 as x#59;y");
    expect(diagram).toContain('t1-->>EventLoop: returns "a#59;b#35;c\\n#60;d#62;"');
    expect(() => asyncio.toMermaid(trace, { level: "loud" as unknown as "detailed" })).toThrow(
      RangeError,
    );
  });
});
