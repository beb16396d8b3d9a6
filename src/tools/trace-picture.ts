/**
 * `formatTrace`: a trace drawn as text, one row per Task and one column per
 * loop iteration (several per column when there are more iterations than
 * columns), the loop's clock above:
 *
 *   loop time  0       2
 *   main       █·······█✓  2 steps, returned
 *   Task-2      █······✓   2 steps, returned
 *
 * Only what is deterministic is drawn (iterations, loop time, order), so a
 * program traced on a virtual clock draws the same picture every run.
 */
import type { TaskTrace, Trace } from "./trace-data.js";
import { describeAfter } from "./trace-describe.js";
import { formatTime, oneLine } from "./trace-text.js";

/**
 * Options of `formatTrace`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const options: asyncio.FormatTraceOptions = { width: 100, steps: true };
 * console.log(asyncio.formatTrace(trace, options));
 * ```
 */
export interface FormatTraceOptions {
  /**
   * Columns for the iterations; more iterations than this share columns. Default 64.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.formatTrace(trace, { width: 120 }));
   * ```
   */
  width?: number;
  /**
   * Also list each Task's steps: the iteration of each and what it waited on after it.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.formatTrace(trace, { steps: true }));
   * ```
   */
  steps?: boolean;
}

const STEP = "█";
const WAITING = "·";
const OUTCOME_GLYPH = { returned: "✓", raised: "✗", cancelled: "⊘" } as const;
const MAX_NAME = 24;

/**
 * The trace drawn as text: a row per Task, a column per loop iteration (several per column
 * past `width`), the loop's clock above. Only what is deterministic is drawn, so a program
 * traced on a virtual clock draws the same picture every run.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer = asyncio.startTracing();
 *   yield* asyncio.gather(asyncio.sleep(1), asyncio.sleep(2));
 *   console.log(asyncio.formatTrace(tracer.stop()));
 * }
 * ```
 */
export function formatTrace(trace: Trace, options?: FormatTraceOptions): string {
  const n = trace.iterations.length;
  const asked = options?.width ?? 64;
  if (!Number.isFinite(asked) || asked < 1) {
    throw new RangeError(`width must be a number of columns, at least 1: ${asked}`);
  }
  const width = Math.max(1, Math.min(n, Math.floor(asked)));
  const column = (iteration: number): number => Math.floor((iteration * width) / Math.max(1, n));
  const names = trace.tasks.map((t) => oneLine(t.name, MAX_NAME));
  const labelWidth = Math.max(9, ...names.map((s) => s.length)) + 2;

  const [axis, overflow] = timeAxis(trace, width, column);
  const lines = [`${"loop time".padEnd(labelWidth)}${axis}`.trimEnd()];
  if (overflow.trim() !== "") lines.push(`${"".padEnd(labelWidth)}${overflow}`.trimEnd());
  trace.tasks.forEach((task, i) => {
    const row = drawRow(task, width, column);
    lines.push(`${names[i]!.padEnd(labelWidth)}${row}  ${summary(task)}`);
  });
  const first = trace.iterations[0]?.loopTime ?? 0;
  const last = trace.iterations[n - 1]?.loopTime ?? first;
  const perColumn = n > width ? `, about ${(n / width).toFixed(1)} per column` : "";
  lines.push(
    "",
    `${n} iteration${n === 1 ? "" : "s"}${perColumn}; loop time ${formatTime(first)} → ${formatTime(last)} s; ${trace.tasks.length} task${trace.tasks.length === 1 ? "" : "s"}`,
    `${STEP} ran a step   ${WAITING} waiting   ${OUTCOME_GLYPH.returned} returned   ${OUTCOME_GLYPH.raised} raised   ${OUTCOME_GLYPH.cancelled} cancelled`,
  );
  if (options?.steps === true) {
    lines.push("", "Steps (iteration: what the Task did next):");
    for (const [i, task] of trace.tasks.entries()) {
      lines.push(`${names[i]!.padEnd(labelWidth)}${stepList(task)}`);
    }
  }
  return lines.join("\n");
}

/** A Task's steps, runs of the same outcome folded: `0: waits on sleep(1) · 3–5: yields ×3 · 6: returned`. */
function stepList(task: TaskTrace): string {
  const parts: string[] = [];
  const steps = task.steps;
  for (let i = 0; i < steps.length; ) {
    const what = describeAfter(task, steps[i]!);
    let j = i + 1;
    while (j < steps.length && describeAfter(task, steps[j]!) === what) j++;
    const first = steps[i]!.iteration;
    const last = steps[j - 1]!.iteration;
    parts.push(j - i === 1 ? `${first}: ${what}` : `${first}–${last}: ${what} ×${j - i}`);
    i = j;
  }
  return parts.length === 0 ? "no steps" : parts.join(" · ");
}

function drawRow(task: TaskTrace, width: number, column: (i: number) => number): string {
  const cells: string[] = new Array<string>(width).fill(" ");
  const from = column(task.createdIn ?? 0);
  const lastStep = task.steps[task.steps.length - 1];
  const until =
    task.outcome !== null && lastStep !== undefined ? column(lastStep.iteration) : width - 1;
  for (let c = from; c <= until; c++) cells[c] = WAITING;
  for (const step of task.steps) cells[column(step.iteration)] = STEP;
  if (task.outcome !== null && lastStep !== undefined) {
    cells[column(lastStep.iteration)] = OUTCOME_GLYPH[task.outcome.kind];
  }
  return cells.join("");
}

function summary(task: TaskTrace): string {
  const steps = `${task.steps.length} step${task.steps.length === 1 ? "" : "s"}`;
  const outcome = task.outcome;
  if (outcome === null) {
    const last = task.steps[task.steps.length - 1];
    const after = last?.after;
    const state =
      after?.kind === "waits"
        ? `waiting on ${after.on}`
        : after?.kind === "running"
          ? "running"
          : "pending";
    return `${steps}, ${state}`;
  }
  if (outcome.kind === "raised") return `${steps}, raised ${oneLine(outcome.error, 200)}`;
  return `${steps}, ${outcome.kind}`;
}

/**
 * Loop time written above the first column and above each column where it
 * moved on: on the first axis line, else on a second one, else not at all.
 */
function timeAxis(trace: Trace, width: number, column: (i: number) => number): [string, string] {
  const rows = [new Array<string>(width).fill(" "), new Array<string>(width).fill(" ")];
  const free = [0, 0]; // per row, the first cell a label may start at
  let previous = "";
  trace.iterations.forEach((it, i) => {
    // On the real clock iterations microseconds apart print alike: one label for them.
    const label = formatTime(it.loopTime);
    if (label === previous) return;
    previous = label;
    const c = column(i);
    const r = free[0]! <= c ? 0 : free[1]! <= c ? 1 : -1;
    if (r < 0) return;
    for (let k = 0; k < label.length; k++) rows[r]![c + k] = label[k]!;
    free[r] = c + label.length + 1;
  });
  return [rows[0]!.join(""), rows[1]!.join("")];
}
