/**
 * `toSvg`: a trace drawn as a standalone SVG timeline. A lane per Task in
 * creation order, a column per loop iteration with the loop's clock above;
 * each step a dark box, each wait a band coloured by what it waited on,
 * arrows from the step that created a Task and from the step that woke
 * one, and a marker for how each ended. Hovering a box, a band or an arrow
 * shows what it was (`Task-2 step 3: waits on sleep(2)`). Past `maxLanes`
 * Tasks, lanes fold (trace-svg-lanes.ts), so 500 Tasks still make a picture.
 *
 * Like formatTrace, only what is deterministic is drawn (iterations, loop
 * time, order), so a program traced on a virtual clock draws the same SVG
 * every run. No script, no external font or stylesheet: it shows as it is
 * in a browser, an `<img>`, or on GitHub.
 */
import { element, px, text, tooltip } from "./svg.js";
import type { Trace } from "./trace-data.js";
import { drawArrows } from "./trace-svg-arrows.js";
import { iterationAxis, timeAxis } from "./trace-svg-axes.js";
import { drawLane, errorOverflow, laneBackgrounds, laneLabel } from "./trace-svg-lane.js";
import { planLanes } from "./trace-svg-lanes.js";
import { type Layout, layout, PAD } from "./trace-svg-layout.js";
import { legend } from "./trace-svg-legend.js";
import { WAIT_STYLES, type WaitKind, waitKind } from "./trace-svg-waits.js";
import { formatTime } from "./trace-text.js";

/**
 * Options of `toSvg`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const options: asyncio.SvgOptions = { width: 1600, title: "checkout flow" };
 * const svg = asyncio.toSvg(trace, options);
 * ```
 */
export interface SvgOptions {
  /**
   * The widest the picture may be, in pixels. Default 1000.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const svg = asyncio.toSvg(trace, { width: 1600 });
   * ```
   */
  width?: number;
  /**
   * The most lanes drawn. Default 40. Past it, Tasks that did exactly the same share a lane;
   * if still too many, the last lanes fold into one.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const svg = asyncio.toSvg(trace, { maxLanes: 100 });
   * ```
   */
  maxLanes?: number;
  /**
   * The heading. Default "asyncio-ts trace".
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const svg = asyncio.toSvg(trace, { title: "server under load" });
   * ```
   */
  title?: string;
}

const STYLE = [
  "text{font:12px system-ui,sans-serif;fill:#0f172a}",
  ".h{font-size:15px;font-weight:600}",
  ".axis,.sub{font-size:11px;fill:#475569}",
  ".dim{fill:#475569;font-style:italic}",
  ".bg{fill:#f8fafc}.bg2{fill:#f1f5f9}",
  ".grid{stroke:#cbd5e1;stroke-dasharray:2 3}.tick{stroke:#94a3b8}",
  ".step{fill:#1e293b}.ready{fill:#94a3b8}",
  ".step:hover,.wait:hover{stroke:#0f172a;stroke-width:1.5}",
  ".arrow{fill:none;stroke-width:1.3}.arrow:hover{stroke-width:2.5}",
  ".halo{fill:none;stroke:#fff;stroke-width:3.5;stroke-opacity:.9}",
  ".created{stroke:#2563eb}.woke{stroke:#ea580c}",
  ".end circle{stroke:#fff;stroke-width:1}.mark{fill:none;stroke:#fff;stroke-width:1.6;stroke-linecap:round}",
  ".returned circle{fill:#16a34a}.raised circle{fill:#dc2626}.cancelled circle{fill:#64748b}",
  ".err{font-size:11px;fill:#b91c1c}",
  ...WAIT_STYLES.map((s) => `.w-${s.kind}{fill:${s.color}}`),
]
  .join("")
  // Every selector (it starts the sheet or follows a `}` or a `,`, and a `{` comes before any `}`)
  // scoped under the root's class: an SVG put in a page (`element.innerHTML = toSvg(trace)`)
  // shares the page's stylesheet, where bare rules (`text{}`, `.grid{}`, `.step{}`) would
  // restyle the page's own elements, and the page's rules of the same names would beat these.
  .replace(/(^|[},])(?=[^}]*{)/g, "$1.asyncio-trace ");

/**
 * The trace as a standalone SVG timeline (a string: write it to a `.svg` file, or put it in
 * a page): a lane per Task, a column per iteration, each step a box and each wait a band
 * coloured by what it waited on, with arrows from the steps that created and woke each Task.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer = asyncio.startTracing();
 *   yield* asyncio.gather(asyncio.sleep(1), asyncio.sleep(2));
 *   const svg = asyncio.toSvg(tracer.stop(), { title: "two sleeps" });
 *   console.log(svg.length);
 * }
 * ```
 */
