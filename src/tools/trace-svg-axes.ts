/**
 * The SVG timeline's axes: the loop's clock above the columns, written
 * where it moved on (as in formatTrace's picture), with a faint line down
 * through the lanes; iteration numbers below, at a round step.
 */
import { element, px, text } from "./svg.js";
import type { Trace } from "./trace-data.js";
import type { Layout } from "./trace-svg-layout.js";
import { formatTime } from "./trace-text.js";

const SMALL_CHAR_W = 6.4;

/** Loop time labels, each above the first column of its time, and the grid lines under them. */
export function timeAxis(trace: Trace, layout: Layout): string {
  const y = layout.plotTop - 8;
  const parts = [
    text({ x: layout.plotLeft - 10, y, class: "axis", "text-anchor": "end" }, "loop time (s)"),
  ];
  let free = Number.NEGATIVE_INFINITY;
  let lastColumn = -1;
  let ticks = "";
  let grid = "";
  let previous = "";
  trace.iterations.forEach((it, i) => {
    // On the real clock iterations microseconds apart print alike: one mark for them.
    const label = formatTime(it.loopTime);
    if (label === previous) return;
    previous = label;
    const column = layout.column(i);
    if (column === lastColumn) return; // a tick per column at most: thousands of times may share one
    lastColumn = column;
    const x = px(layout.x(column));
    ticks += `M${x},${y + 3}v5`;
    if (layout.x(column) < free) return;
    grid += `M${x},${layout.plotTop}V${layout.plotBottom}`;
    parts.push(text({ x, y, class: "axis" }, label, `loop time ${label} s from iteration ${i}`));
    free = layout.x(column) + label.length * SMALL_CHAR_W + 6;
  });
  if (ticks !== "") parts.push(element("path", { class: "tick", d: ticks }));
  if (grid !== "") parts.push(element("path", { class: "grid", d: grid }));
  return parts.join("");
}

/** Iteration numbers under the lanes, every 1, 2, 5, 10, 20, 50… iterations, as room allows. */
export function iterationAxis(trace: Trace, layout: Layout): string {
  const n = trace.iterations.length;
  const y = layout.plotBottom + 14;
  const parts = [
    text({ x: layout.plotLeft - 10, y, class: "axis", "text-anchor": "end" }, "iteration"),
  ];
  const perIteration = (layout.cols * layout.colW) / Math.max(1, n);
  const widest = String(Math.max(0, n - 1)).length * SMALL_CHAR_W + 8;
  let every = 1;
  for (const k of roundSteps()) {
    every = k;
    if (k * perIteration >= widest) break;
  }
  for (let i = 0; i < n; i += every) {
    const x = layout.plotLeft + (i + 0.5) * perIteration;
    parts.push(text({ x, y, class: "axis", "text-anchor": "middle" }, String(i)));
  }
  return parts.join("");
}

function* roundSteps(): Generator<number> {
  for (let scale = 1; ; scale *= 10) {
    yield scale;
    yield 2 * scale;
    yield 5 * scale;
  }
}
