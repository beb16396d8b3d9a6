/**
 * One lane of the SVG timeline: its label, the Task's steps as dark boxes,
 * the time between them as bands coloured by what it waited on (a thin line
 * while it was only ready, waiting for its turn), and how it ended. A lane
 * of alike Tasks draws the first; the overflow lane shades each column by
 * how many of its Tasks ran a step there.
 */
import { element, px, text, tooltip } from "./svg.js";
import type { TaskTrace, Trace, TraceStep } from "./trace-data.js";
import { describeAfter, describeWaker } from "./trace-describe.js";
import type { Lane } from "./trace-svg-lanes.js";
import { LANE_H, type Layout, PAD } from "./trace-svg-layout.js";
import { waitKind } from "./trace-svg-waits.js";
import { formatTime, oneLine } from "./trace-text.js";

const BOX_Y = 4;
const BOX_H = LANE_H - 2 * BOX_Y;
const BAND_H = 8;
const READY_H = 2;

export interface LaneContext {
  readonly trace: Trace;
  readonly layout: Layout;
  readonly taskNames: ReadonlySet<string>;
}

/** The lane's label: the Task's name, or its group's (names cut short so the count shows). */
export function laneLabel(trace: Trace, lane: Lane): string {
  const first = trace.tasks[lane.tasks[0]!]!;
  if (lane.kind === "task") return first.name;
  const last = trace.tasks[lane.tasks[lane.tasks.length - 1]!]!;
  const n = lane.tasks.length;
  if (lane.kind === "rest") return `${n} more Tasks`;
  return `${oneLine(first.name, 11)} … ${oneLine(last.name, 11)} (${n} alike)`;
}

/** The lanes' stripes, drawn first: the grid lines go over them and under what the lanes hold. */
export function laneBackgrounds(layout: Layout, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    out += element("rect", {
      class: i % 2 === 0 ? "bg" : "bg2",
      x: PAD,
      y: layout.y(i),
      width: layout.width - 2 * PAD,
      height: LANE_H,
    });
  }
  return out;
}

export function drawLane(ctx: LaneContext, lane: Lane, index: number): string {
  const { trace, layout } = ctx;
  const top = layout.y(index);
  const parts = [
    text(
      { x: PAD + 4, y: top + LANE_H / 2 + 4, class: lane.kind === "task" ? undefined : "dim" },
      oneLine(laneLabel(trace, lane), layout.labelChars),
      laneTooltip(trace, lane),
    ),
  ];
  if (lane.kind === "rest") parts.push(...drawCounts(ctx, lane, top));
  else parts.push(...drawTask(ctx, trace.tasks[lane.tasks[0]!]!, top));
  return `<g class="lane">${parts.join("")}</g>`;
}

/** A box per column the Task ran in, bands between them, and its end. */
function drawTask(ctx: LaneContext, task: TaskTrace, top: number): string[] {
  const { layout } = ctx;
  const out: string[] = [];
  const groups = byColumn(task.steps, layout);
  const inset = layout.colW >= 6 ? 1.5 : 0;
  const left = (c: number) => layout.x(c) + inset;
  const right = (c: number) => layout.x(c) + layout.colW - inset;
  const created = task.createdIn === null ? null : layout.column(task.createdIn);

  const first = groups[0];
  if (created !== null && (first === undefined || first.column > created)) {
    const until = first === undefined ? layout.plotRight : left(first.column);
    const why =
      first === undefined
        ? `${task.name}: created in iteration ${task.createdIn}, never ran`
        : `${task.name}: created in iteration ${task.createdIn}, first ran in iteration ${task.steps[0]!.iteration}`;
    out.push(ready(right(created), until, top, why));
  }
  groups.forEach((group, g) => {
    const last = task.steps[group.last]!;
    const next = groups[g + 1];
    const from = right(group.column);
    const to = next === undefined ? layout.plotRight : left(next.column);
    if (next !== undefined || task.outcome === null) {
      out.push(...between(ctx, task, group.last, from, to, top, next === undefined));
    }
    out.push(
      element(
        "rect",
        {
          class: "step",
          x: left(group.column),
          y: top + BOX_Y,
          width: Math.max(1, layout.colW - 2 * inset),
          height: BOX_H,
          rx: inset > 0 ? 2 : undefined,
        },
        tooltip(stepTooltip(ctx.trace, task, group.first, group.last)),
      ),
    );
    if (next === undefined && task.outcome !== null && last.after.kind === "done") {
      out.push(endMarker(task, from + 8, top + LANE_H / 2, layout.width - PAD));
    }
  });
  return out;
}

