/**
 * Tracing (tools/trace.ts): the record of iterations and Task steps, the
 * picture drawn from it and the Chrome trace export. Every program runs on a
 * virtual clock, so iterations and loop times are the same on every run.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failAfter, runVirtual, sleepThen, waitForever, ZeroDivisionError } from "./helpers.js";

/** main creates a sleeper, a failing Task and a Task it cancels, and traces it all. */
function* tracedProgram(): asyncio.Coroutine<asyncio.Trace> {
  asyncio.currentTask()!.setName("main");
  const tracer = asyncio.startTracing();
  const ok = asyncio.createTask(sleepThen(1, "done"), { name: "sleeper" });
  const bad = asyncio.createTask(failAfter(2, new ZeroDivisionError("division by zero")), {
    name: "failing",
  });
  const stuck = asyncio.createTask(waitForever(new asyncio.Event()), { name: "stuck" });
  yield* asyncio.sleep(0.5);
  stuck.cancel();
  yield* asyncio.gather(ok, bad, stuck, { returnExceptions: true });
  return tracer.stop();
}

const byName = (trace: asyncio.Trace, name: string): asyncio.TaskTrace => {
  const task = trace.tasks.find((t) => t.name === name);
  if (task === undefined) throw new Error(`no task ${name} in the trace`);
  return task;
};
const loopTimeOf = (trace: asyncio.Trace, step: asyncio.TraceStep): number =>
  trace.iterations[step.iteration]!.loopTime;

describe("the record", () => {
  test("each Task's creator, steps, what it waited on after each, and how it ended", async () => {
    const trace = await runVirtual(tracedProgram());
    expect(trace.tasks.map((t) => t.name)).toEqual(["main", "sleeper", "failing", "stuck"]);
    const [main] = trace.tasks;
    expect(main!.createdIn).toBeNull(); // it existed before tracing began
    expect(main!.outcome).toBeNull(); // still running when the trace stopped
    for (const name of ["sleeper", "failing", "stuck"]) {
      expect(byName(trace, name).parent).toBe(main!.name);
      expect(byName(trace, name).createdIn).toBe(0);
    }

    const sleeper = byName(trace, "sleeper");
    expect(sleeper.steps.map((s) => s.after.kind)).toEqual(["waits", "done"]);
    expect(sleeper.steps[0]!.after).toEqual({ kind: "waits", on: "sleep(1)" });
    expect(loopTimeOf(trace, sleeper.steps[1]!)).toBe(1);
    // Results are kept as the program writes them, not as the values themselves.
    expect(sleeper.outcome).toEqual({ kind: "returned", value: '"done"' });

    const failing = byName(trace, "failing");
    expect(loopTimeOf(trace, failing.steps[1]!)).toBe(2);
    expect(failing.outcome).toEqual({
      kind: "raised",
      error: "ZeroDivisionError: division by zero",
    });

    const stuck = byName(trace, "stuck");
    expect(stuck.steps[0]!.after).toEqual({ kind: "waits", on: "Event.wait()" });
    expect(stuck.steps.map((s) => loopTimeOf(trace, s))).toEqual([0, 0.5]);
    expect(stuck.outcome).toEqual({ kind: "cancelled" });

    // main waited on the gather, then was running (it stopped the tracer).
    const mainThen = main!.steps.map((s) => s.after);
    expect(mainThen.slice(-2)).toEqual([{ kind: "waits", on: "gather()" }, { kind: "running" }]);
  });

  test("iterations are numbered from the one running when tracing began, with the loop's time", async () => {
    const trace = await runVirtual(tracedProgram());
    const times = trace.iterations.map((it) => it.loopTime);
    expect(times[0]).toBe(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times)).toEqual(new Set([0, 0.5, 1, 2]));
    // Every step ran in a recorded iteration, in order of iterations per Task.
    for (const task of trace.tasks) {
      const its = task.steps.map((s) => s.iteration);
      expect(its).toEqual([...its].sort((a, b) => a - b));
      expect(Math.max(...its)).toBeLessThan(trace.iterations.length);
    }
  });

  test("a Task awaiting another names it", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        const inner = asyncio.createTask(sleepThen(1, 1), { name: "inner" });
        const outer = asyncio.createTask(
          (function* () {
            return yield* inner;
          })(),
          { name: "outer" },
        );
        yield* outer;
        return tracer.stop();
      })(),
    );
    expect(byName(trace, "outer").steps[0]!.after).toEqual({ kind: "waits", on: "inner" });
  });

  test("an eager Task's first step is recorded in the iteration that created it", async () => {
    const trace = await runVirtual(
      (function* () {
        asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
        const tracer = asyncio.startTracing();
        yield* asyncio.createTask(sleepThen(0, "x"), { name: "eager" });
        return tracer.stop();
      })(),
    );
    const eager = byName(trace, "eager");
    expect(eager.createdIn).toBe(0);
    expect(eager.steps[0]!.iteration).toBe(0);
    expect(eager.outcome).toEqual({ kind: "returned", value: '"x"' });
  });

  test("tracing a loop twice at once is a RuntimeError; stop() uninstalls, and steps after it are not recorded", async () => {
    const out = await runVirtual(
      (function* () {
        asyncio.currentTask()!.setName("main");
        const first = asyncio.startTracing();
        let refused: unknown;
        try {
          asyncio.startTracing();
        } catch (e) {
          refused = e;
        }
        const trace = first.stop();
        const later = asyncio.createTask(sleepThen(0, 0), { name: "later" });
        yield* later;
        const second = asyncio.startTracing();
        const again = second.stop();
        return { refused, trace, again, afterStop: first.snapshot() };
      })(),
    );
    expect(out.refused).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.refused as Error).message).toBe("the loop is already being traced");
    expect(out.afterStop.tasks.map((t) => t.name)).not.toContain("later");
    expect(out.again.tasks.map((t) => t.name)).toEqual(["main"]);
  });

  test("tracing leaves a failed Task's exception unretrieved: closing the loop still reports it", async () => {
    const loop = new asyncio.EventLoop({ virtualTime: true });
    const reports: string[] = [];
    loop.setExceptionHandler((_loop, context) => reports.push(String(context.message)));
    const error = new ZeroDivisionError("lost");
    await loop.runUntilComplete(
      (function* () {
        const tracer = asyncio.startTracing();
        asyncio.createTask(failAfter(0, error), { name: "forgotten" });
        yield* asyncio.sleep(0.1);
        const trace = tracer.stop();
        expect(byName(trace, "forgotten").outcome?.kind).toBe("raised");
      })(),
    );
    loop.close();
    expect(reports).toEqual(["Task exception was never retrieved"]);
  });
});

