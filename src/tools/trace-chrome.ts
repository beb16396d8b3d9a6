/**
 * `toChromeTrace`: a trace in the Trace Event Format that Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one track per Task, a slice
 * per step on the real clock, an instant per loop iteration, and flow arrows
 * from the step that created a Task to its first step and from the step
 * that woke a Task to the step it woke.
 */
import { describeAfter, describeWaker, type StepRef, type Trace } from "./trace.js";

/** One entry of the Trace Event Format (the fields this exporter uses). */
export interface ChromeTraceEvent {
  readonly name: string;
  /** "X" a slice with a duration, "i" an instant, "M" metadata, "s"/"f" a flow's start and finish. */
  readonly ph: "X" | "i" | "M" | "s" | "f";
  /** Slices and flows share one category: a viewer binds a flow to a slice of its category. */
  readonly cat?: string;
  readonly pid: number;
  readonly tid: number;
  /** Microseconds since tracing started. */
  readonly ts?: number;
  readonly dur?: number;
  /** Scope of an instant: "p" the whole process. */
  readonly s?: "p";
  /** A flow's id, shared by its "s" and its "f". */
  readonly id?: number;
  /** Binding point of a flow's finish: "e" the slice enclosing it (not the next one). */
  readonly bp?: "e";
  readonly args?: Readonly<Record<string, string | number>>;
}

export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: "ms";
}

const PID = 1;
const CAT = "asyncio";
// Track 0 holds the loop's iterations; Task i is track i + 1.
const LOOP_TID = 0;

/**
 * The trace as Trace Event Format JSON (write it with `JSON.stringify`).
 * @example writeFileSync("trace.json", JSON.stringify(asyncio.toChromeTrace(tracer.stop())));
 */
export function toChromeTrace(trace: Trace): ChromeTrace {
  const events: ChromeTraceEvent[] = [
    { name: "process_name", ph: "M", pid: PID, tid: LOOP_TID, args: { name: "asyncio-ts loop" } },
    { name: "thread_name", ph: "M", pid: PID, tid: LOOP_TID, args: { name: "loop" } },
  ];
  trace.iterations.forEach((it, i) => {
    events.push({
      name: `iteration ${i}`,
      ph: "i",
      s: "p",
      pid: PID,
      tid: LOOP_TID,
      ts: micros(it.at),
      args: { loopTime: it.loopTime },
    });
  });
  for (const task of trace.tasks) {
    const tid = task.id + 1;
    events.push({ name: "thread_name", ph: "M", pid: PID, tid, args: { name: task.name } });
    for (const step of task.steps) {
      const args: Record<string, string | number> = {
        iteration: step.iteration,
        loopTime: trace.iterations[step.iteration]?.loopTime ?? 0,
        after: describeAfter(task, step),
      };
      if (step.wokenBy !== undefined) args.wokenBy = describeWaker(trace, step.wokenBy);
      events.push({
        name: task.name,
        cat: CAT,
        ph: "X",
        pid: PID,
        tid,
        ts: micros(step.at),
        dur: micros(step.duration),
        args,
      });
    }
  }
  events.push(...flows(trace));
  return { traceEvents: events, displayTimeUnit: "ms" };
}

/**
 * A flow per creation and per wake-up by a step. Each end sits at the start
 * of its slice, on the slice's track and in its category: Perfetto binds a
 * flow event to the slice open on its track (it orders a slice before the
 * flow events at the same time), chrome://tracing to the slice enclosing it,
 * DevTools to the slice starting at that very time.
 */
function flows(trace: Trace): ChromeTraceEvent[] {
  const out: ChromeTraceEvent[] = [];
  let id = 0;
  const link = (name: string, from: StepRef, to: StepRef): void => {
    const source = trace.tasks[from.task]?.steps[from.step];
    const target = trace.tasks[to.task]?.steps[to.step];
    if (source === undefined || target === undefined) return;
    id++;
    const start = { name, cat: CAT, pid: PID, id } as const;
    out.push({ ...start, ph: "s", tid: from.task + 1, ts: micros(source.at) });
    out.push({ ...start, ph: "f", bp: "e", tid: to.task + 1, ts: micros(target.at) });
  };
  for (const task of trace.tasks) {
    if (task.createdBy !== undefined) link("created", task.createdBy, { task: task.id, step: 0 });
    task.steps.forEach((step, i) => {
      if (step.wokenBy?.kind === "step") link("woke", step.wokenBy, { task: task.id, step: i });
    });
  }
  return out;
}

function micros(ms: number): number {
  return Math.round(ms * 1000);
}