/** What the Task did from the end of step `i` until its next step (or the end of the picture). */
function between(
  ctx: LaneContext,
  task: TaskTrace,
  i: number,
  from: number,
  to: number,
  top: number,
  isLast: boolean,
): string[] {
  const step = task.steps[i]!;
  const next = task.steps[i + 1];
  const after = step.after;
  if (after.kind === "waits") {
    const kind = waitKind(after.on, ctx.taskNames);
    const lines = [
      `${task.name} waits on ${after.on}`,
      span(ctx.trace, step.iteration, next?.iteration),
    ];
    if (next?.wokenBy !== undefined) lines.push(describeWaker(ctx.trace, next.wokenBy));
    if (isLast) lines.push("still waiting when tracing stopped");
    return [
      element(
        "rect",
        {
          class: `wait w-${kind}`,
          x: from,
          y: top + (LANE_H - BAND_H) / 2,
          width: Math.max(0, to - from),
          height: BAND_H,
        },
        tooltip(lines.join("\n")),
      ),
    ];
  }
  if (after.kind === "yields") {
    const why = `${task.name} yielded: ready, waiting for its turn\n${span(ctx.trace, step.iteration, next?.iteration)}`;
    return [ready(from, to, top, why)];
  }
  return [];
}

function ready(from: number, to: number, top: number, why: string): string {
  return element(
    "rect",
    {
      class: "ready",
      x: from,
      y: top + (LANE_H - READY_H) / 2,
      width: Math.max(0, to - from),
      height: READY_H,
    },
    tooltip(why),
  );
}

const MARKER_R = 5.5;
const ERR_CHAR_W = 6.4;
const MAX_ERR_CHARS = 60;

/** How far right of the columns the error messages written after Tasks' last steps run. */
export function errorOverflow(trace: Trace, lanes: readonly Lane[], layout: Layout): number {
  let most = 0;
  for (const lane of lanes) {
    if (lane.kind === "rest") continue;
    const task = trace.tasks[lane.tasks[0]!]!;
    const last = task.steps[task.steps.length - 1];
    if (task.outcome?.kind !== "raised" || last === undefined) continue;
    const start = layout.x(layout.column(last.iteration)) + layout.colW + 8 + MARKER_R + 4;
    const chars = Math.min(
      MAX_ERR_CHARS,
      Array.from(oneLine(task.outcome.error, MAX_ERR_CHARS)).length,
    );
    // Two characters to spare: columns shift a little when the room is made.
    most = Math.max(most, start + (chars + 2) * ERR_CHAR_W - layout.plotRight);
  }
  return most;
}

/** ✓ returned, ✗ raised (with the error written after it), ⊘ cancelled: drawn, not typed, so no font decides. */
function endMarker(task: TaskTrace, cx: number, cy: number, maxX: number): string {
  const outcome = task.outcome!;
  const r = MARKER_R;
  const mark = {
    returned: `M${px(cx - 2.8)},${px(cy)}l2,2.2l3.8,-4.4`,
    raised: `M${px(cx - 2.5)},${px(cy - 2.5)}l5,5m0,-5l-5,5`,
    cancelled: `M${px(cx - 3)},${px(cy + 3)}l6,-6`,
  }[outcome.kind];
  const what = outcome.kind === "raised" ? `raised ${outcome.error}` : outcome.kind;
  let message = "";
  if (outcome.kind === "raised") {
    const room = Math.min(MAX_ERR_CHARS, Math.floor((maxX - cx - r - 4) / ERR_CHAR_W));
    if (room > 3)
      message = text({ x: cx + r + 4, y: cy + 4, class: "err" }, oneLine(outcome.error, room));
  }
  return element(
    "g",
    { class: `end ${outcome.kind}` },
    tooltip(`${task.name} ${what}`) +
      element("circle", { cx, cy, r }) +
      element("path", { d: mark, class: "mark" }) +
      message,
  );
}