describe("the record, at its edges", () => {
  test("what a Task waits on is named: the primitive and method, the Task, or the Promise", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        const queue = new asyncio.Queue<number>(1);
        const lock = new asyncio.Lock();
        const sem = new asyncio.BoundedSemaphore(1);
        const cond = new asyncio.Condition();
        yield* lock.acquire();
        yield* sem.acquire();
        queue.putNowait(1);
        const named = (name: string, coro: asyncio.Coroutine<unknown>) =>
          asyncio.createTask(coro, { name });
        const tasks = [
          named("getter", new asyncio.Queue<number>().get()),
          named("putter", queue.put(2)),
          named("locker", lock.acquire()),
          named("semaphore", sem.acquire()),
          named(
            "condition",
            (function* () {
              yield* asyncio.asyncWith(cond, function* () {
                yield* cond.wait();
              });
            })(),
          ),
          named(
            "group",
            (function* () {
              yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
                tg.createTask(asyncio.sleep(1));
              });
            })(),
          ),
          named("float", asyncio.sleep(0.1 + 0.2)),
          named(
            "shielded",
            (function* () {
              yield* asyncio.shield(asyncio.sleep(1));
            })(),
          ),
          named(
            "promise",
            (function* () {
              yield* asyncio.fromPromise(new Promise((resolve) => setTimeout(resolve, 1)));
            })(),
          ),
        ];
        yield* asyncio.sleep(0.5);
        const trace = tracer.stop();
        for (const t of tasks) t.cancel();
        yield* asyncio.gather(...tasks, { returnExceptions: true });
        return trace;
      })(),
    );
    const waitsOn = (name: string) => {
      const after = byName(trace, name).steps[0]!.after;
      return after.kind === "waits" ? after.on : after.kind;
    };
    expect(waitsOn("getter")).toBe("Queue.get()");
    expect(waitsOn("putter")).toBe("Queue.put()");
    expect(waitsOn("locker")).toBe("Lock.acquire()");
    expect(waitsOn("semaphore")).toBe("BoundedSemaphore.acquire()");
    expect(waitsOn("condition")).toBe("Condition.wait()");
    expect(waitsOn("group")).toBe("TaskGroup children");
    expect(waitsOn("shielded")).toBe("shield()");
    expect(waitsOn("promise")).toBe("a Promise");
    expect(waitsOn("float")).toBe("sleep(0.3)");
  });

  test("an iteration where the virtual clock jumps is recorded at the time its timers fire", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const tracer = asyncio.startTracing();
        let ranIn = -1;
        loop.callLater(0.05, () => {
          ranIn = tracer.snapshot().iterations.length - 1;
        });
        yield* asyncio.sleep(0.1);
        return { trace: tracer.stop(), ranIn };
      })(),
    );
    expect(out.trace.iterations[out.ranIn]!.loopTime).toBe(0.05);
  });

  test("a tracer started in the step that stopped another records that step", async () => {
    const second = await runVirtual(
      (function* () {
        asyncio.currentTask()!.setName("main");
        const first = asyncio.startTracing();
        yield* asyncio.sleep(1);
        first.stop();
        return asyncio.startTracing(); // main returns in this very step
      })(),
    );
    const main = second.snapshot().tasks[0]!;
    expect(main.name).toBe("main");
    expect(main.steps.map((s) => s.after.kind)).toEqual(["done"]);
    expect(main.outcome).toEqual({ kind: "returned", value: "Tracer {…}" });
  });

  test("stop() inside an eager Task's first step ends its creator's step too, as running", async () => {
    let stopped: asyncio.Trace | undefined;
    let tracer: asyncio.Tracer | undefined;
    function* child(): asyncio.Coroutine<void> {
      stopped = tracer!.stop();
      yield* asyncio.sleep(0);
    }
    await runVirtual(
      (function* () {
        asyncio.currentTask()!.setName("main");
        tracer = asyncio.startTracing();
        asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
        yield* asyncio.createTask(child(), { name: "eager" });
      })(),
    );
    const kinds = (name: string) => byName(stopped!, name).steps.map((s) => s.after.kind);
    expect(kinds("main")).toEqual(["running"]);
    expect(kinds("eager")).toEqual(["running"]);
  });

  test("a child's parent is its creator's latest name", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        const child = asyncio.createTask(asyncio.sleep(0), { name: "child" });
        asyncio.currentTask()!.setName("renamed");
        yield* child;
        return tracer.stop();
      })(),
    );
    expect(byName(trace, "child").parent).toBe("renamed");
    expect(trace.tasks.map((t) => t.id)).toEqual([0, 1]);
  });

  test("tracing begun before the loop runs records only the iterations that ran", async () => {
    const loop = new asyncio.EventLoop({ virtualTime: true });
    const tracer = asyncio.startTracing(loop);
    const task = loop.createTask(sleepThen(1, "x"), { name: "work" });
    await loop.runUntilComplete(task);
    const trace = tracer.stop();
    loop.close();
    const work = byName(trace, "work");
    expect(work.createdIn).toBe(0);
    expect(work.steps[0]!.iteration).toBe(0);
    expect(trace.iterations[0]!.loopTime).toBe(0);
    expect(loopTimeOf(trace, work.steps[1]!)).toBe(1);
  });
});

