/**
 * The SVG timeline's legend: what a box, a line, each colour of wait, each
 * arrow and each end marker mean, laid out in rows as wide as the picture.
 */
import { element, text } from "./svg.js";
import { CHAR_W } from "./trace-svg-layout.js";
import { WAIT_STYLES, type WaitKind } from "./trace-svg-waits.js";

const ROW_H = 20;

/** The legend from `top`, within `left`…`right`; returns its markup and the y below it. */
export function legend(
  waits: ReadonlySet<WaitKind>,
  left: number,
  right: number,
  top: number,
): [string, number] {
  const items: [string, string][] = [
    [
      element("rect", { class: "step", x: 0, y: -7, width: 10, height: 14, rx: 2 }),
      "a step (a column is a loop iteration)",
    ],
    [
      element("rect", { class: "ready", x: 0, y: -1, width: 16, height: 2 }),
      "ready, waiting for its turn",
    ],
  ];
  for (const style of WAIT_STYLES) {
    if (!waits.has(style.kind)) continue;
    items.push([
      element("rect", { class: `wait w-${style.kind}`, x: 0, y: -4, width: 16, height: 8 }),
      `waits on ${style.legend}`,
    ]);
  }
  items.push(
    [
      element("path", {
        class: "arrow created",
        d: "M0,0H14",
        "marker-end": "url(#asyncio-created)",
      }),
      "created",
    ],
    [
      element("path", { class: "arrow woke", d: "M0,0H14", "marker-end": "url(#asyncio-woke)" }),
      "woke (completed what it waited on)",
    ],
    [marker("returned", "M3.2,0l2,2.2l3.8,-4.4"), "returned"],
    [marker("raised", "M3.5,-2.5l5,5m0,-5l-5,5"), "raised"],
    [marker("cancelled", "M3,3l6,-6"), "cancelled"],
  );
  const parts: string[] = [];
  let x = left;
  let y = top + ROW_H / 2;
  for (const [symbol, words] of items) {
    const w = 22 + words.length * (CHAR_W - 0.6) + 16;
    if (x > left && x + w > right) {
      x = left;
      y += ROW_H;
    }
    parts.push(
      element(
        "g",
        { transform: `translate(${x},${y})` },
        symbol + text({ x: 22, y: 4, class: "axis" }, words),
      ),
    );
    x += w;
  }
  return [`<g class="legend">${parts.join("")}</g>`, y + ROW_H / 2];
}

function marker(kind: string, mark: string): string {
  return element(
    "g",
    { class: `end ${kind}` },
    element("circle", { cx: 6, cy: 0, r: 5.5 }) + element("path", { d: mark, class: "mark" }),
  );
}
