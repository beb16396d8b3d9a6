/**
 * The SVG timeline's arrows: from the step that created a Task to its first
 * step, and from the step that woke a Task to the step it woke. An arrow
 * leaves its step's box downwards (or upwards), turns, and enters the
 * target's box from the left, so arrows fanning out of one step share a
 * trunk. Arrows between the same two boxes (Tasks folded into one lane)
 * are drawn once and counted.
 */
import { element, px, tooltip } from "./svg.js";
import type { StepRef, Trace } from "./trace-data.js";
import { LANE_H, type Layout } from "./trace-svg-layout.js";

export type LinkKind = "created" | "woke";

interface Arrow {
  readonly kind: LinkKind;
  readonly fromLane: number;
  readonly fromCol: number;
  readonly toLane: number;
  readonly toCol: number;
  /** The first source step, in words. */
  readonly from: string;
  /** What each link it stands for did: the Task created, or who woke whom. */
  readonly words: string[];
}

/** Every link of the trace between two lanes, one arrow per pair of boxes. */
export function drawArrows(
  trace: Trace,
  layout: Layout,
  laneOf: ReadonlyMap<number, number>,
): string {
  const arrows = new Map<string, Arrow>();
  const add = (kind: LinkKind, from: StepRef, to: StepRef): void => {
    const source = trace.tasks[from.task]?.steps[from.step];
    const target = trace.tasks[to.task]?.steps[to.step];
    const fromLane = laneOf.get(from.task);
    const toLane = laneOf.get(to.task);
    if (
      source === undefined ||
      target === undefined ||
      fromLane === undefined ||
      toLane === undefined
    )
      return;
    if (fromLane === toLane) return; // a Task waking itself through a callback: the step's tooltip says so
    const fromCol = layout.column(source.iteration);
    const toCol = layout.column(target.iteration);
    const key = `${kind} ${fromLane} ${fromCol} ${toLane} ${toCol}`;
    const name = (ref: StepRef) => `${trace.tasks[ref.task]!.name} step ${ref.step + 1}`;
    let arrow = arrows.get(key);
    if (arrow === undefined) {
      arrow = { kind, fromLane, fromCol, toLane, toCol, from: name(from), words: [] };
      arrows.set(key, arrow);
    }
    arrow.words.push(
      kind === "created" ? trace.tasks[to.task]!.name : `${name(from)} woke ${name(to)}`,
    );
  };
  for (const task of trace.tasks) {
    if (task.createdBy !== undefined) add("created", task.createdBy, { task: task.id, step: 0 });
    task.steps.forEach((step, i) => {
      if (step.wokenBy?.kind === "step") add("woke", step.wokenBy, { task: task.id, step: i });
    });
  }
  // Creations under wake-ups: a wake-up says more about what the program is waiting for.
  const ordered = [...arrows.values()].sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === "created" ? -1 : 1,
  );
  const trunks = trunkPositions(ordered, layout);
  return ordered.map((a) => drawArrow(layout, a, trunks.get(trunkKey(a))!)).join("");
}

function trunkKey(arrow: Arrow): string {
  return `${arrow.fromCol} ${arrow.kind} ${arrow.fromLane}`;
}

/**
 * Where each trunk runs in its column: arrows leaving different boxes of one
 * column get trunks side by side, so an arrow crossing another lane's box is
 * not read as leaving it.
 */
function trunkPositions(arrows: readonly Arrow[], layout: Layout): Map<string, number> {
  const byColumn = new Map<number, string[]>();
  for (const arrow of arrows) {
    const keys = byColumn.get(arrow.fromCol) ?? [];
    const key = trunkKey(arrow);
    if (!keys.includes(key)) keys.push(key);
    byColumn.set(arrow.fromCol, keys);
  }
  const positions = new Map<string, number>();
  for (const [column, keys] of byColumn) {
    keys.forEach((key, k) => {
      positions.set(key, layout.x(column) + (layout.colW * (k + 1)) / (keys.length + 1));
    });
  }
  return positions;
}

function drawArrow(layout: Layout, arrow: Arrow, x1: number): string {
  const { fromLane, toLane, fromCol, toCol } = arrow;
  const down = toLane > fromLane;
  const y1 = layout.y(fromLane) + (down ? LANE_H - 4 : 4);
  const yMid = layout.y(toLane) + LANE_H / 2;
  let d: string;
  if (toCol <= fromCol) {
    // Same column (an eager Task's first step runs inside its creator's): straight into the box.
    const y2 = layout.y(toLane) + (down ? 4 : LANE_H - 4);
    d = `M${px(x1)},${px(y1)}V${px(y2)}`;
  } else {
    const x2 = layout.x(toCol) + (layout.colW >= 6 ? 1.5 : 0);
    const bend = Math.min(4, Math.abs(yMid - y1), x2 - x1);
    const yTurn = down ? yMid - bend : yMid + bend;
    d = `M${px(x1)},${px(y1)}V${px(yTurn)}Q${px(x1)},${px(yMid)} ${px(x1 + bend)},${px(yMid)}H${px(x2)}`;
  }
  const n = arrow.words.length;
  const text =
    arrow.kind === "created"
      ? `${arrow.from} created ${n === 1 ? arrow.words[0] : `${n} Tasks: ${list(arrow.words)}`}`
      : n === 1
        ? arrow.words[0]!
        : `${n} wake-ups: ${list(arrow.words)}`;
  // Under each arrow, a white halo: where it crosses a box, it reads as passing over it.
  return (
    element("path", { class: "halo", d }) +
    element(
      "path",
      { class: `arrow ${arrow.kind}`, d, "marker-end": `url(#asyncio-${arrow.kind})` },
      tooltip(text),
    )
  );
}

function list(words: readonly string[]): string {
  return words.length > 8
    ? `${words.slice(0, 6).join(", ")}, … ${words[words.length - 1]}`
    : words.join(", ");
}