export function toSvg(trace: Trace, options?: SvgOptions): string {
  const width = checked("width", options?.width ?? 1000, 200);
  const maxLanes = checked("maxLanes", options?.maxLanes ?? 40, 1);
  const lanes = planLanes(trace, maxLanes);
  const labels = lanes.map((lane) => laneLabel(trace, lane));
  let box = layout(trace, lanes, width, labels);
  const errors = errorOverflow(trace, lanes, box);
  if (errors > 0) box = layout(trace, lanes, width, labels, Math.min(errors, width / 3));
  const laneOf = new Map<number, number>();
  lanes.forEach((lane, i) => {
    for (const id of lane.tasks) laneOf.set(id, i);
  });
  const taskNames = new Set(trace.tasks.map((t) => t.name));

  const heading = options?.title ?? "asyncio-ts trace";
  const summary = describe(trace);
  const ctx = { trace, layout: box, taskNames };
  const [legendMarkup, bottom] = legend(
    waitsIn(trace, taskNames),
    PAD,
    box.width - PAD,
    box.plotBottom + 26,
  );
  const height = Math.ceil(bottom + PAD);
  const body = [
    text({ x: PAD, y: PAD + 14, class: "h" }, heading),
    text({ x: PAD, y: PAD + 32, class: "sub" }, summary),
    laneBackgrounds(box, lanes.length),
    timeAxis(trace, box),
    ...lanes.map((lane, i) => drawLane(ctx, lane, i)),
    drawArrows(trace, box, laneOf),
    iterationAxis(trace, box),
    legendMarkup,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="asyncio-trace" width="${box.width}" height="${height}" viewBox="0 0 ${box.width} ${height}" role="img" ${geometry(trace, box)}>`,
    tooltip(`${heading}: ${summary}`),
    `<style>${STYLE}</style>`,
    `<defs>${arrowHead("created", "#2563eb")}${arrowHead("woke", "#ea580c")}</defs>`,
    element("rect", { width: box.width, height, fill: "#fff" }),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/**
 * Where the columns are, as data attributes, so a page showing the picture
 * can put a cursor on an iteration's column (the playground's step slider)
 * without knowing the layout's rules. Iteration i is drawn in column
 * floor(i * columns / iterations).
 */
function geometry(trace: Trace, box: Layout): string {
  return [
    `data-iterations="${trace.iterations.length}"`,
    `data-columns="${box.cols}"`,
    `data-plot-left="${px(box.plotLeft)}"`,
    `data-column-width="${px(box.colW)}"`,
    `data-plot-top="${px(box.plotTop)}"`,
    `data-plot-bottom="${px(box.plotBottom)}"`,
  ].join(" ");
}

function arrowHead(kind: string, color: string): string {
  return element(
    "marker",
    {
      id: `asyncio-${kind}`,
      viewBox: "0 0 6 6",
      refX: 5.5,
      refY: 3,
      markerWidth: 6,
      markerHeight: 6,
      markerUnits: "userSpaceOnUse",
      orient: "auto",
    },
    element("path", { d: "M0,0L6,3L0,6z", fill: color }),
  );
}

/** `32 iterations · loop time 0 → 5 s · 6 Tasks`. */
function describe(trace: Trace): string {
  const n = trace.iterations.length;
  const first = trace.iterations[0]?.loopTime ?? 0;
  const last = trace.iterations[n - 1]?.loopTime ?? first;
  const tasks = trace.tasks.length;
  return `${n} iteration${n === 1 ? "" : "s"} · loop time ${formatTime(first)} → ${formatTime(last)} s · ${tasks} Task${tasks === 1 ? "" : "s"}`;
}

/** The kinds of wait the trace holds, for the legend. */
function waitsIn(trace: Trace, taskNames: ReadonlySet<string>): Set<WaitKind> {
  const kinds = new Set<WaitKind>();
  for (const task of trace.tasks) {
    for (const step of task.steps) {
      if (step.after.kind === "waits") kinds.add(waitKind(step.after.on, taskNames));
    }
  }
  return kinds;
}

function checked(name: string, value: number, least: number): number {
  if (!Number.isFinite(value) || value < least) {
    throw new RangeError(`${name} must be a number, at least ${least}: ${value}`);
  }
  return Math.floor(value);
}
