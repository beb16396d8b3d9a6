/**
 * What a Task waits on, sorted into the few kinds the SVG timeline colours
 * its waits by (trace-svg.ts), with the legend's words for each.
 */

export type WaitKind =
  | "sleep"
  | "queue"
  | "lock"
  | "event"
  | "taskgroup"
  | "task"
  | "promise"
  | "gather"
  | "other";

export interface WaitStyle {
  readonly kind: WaitKind;
  readonly color: string;
  readonly legend: string;
}

/** In the legend's order. Light colours: a wait is background, the steps are what is drawn dark. */
export const WAIT_STYLES: readonly WaitStyle[] = [
  { kind: "sleep", color: "#7dd3fc", legend: "sleep()" },
  { kind: "queue", color: "#86efac", legend: "Queue get / put" },
  { kind: "lock", color: "#fca5a5", legend: "Lock, Semaphore, Condition" },
  { kind: "event", color: "#fcd34d", legend: "Event.wait()" },
  { kind: "taskgroup", color: "#c4b5fd", legend: "TaskGroup children" },
  { kind: "task", color: "#f9a8d4", legend: "another Task" },
  { kind: "gather", color: "#d9c3a0", legend: "gather()" },
  { kind: "promise", color: "#5eead4", legend: "a Promise" },
  { kind: "other", color: "#cbd5e1", legend: "other Future" },
];

/** The labels the primitives give their Futures (see _labelFuture in the core). */
const LABELLED: readonly [RegExp, WaitKind][] = [
  [/^sleep\(/, "sleep"],
  [/Queue\.(get|put)\(\)$/, "queue"],
  [/\.acquire\(\)$|^Condition\.wait\(\)$/, "lock"],
  [/^Event\.wait\(\)$/, "event"],
  [/^TaskGroup children$/, "taskgroup"],
  [/^gather\(\)$/, "gather"],
  [/^a Promise$/, "promise"],
];

/** The kind of wait `on` describes; a name among `taskNames` is another Task. */
export function waitKind(on: string, taskNames: ReadonlySet<string>): WaitKind {
  for (const [pattern, kind] of LABELLED) if (pattern.test(on)) return kind;
  return taskNames.has(on) ? "task" : "other";
}
