/**
 * `toChromeTrace`: a trace in the Trace Event Format that Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one track per Task, a slice
 * per step on the real clock, an instant per loop iteration, and flow arrows
 * from the step that created a Task to its first step and from the step
 * that woke a Task to the step it woke.
 */
import type { StepRef, Trace } from "./trace-data.js";
import { describeAfter, describeWaker } from "./trace-describe.js";

/**
 * One entry of the Trace Event Format (the fields `toChromeTrace` uses).
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const slices = asyncio.toChromeTrace(trace).traceEvents.filter((e) => e.ph === "X");
 * ```
 */
export interface ChromeTraceEvent {
  /**
   * What the entry shows: a Task's step, an iteration, a flow.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.toChromeTrace(trace).traceEvents.map((e) => e.name));
   * ```
   */
  readonly name: string;
  /**
   * The phase: "X" a slice with a duration, "i" an instant, "M" metadata, "s"/"f" a flow's
   * start and finish.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const instants = asyncio.toChromeTrace(trace).traceEvents.filter((e) => e.ph === "i");
   * ```
   */
  readonly ph: "X" | "i" | "M" | "s" | "f";
  /**
   * The category; slices and flows share one, since a viewer binds a flow to a slice of its category.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const categories = new Set(asyncio.toChromeTrace(trace).traceEvents.map((e) => e.cat));
   * ```
   */
  readonly cat?: string;
  /**
   * The process id the viewer groups tracks under (one for the whole trace).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const pid = asyncio.toChromeTrace(trace).traceEvents[0]?.pid;
   * ```
   */
  readonly pid: number;
  /**
   * The track: one per Task (and one for the loop).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const tracks = new Set(asyncio.toChromeTrace(trace).traceEvents.map((e) => e.tid)).size;
   * ```
   */
  readonly tid: number;
  /**
   * When it happened, in microseconds since tracing started.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const first = asyncio.toChromeTrace(trace).traceEvents.find((e) => e.ts !== undefined)?.ts;
   * ```
   */
  readonly ts?: number;
  /**
   * A slice's duration, in microseconds.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const busy = asyncio.toChromeTrace(trace).traceEvents.reduce((t, e) => t + (e.dur ?? 0), 0);
   * ```
   */
  readonly dur?: number;
  /**
   * The scope of an instant: "p", the whole process.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const global = asyncio.toChromeTrace(trace).traceEvents.filter((e) => e.s === "p");
   * ```
   */
  readonly s?: "p";
  /**
   * A flow's id, shared by its "s" and its "f".
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const flows = asyncio.toChromeTrace(trace).traceEvents.filter((e) => e.id !== undefined);
   * ```
   */
  readonly id?: number;
  /**
   * The binding point of a flow's finish: "e", the slice enclosing it (not the next one).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const finishes = asyncio.toChromeTrace(trace).traceEvents.filter((e) => e.bp === "e");
   * ```
   */
  readonly bp?: "e";
  /**
   * Details the viewer shows for the entry (what a step waited on, what woke it…).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * for (const e of asyncio.toChromeTrace(trace).traceEvents) if (e.args) console.log(e.args);
   * ```
   */
  readonly args?: Readonly<Record<string, string | number>>;
}

/**
 * A trace in the Trace Event Format's JSON object form, as Perfetto and chrome://tracing open it.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const json: asyncio.ChromeTrace = asyncio.toChromeTrace(trace);
 * console.log(JSON.stringify(json));
 * ```
 */
export interface ChromeTrace {
  /**
   * The entries: a slice per step, an instant per iteration, flows from creator and waker steps.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.toChromeTrace(trace).traceEvents.length);
   * ```
   */
  readonly traceEvents: readonly ChromeTraceEvent[];
  /**
   * The unit the viewer shows times in.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.toChromeTrace(trace).displayTimeUnit); // "ms"
   * ```
   */
  readonly displayTimeUnit: "ms";
}

const PID = 1;
const CAT = "asyncio";
// Track 0 holds the loop's iterations; Task i is track i + 1.
const LOOP_TID = 0;

/**
 * The trace in the Trace Event Format that Perfetto (ui.perfetto.dev) and chrome://tracing
 * open: a track per Task, a slice per step on the real clock, an instant per iteration, and
 * flow arrows from the step that created or woke a Task. Write it with `JSON.stringify`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer = asyncio.startTracing();
 *   yield* asyncio.gather(asyncio.sleep(1), asyncio.sleep(2));
 *   console.log(JSON.stringify(asyncio.toChromeTrace(tracer.stop()))); // save as trace.json
 * }
 * ```
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