/** The overflow lane: each column shaded by how many steps its Tasks ran there. */
function drawCounts(ctx: LaneContext, lane: Lane, top: number): string[] {
  const { trace, layout } = ctx;
  const counts = new Map<number, number>();
  for (const id of lane.tasks) {
    for (const step of trace.tasks[id]!.steps) {
      const c = layout.column(step.iteration);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  const most = Math.max(1, ...counts.values());
  return [...counts].map(([c, count]) => {
    const [a, b] = layout.iterationsOf(c);
    const where = a === b ? `iteration ${a}` : `iterations ${a}–${b}`;
    return element(
      "rect",
      {
        class: "step",
        x: layout.x(c),
        y: top + BOX_Y,
        width: layout.colW,
        height: BOX_H,
        "fill-opacity": Math.round((0.15 + (0.85 * count) / most) * 100) / 100,
      },
      tooltip(
        `${where}: ${count} step${count === 1 ? "" : "s"} of these ${lane.tasks.length} Tasks`,
      ),
    );
  });
}

interface ColumnGroup {
  readonly column: number;
  /** Indexes of its first and last step. */
  readonly first: number;
  readonly last: number;
}

/** The Task's steps gathered by column (more than one where iterations share a column). */
function byColumn(steps: readonly TraceStep[], layout: Layout): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  steps.forEach((step, i) => {
    const column = layout.column(step.iteration);
    const prev = groups[groups.length - 1];
    if (prev !== undefined && prev.column === column)
      groups[groups.length - 1] = { ...prev, last: i };
    else groups.push({ column, first: i, last: i });
  });
  return groups;
}

function stepTooltip(trace: Trace, task: TaskTrace, first: number, last: number): string {
  const a = task.steps[first]!;
  const b = task.steps[last]!;
  const head =
    first === last
      ? `${task.name} step ${first + 1}: ${describeAfter(task, b)}`
      : `${task.name} steps ${first + 1}–${last + 1}, the last: ${describeAfter(task, b)}`;
  const lines = [head, span(trace, a.iteration, first === last ? undefined : b.iteration)];
  if (a.wokenBy !== undefined) lines.push(describeWaker(trace, a.wokenBy));
  return lines.join("\n");
}

/** `iteration 4, loop time 0.25 s` or `iterations 4–9, loop time 0.25 → 1 s`. */
function span(trace: Trace, from: number, to: number | undefined): string {
  const time = (i: number) => formatTime(trace.iterations[i]?.loopTime ?? 0);
  if (to === undefined || to === from) return `iteration ${from}, loop time ${time(from)} s`;
  const times = time(from) === time(to) ? time(from) : `${time(from)} → ${time(to)}`;
  return `iterations ${from}–${to}, loop time ${times} s`;
}

function laneTooltip(trace: Trace, lane: Lane): string {
  const first = trace.tasks[lane.tasks[0]!]!;
  if (lane.kind !== "task") {
    const names = lane.tasks.map((id) => trace.tasks[id]!.name);
    const shown = names.length > 12 ? [...names.slice(0, 10), "…", names[names.length - 1]] : names;
    const what = lane.kind === "alike" ? "Tasks that did the same, drawn as the first" : "Tasks";
    return `${names.length} ${what}: ${shown.join(", ")}`;
  }
  const lines = [first.name];
  if (first.createdBy !== undefined) {
    const by = trace.tasks[first.createdBy.task];
    lines.push(
      `created by ${by?.name ?? "?"} step ${first.createdBy.step + 1} in iteration ${first.createdIn}`,
    );
  } else if (first.createdIn !== null) {
    lines.push(`created in iteration ${first.createdIn}`);
  } else {
    lines.push("existed before tracing began");
  }
  const o = first.outcome;
  const end = o === null ? "still pending" : o.kind === "raised" ? `raised ${o.error}` : o.kind;
  lines.push(`${first.steps.length} step${first.steps.length === 1 ? "" : "s"}, ${end}`);
  return lines.join("\n");
}
