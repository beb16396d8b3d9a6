/**
 * The links a trace records between steps (tools/trace.ts): which step of
 * which Task created a Task, and what woke a Task after each wait: another
 * Task's step (directly, or through done callbacks), a timer, a callback, or
 * something outside the loop. And the Chrome trace's flow events drawn from
 * them (tools/trace-chrome.ts).
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual } from "./helpers.js";
import { byName, wakings } from "./trace-program.js";

/** `Task name#step` for a step reference, `timer`, `callback`… for the other wakers. */
const wakerOf = (trace: asyncio.Trace, step: asyncio.TraceStep | undefined): string => {
  const w = step?.wokenBy;
  if (w === undefined) return "-";
  return w.kind === "step" ? `${trace.tasks[w.task]!.name}#${w.step}` : w.kind;
};

describe("the record's links", () => {
  test("a Task's creator step: the step of its parent it was created in", async () => {
    const trace = await runVirtual(wakings());
    const main = byName(trace, "main");
    const sleeper = byName(trace, "sleeper");
    expect(sleeper.createdBy).toEqual({ task: main.id, step: 0 });
    expect(main.steps[0]!.iteration).toBe(sleeper.createdIn);
    const child = byName(trace, "child");
    const grouped = byName(trace, "grouped");
    expect(child.createdBy).toEqual({ task: grouped.id, step: 0 });
    expect(main.createdBy).toBeUndefined();
  });

  test("what woke each Task: the step that completed what it waited on, or else where it came from", async () => {
    const trace = await runVirtual(wakings());
    const second = (name: string) => wakerOf(trace, byName(trace, name).steps[1]);
    expect(second("sleeper")).toBe("timer");
    expect(second("getter")).toBe("main#1"); // main's putNowait, in its second step
    expect(second("awaiter")).toBe("sleeper#1"); // sleeper's last step completed it
    expect(second("grouped")).toBe("child#1"); // through the TaskGroup's done callback
    expect(second("gathering")).toBe("sleeper#1"); // through gather's done callback
    expect(second("eventual")).toBe("main#1");
    expect(second("cancelled")).toBe("main#1"); // cancel() cancelled what it waited on
    expect(second("called back")).toBe("callback");
    expect(second("promised")).toBe("outside");
    // A first step follows no wait; a bare yield is woken by nothing.
    for (const task of trace.tasks) expect(task.steps[0]!.wokenBy).toBeUndefined();
  });

  test("a step after a bare yield records no waker", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        yield* asyncio.createTask(
          (function* () {
            yield* asyncio.sleep(0);
            yield* asyncio.sleep(0);
          })(),
          { name: "yielder" },
        );
        return tracer.stop();
      })(),
    );
    const steps = byName(trace, "yielder").steps;
    expect(steps.map((s) => s.after.kind)).toEqual(["yields", "yields", "done"]);
    expect(steps.map((s) => s.wokenBy)).toEqual([undefined, undefined, undefined]);
  });

  test("every link points at a step that exists, earlier than the step it leads to", async () => {
    const trace = await runVirtual(wakings());
    const stepAt = (ref: asyncio.StepRef) => trace.tasks[ref.task]!.steps[ref.step]!;
    for (const task of trace.tasks) {
      if (task.createdBy !== undefined) {
        expect(stepAt(task.createdBy).iteration).toBe(task.createdIn);
      }
      for (const step of task.steps) {
        const w = step.wokenBy;
        if (w?.kind === "step") expect(stepAt(w).iteration).toBeLessThan(step.iteration);
      }
    }
  });
});

describe("the Chrome trace's flows", () => {
  test("a flow per creation and per wake-up by a step, each start paired with one finish", async () => {
    const trace = await runVirtual(wakings());
    const { traceEvents } = asyncio.toChromeTrace(trace);
    const starts = traceEvents.filter((e) => e.ph === "s");
    const finishes = traceEvents.filter((e) => e.ph === "f");
    const created = trace.tasks.filter((t) => t.createdBy !== undefined).length;
    const woken = trace.tasks.flatMap((t) => t.steps).filter((s) => s.wokenBy?.kind === "step");
    expect(starts.filter((e) => e.name === "created")).toHaveLength(created);
    expect(starts.filter((e) => e.name === "woke")).toHaveLength(woken.length);
    expect(new Set(starts.map((e) => e.id)).size).toBe(starts.length);
    expect(finishes.map((e) => e.id).sort()).toEqual(starts.map((e) => e.id).sort());
    for (const start of starts) {
      const finish = finishes.find((e) => e.id === start.id)!;
      expect(finish.name).toBe(start.name);
      expect(finish.bp).toBe("e");
      expect(start.ts!).toBeLessThanOrEqual(finish.ts!);
    }
  });

  test("each end of a flow sits where a slice of the same category begins on its track", async () => {
    const trace = await runVirtual(wakings());
    const { traceEvents } = asyncio.toChromeTrace(trace);
    const slices = traceEvents.filter((e) => e.ph === "X");
    for (const end of traceEvents.filter((e) => e.ph === "s" || e.ph === "f")) {
      const bound = slices.filter((x) => x.tid === end.tid && x.ts === end.ts && x.cat === end.cat);
      expect(bound.length, `${end.name} ${end.ph} ${end.id}`).toBeGreaterThanOrEqual(1);
    }
    // The creation flow into "child" starts on grouped's track and ends on child's.
    const child = byName(trace, "child");
    const into = traceEvents.find(
      (e) => e.ph === "f" && e.name === "created" && e.tid === child.id + 1,
    )!;
    const from = traceEvents.find((e) => e.ph === "s" && e.id === into.id)!;
    expect(from.tid).toBe(byName(trace, "grouped").id + 1);
  });

  test("a slice says what woke its step", async () => {
    const trace = await runVirtual(wakings());
    const getter = byName(trace, "getter");
    const slices = asyncio
      .toChromeTrace(trace)
      .traceEvents.filter((e) => e.ph === "X" && e.tid === getter.id + 1);
    expect(slices[1]!.args?.wokenBy).toBe("woken by main step 2");
    expect(slices[0]!.args?.wokenBy).toBeUndefined();
  });
});
