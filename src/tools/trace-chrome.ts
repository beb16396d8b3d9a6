/**
 * `toChromeTrace`: a trace in the Trace Event Format that Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one track per Task, a slice
 * per step on the real clock, an instant per loop iteration.
 */
import { describeAfter, type Trace } from "./trace.js";

/** One entry of the Trace Event Format (the fields this exporter uses). */
export interface ChromeTraceEvent {
  readonly name: string;
  /** "X" a slice with a duration, "i" an instant, "M" metadata. */
  readonly ph: "X" | "i" | "M";
  readonly pid: number;
  readonly tid: number;
  /** Microseconds since tracing started. */
  readonly ts?: number;
  readonly dur?: number;
  /** Scope of an instant: "p" the whole process. */
  readonly s?: "p";
  readonly args?: Readonly<Record<string, string | number>>;
}

export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: "ms";
}

const PID = 1;
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
      events.push({
        name: task.name,
        ph: "X",
        pid: PID,
        tid,
        ts: micros(step.at),
        dur: micros(step.duration),
        args: {
          iteration: step.iteration,
          loopTime: trace.iterations[step.iteration]?.loopTime ?? 0,
          after: describeAfter(task, step),
        },
      });
    }
  }
  return { traceEvents: events, displayTimeUnit: "ms" };
}

function micros(ms: number): number {
  return Math.round(ms * 1000);
}
