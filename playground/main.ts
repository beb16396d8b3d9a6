/**
 * The playground page: a section per seed program with its source (editable
 * JavaScript), its Run button, what it printed, its sequence diagram and its
 * timeline with the step slider. Every program runs once when the page
 * opens; "Run all" runs them again, one after another (each on its own
 * loop). `document.body.dataset.state` says "done" when a round ends, for
 * the test that drives the page.
 */
import * as asyncio from "../src/browser.js";
import { runProgram } from "./run-program.js";
import { sequenceSvg } from "./sequence-svg.js";
import { attachStepper } from "./stepper.js";

interface Program {
  readonly title: string;
  readonly file: string;
  readonly source: string;
}

/** Put in by scripts/build-playground.mjs: the seed's programs as JavaScript. */
declare const __PLAYGROUND_PROGRAMS__: readonly Program[];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Builds a program's section; returns what runs it. */
function section(program: Program, index: number): () => Promise<void> {
  const editor = el("textarea", { value: program.source, spellcheck: false });
  editor.rows = Math.min(30, program.source.split("\n").length + 1);
  const run = el("button", { type: "button", textContent: "Run" });
  const output = el("pre", { className: "output" });
  const diagram = el("div", { className: "diagram" });
  const mermaid = el("pre", { className: "mermaid-source" });
  const timeline = el("div", { className: "timeline" });
  const slider = el("input", { type: "range", className: "step" });
  const steps = el("div", { className: "steps" });
  const node = el(
    "section",
    { className: "program", id: `program-${index}` },
    el("div", { className: "bar" }, el("h2", { textContent: program.title }), run),
    el(
      "details",
      {},
      el("summary", {
        textContent: `Edit the program (JavaScript, from examples/seed/${program.file})`,
      }),
      editor,
    ),
    el(
      "div",
      { className: "columns" },
      el("div", {}, el("div", { className: "label", textContent: "Printed" }), output),
      el(
        "div",
        {},
        el("div", { className: "label", textContent: "Sequence diagram (asyncio.toMermaid)" }),
        diagram,
        el("details", {}, el("summary", { textContent: "Mermaid source" }), mermaid),
      ),
    ),
    el("div", {
      className: "label",
      textContent: "Timeline (asyncio.toSvg): a lane per Task, a column per loop iteration",
    }),
    el(
      "div",
      { className: "stepper bar" },
      el("label", { textContent: "Iteration " }, slider),
      steps,
    ),
    timeline,
  );
  document.getElementById("programs")!.append(node);

  const go = async (): Promise<void> => {
    node.dataset.state = "running";
    const result = await runProgram(editor.value);
    output.replaceChildren(...result.lines.map((line) => `${line}\n`));
    if (result.error !== null)
      output.append(el("span", { className: "error", textContent: result.error }));
    const trace = result.trace;
    if (trace !== null) {
      const text = asyncio.toMermaid(trace, result.ownsLoop ? { main: null } : {});
      mermaid.textContent = text;
      diagram.innerHTML = sequenceSvg(text);
      timeline.innerHTML = asyncio.toSvg(trace, { title: program.title, width: 1040 });
      attachStepper(trace, timeline, slider, steps);
    } else {
      mermaid.textContent = "";
      diagram.replaceChildren();
      timeline.replaceChildren();
    }
    node.dataset.state = result.error === null ? "done" : "failed";
  };
  run.onclick = () => void go();
  return go;
}

const runs = __PLAYGROUND_PROGRAMS__.map(section);
const status = document.getElementById("status")!;
const runAll = async (): Promise<void> => {
  document.body.dataset.state = "running";
  status.textContent = "Running…";
  for (const run of runs) await run();
  status.textContent = `Ran ${runs.length} programs on a virtual clock.`;
  document.body.dataset.state = "done";
};
document.getElementById("run-all")!.addEventListener("click", () => void runAll());
void runAll();
