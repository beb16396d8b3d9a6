/**
 * Which Tasks the SVG timeline draws in which lane. One lane per Task while
 * they fit; past `maxLanes`, Tasks that did exactly the same thing (same
 * creator step, same steps in the same iterations, same waits, same end)
 * share a lane, and if that is still too many, the last lanes fold into one
 * that counts their steps per column.
 */
import type { TaskTrace, Trace } from "./trace-data.js";
import { describeAfter } from "./trace-describe.js";

export interface Lane {
  /** "task": one Task; "alike": Tasks that did the same, drawn as the first; "rest": the overflow. */
  readonly kind: "task" | "alike" | "rest";
  /** Ids of its Tasks (indexes in `Trace.tasks`), in creation order. */
  readonly tasks: readonly number[];
}

/** The lanes, in the order of their first Task. */
export function planLanes(trace: Trace, maxLanes: number): Lane[] {
  const tasks = trace.tasks;
  if (tasks.length <= maxLanes) return tasks.map((t) => ({ kind: "task", tasks: [t.id] }));
  const groups = new Map<string, number[]>();
  for (const task of tasks) {
    const key = signature(task);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [task.id]);
    else group.push(task.id);
  }
  const lanes: Lane[] = [...groups.values()].map((ids) => ({
    kind: ids.length === 1 ? "task" : "alike",
    tasks: ids,
  }));
  if (lanes.length <= maxLanes) return lanes;
  const kept = lanes.slice(0, Math.max(0, maxLanes - 1));
  const rest = lanes.slice(kept.length).flatMap((lane) => lane.tasks);
  return [...kept, { kind: "rest", tasks: rest.sort((a, b) => a - b) }];
}

/** Everything the lane would draw for `task`, but its name. */
function signature(task: TaskTrace): string {
  const by = task.createdBy;
  return JSON.stringify([
    by === undefined ? null : [by.task, by.step],
    task.createdIn,
    task.steps.map((s) => [s.iteration, describeAfter(task, s)]),
    task.outcome?.kind ?? null,
  ]);
}