describe("the picture", () => {
  test("a row per Task: a step mark per step, the outcome in its last step's column", async () => {
    const trace = await runVirtual(tracedProgram());
    const text = asyncio.formatTrace(trace);
    const lines = text.split("\n");
    const n = trace.iterations.length;
    for (const task of trace.tasks) {
      const line = lines.find((l) => l.startsWith(`${task.name} `));
      expect(line, task.name).toBeDefined();
      const labelWidth = lines[0]!.indexOf("0");
      const cells = [...line!.slice(labelWidth)].slice(0, n);
      for (const step of task.steps) expect("█✓✗⊘").toContain(cells[step.iteration]);
      const last = task.steps[task.steps.length - 1]!;
      const glyph = { returned: "✓", raised: "✗", cancelled: "⊘" };
      if (task.outcome !== null) expect(cells[last.iteration]).toBe(glyph[task.outcome.kind]);
      else
        expect(
          cells
            .slice(last.iteration + 1)
            .join("")
            .trim(),
        ).toMatch(/^·*$/);
    }
    expect(lines.find((l) => l.startsWith("failing "))).toMatch(
      /2 steps, raised ZeroDivisionError: division by zero$/,
    );
    expect(text).toContain(`${n} iterations; loop time 0 → 2 s; 4 tasks`);
    expect(text).toContain("█ ran a step   · waiting   ✓ returned   ✗ raised   ⊘ cancelled");
  });

  test("the loop's time is written above the columns where it moved on", async () => {
    const trace = await runVirtual(tracedProgram());
    const [axis] = asyncio.formatTrace(trace).split("\n");
    const labelWidth = axis!.indexOf("0");
    for (const [i, it] of trace.iterations.entries()) {
      if (i > 0 && it.loopTime === trace.iterations[i - 1]!.loopTime) continue;
      expect(axis!.slice(labelWidth + i)).toMatch(new RegExp(`^${it.loopTime}`));
    }
  });

  test("more iterations than columns share columns", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        yield* asyncio.createTask(
          (function* () {
            for (let i = 0; i < 300; i++) yield* asyncio.sleep(0);
          })(),
          { name: "spinner" },
        );
        return tracer.stop();
      })(),
    );
    const lines = asyncio.formatTrace(trace, { width: 40 }).split("\n");
    const row = lines.find((l) => l.startsWith("spinner "))!;
    const labelWidth = lines[0]!.indexOf("0");
    expect(row.slice(labelWidth, labelWidth + 40)).toMatch(/^█{39}✓$/);
    expect(row).toMatch(/ {2}301 steps, returned$/);
    expect(lines.join("\n")).toMatch(/about \d+\.\d per column/);
  });
});

