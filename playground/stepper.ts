/**
 * The step slider: replays a trace's loop iterations over its `toSvg`
 * timeline. At iteration k a cursor marks k's column, the columns after it
 * are dimmed, and the steps that ran in k are listed. The column geometry
 * comes from the data attributes `toSvg` writes on its root element.
 */
import type { Trace, TraceStep } from "../src/browser.js";

const SVG_NS = "http://www.w3.org/2000/svg";

export function attachStepper(
  trace: Trace,
  timeline: HTMLElement,
  slider: HTMLInputElement,
  info: HTMLElement,
): void {
  const svg = timeline.querySelector("svg");
  const n = trace.iterations.length;
  slider.min = "0";
  slider.max = String(Math.max(0, n - 1));
  slider.disabled = n === 0 || svg === null;
  slider.value = slider.max;
  if (svg === null || n === 0) {
    info.textContent = "No iteration was traced.";
    return;
  }
  const number = (name: string): number => Number(svg.dataset[name]);
  const [left, width, top, bottom, columns] = [
    number("plotLeft"),
    number("columnWidth"),
    number("plotTop"),
    number("plotBottom"),
    number("columns"),
  ];
  const dim = document.createElementNS(SVG_NS, "rect");
  dim.setAttribute("fill", "#ffffff");
  dim.setAttribute("fill-opacity", "0.75");
  dim.setAttribute("pointer-events", "none");
  const cursor = document.createElementNS(SVG_NS, "rect");
  cursor.setAttribute("fill", "#f59e0b");
  cursor.setAttribute("fill-opacity", "0.35");
  cursor.setAttribute("stroke", "#d97706");
  cursor.setAttribute("pointer-events", "none");
  cursor.classList.add("cursor");
  svg.append(dim, cursor);

  const show = (k: number): void => {
    const column = Math.floor((k * columns) / n);
    const x = left + column * width;
    const end = left + columns * width;
    const set = (el: Element, attrs: Record<string, number>): void => {
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
    };
    set(cursor, { x, y: top - 4, width, height: bottom - top + 8 });
    set(dim, {
      x: x + width,
      y: top - 4,
      width: Math.max(0, end - x - width),
      height: bottom - top + 8,
    });
    info.textContent = describe(trace, k);
  };
  slider.oninput = () => show(Number(slider.value));
  show(Number(slider.value));
}

/** `Iteration 3 of 9 · loop time 2 s: Task-2 step 2 (done), …`. */
function describe(trace: Trace, k: number): string {
  const ran: string[] = [];
  for (const task of trace.tasks) {
    task.steps.forEach((step, i) => {
      if (step.iteration === k) ran.push(`${task.name} step ${i + 1} (${after(step)})`);
    });
  }
  const time = Math.round(trace.iterations[k]!.loopTime * 1000) / 1000;
  const head = `Iteration ${k} of ${trace.iterations.length - 1} · loop time ${time} s`;
  return `${head}: ${ran.length > 0 ? ran.join(", ") : "no Task step (callbacks only)"}`;
}

function after(step: TraceStep): string {
  switch (step.after.kind) {
    case "waits":
      return `then waits on ${step.after.on}`;
    case "yields":
      return "then yields";
    case "done":
      return "done";
    case "running":
      return "still running";
  }
}
