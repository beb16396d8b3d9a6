/**
 * What a Tracer keeps while it records, before `snapshot()` turns it into a
 * Trace (trace-data.ts). A Task is a mutable record here, found through a
 * WeakMap from the Task, and events and the links between steps point at
 * records rather than at indexes: a Task's index in `Trace.tasks` is known
 * only when a snapshot orders them (those that existed before tracing
 * first). A record holds a Future only while its Task waits on it, so
 * tracing keeps nothing alive that the program has let go.
 */
import type { Future } from "../core/kernel/index.js";
import type { TaskOutcome, TraceEvent, TraceStep } from "./trace-data.js";

/** An event as recorded: Tasks by their records, numbered when a snapshot is taken. */
export type RecordedEvent =
  | { kind: "created"; task: MutableTaskTrace; by: MutableTaskTrace | null }
  | { kind: "cancelRequested"; task: MutableTaskTrace; by: MutableTaskTrace | null }
  | { kind: "resumed"; task: MutableTaskTrace; step: number }
  | { kind: "suspended"; task: MutableTaskTrace; step: number }
  | { kind: "awaited"; task: MutableTaskTrace; call: string }
  | { kind: "awaitEnded"; task: MutableTaskTrace; call: string; outcome: TaskOutcome };

/** A Task as the Tracer records it; `snapshot()` copies it into a TaskTrace. */
export interface MutableTaskTrace {
  name: string;
  parent: MutableTaskTrace | null;
  createdIn: number | null;
  createdBy: StepCause | null;
  steps: TraceStep[];
  outcome: TaskOutcome | null;
  /** When its open step began (ms since tracing started). */
  stepAt: number;
  /** The Future it waits on since its last step (held only while the Task holds it too). */
  waitsOn: Future<unknown> | null;
  /** What woke its open step. */
  wake: Cause | null;
  /** What woke each step, by index in `steps`. */
  wakes: Map<number, Cause>;
  coroutine: string | null;
  /** Whether its coroutine's name was looked for on the stack already. */
  named: boolean;
  /** Labels of the coroutines it awaits directly now, innermost last. */
  awaiting: string[];
}

/** A step while recording: Tasks are records, numbered only in a snapshot. */
export interface StepCause {
  readonly record: MutableTaskTrace;
  readonly step: number;
}

/** What completed a Future, kept until the Task it wakes starts its step (a Waker once numbered). */
export type Cause = StepCause | "timer" | "callback" | "outside";

/**
 * A recorded event with its Tasks numbered: its own fields, in their order
 * (each kind records exactly the fields of its TraceEvent), Tasks replaced by ids.
 */
export function numbered(e: RecordedEvent, id: (t: MutableTaskTrace) => number): TraceEvent {
  const by = "by" in e && { by: e.by === null ? null : id(e.by) };
  return { ...e, task: id(e.task), ...by } as TraceEvent;
}