describe("the Chrome trace", () => {
  test("a named track per Task with a slice per step, an instant per iteration", async () => {
    const trace = await runVirtual(tracedProgram());
    const { traceEvents } = asyncio.toChromeTrace(trace);
    const tracks = traceEvents.filter((e) => e.name === "thread_name" && e.tid > 0);
    expect(tracks.map((e) => e.args?.name)).toEqual(trace.tasks.map((t) => t.name));
    for (const task of trace.tasks) {
      const slices = traceEvents.filter((e) => e.ph === "X" && e.tid === task.id + 1);
      expect(slices).toHaveLength(task.steps.length);
      const starts = slices.map((e) => e.ts!);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      for (const e of slices) expect(e.dur).toBeGreaterThanOrEqual(0);
    }
    expect(traceEvents.filter((e) => e.ph === "i")).toHaveLength(trace.iterations.length);
    expect(JSON.parse(JSON.stringify({ traceEvents }))).toEqual({ traceEvents });
  });
});

describe("the picture, at its edges", () => {
  const trace = (name: string, error: string): asyncio.Trace => ({
    iterations: [
      { loopTime: 0, at: 0 },
      { loopTime: 0, at: 1 },
    ],
    tasks: [
      {
        id: 0,
        name,
        parent: null,
        createdIn: 0,
        steps: [
          { iteration: 0, at: 0, duration: 0, after: { kind: "yields" } },
          { iteration: 1, at: 1, duration: 0, after: { kind: "done" } },
        ],
        outcome: { kind: "raised", error },
        coroutine: null,
      },
    ],
    events: [],
    startedIn: null,
  });

  test("long names are cut on whole characters; a message's first line only", () => {
    const text = asyncio.formatTrace(trace(`${"x".repeat(22)}😀😀😀`, "Error: line one\nline two"));
    const row = text.split("\n")[1]!;
    expect(row.startsWith(`${"x".repeat(22)}😀…`)).toBe(true);
    expect(row.endsWith("raised Error: line one …")).toBe(true);
    expect(text).not.toContain("line two");
  });

  test("an empty trace draws its legend; a width that is not a number of columns is a RangeError", () => {
    expect(
      asyncio.formatTrace({ iterations: [], tasks: [], events: [], startedIn: null }),
    ).toContain("0 iterations; loop time 0 → 0 s; 0 tasks");
    for (const width of [Number.NaN, 0, Number.POSITIVE_INFINITY]) {
      expect(() => asyncio.formatTrace(trace("t", "E"), { width })).toThrow(RangeError);
    }
  });
});

describe("the steps list", () => {
  test("each Task's steps with what it did next, runs of the same folded", async () => {
    const trace = await runVirtual(
      (function* () {
        asyncio.currentTask()!.setName("main");
        const tracer = asyncio.startTracing();
        yield* asyncio.createTask(
          (function* () {
            for (let i = 0; i < 3; i++) yield* asyncio.sleep(0);
            yield* asyncio.sleep(1);
          })(),
          { name: "worker" },
        );
        return tracer.stop();
      })(),
    );
    const text = asyncio.formatTrace(trace, { steps: true });
    const listed = text.slice(text.indexOf("Steps (iteration: what the Task did next):"));
    const worker = byName(trace, "worker");
    const its = worker.steps.map((s) => s.iteration);
    expect(listed).toMatch(
      new RegExp(
        `^worker +${its[0]}–${its[2]}: yields ×3 · ${its[3]}: waits on sleep\\(1\\) · ${its[4]}: returned$`,
        "m",
      ),
    );
    expect(listed).toMatch(/^main +0: waits on worker · \d+: running$/m);
    expect(asyncio.formatTrace(trace)).not.toContain("Steps (");
  });
});
