/**
 * A traced step in words, shared by the drawings that label steps
 * (trace-picture.ts's text, the SVG timeline's tooltips and its grouping of
 * alike Tasks, trace-chrome.ts's slice arguments), so that the same step
 * reads the same in each.
 */
import type { TaskTrace, Trace, TraceStep, Waker } from "./trace-data.js";

/** What `task` did after `step`, in words: `waits on Queue.get()`, `yields`, `returned`… */
export function describeAfter(task: TaskTrace, step: TraceStep): string {
  const after = step.after;
  if (after.kind === "waits") return `waits on ${after.on}`;
  if (after.kind === "done") return task.outcome?.kind ?? "done";
  return after.kind;
}

/** What woke a step, in words: `woken by C1 step 4` (steps counted from 1), `woken by a timer`… */
export function describeWaker(trace: Trace, waker: Waker): string {
  switch (waker.kind) {
    case "step":
      return `woken by ${trace.tasks[waker.task]?.name ?? `task ${waker.task}`} step ${waker.step + 1}`;
    case "timer":
      return "woken by a timer";
    case "callback":
      return "woken by a loop callback";
    case "outside":
      return "woken from outside the loop";
  }
}
