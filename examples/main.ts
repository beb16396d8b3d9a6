/**
 * The seed's programs, one after another: `npm start` runs them in real
 * time, `npm start -- --virtual` instantly on a virtual clock. With
 * `--diagrams` each is traced and its Mermaid sequence diagram
 * (`asyncio.toMermaid`) printed after its output, in a ```mermaid block.
 *
 * The tutorial's four programs come first, as it writes them; then this
 * project's variations.
 */
import * as asyncio from "asyncio-ts";
import * as asCompleted from "./seed/as-completed.js";
import * as asCompletedByDuration from "./seed/as-completed-by-duration.js";
import * as gather from "./seed/gather.js";
import * as lowLevel from "./seed/low-level-loop.js";
import * as oneAfterAnother from "./seed/one-after-another.js";
import * as taskGroup from "./seed/task-group.js";
import * as twoTasks from "./seed/two-tasks.js";

const virtualTime = process.argv.includes("--virtual");
const diagrams = process.argv.includes("--diagrams");
console.log(
  virtualTime
    ? "The tutorial's programs on a virtual clock: the seconds they sleep take no time."
    : "The tutorial's programs on the real clock (about 19 s); `npm start -- --virtual` runs them instantly.",
);

const programs: [string, () => asyncio.Coroutine<void>][] = [
  ["Awaiting one after another", oneAfterAnother.main],
  ["Two tasks", twoTasks.main],
  ["TaskGroup", taskGroup.main],
  ["as_completed", asCompleted.main],
  ["gather", gather.main],
  ["as_completed, in the order they finish", asCompletedByDuration.main],
];

/** Runs `main` as the main coroutine, tracing it. */
function* traced(main: () => asyncio.Coroutine<void>): asyncio.Coroutine<asyncio.Trace> {
  const tracer = asyncio.startTracing();
  yield* main();
  return tracer.stop();
}

function printDiagram(trace: asyncio.Trace, options?: asyncio.MermaidOptions): void {
  console.log(["", "```mermaid", asyncio.toMermaid(trace, options), "```"].join("\n"));
}

for (const [title, main] of programs) {
  console.log(`--- ${title} ---`);
  if (diagrams) printDiagram(await asyncio.run(traced(main), { virtualTime }));
  else await asyncio.run(main(), { virtualTime });
}
console.log("--- The loop by hand ---");
let tracer: asyncio.Tracer | undefined;
await lowLevel.main(virtualTime, (loop) => {
  if (diagrams) tracer = asyncio.startTracing(loop);
});
// No main coroutine here: the script schedules each Task itself.
if (tracer !== undefined) printDiagram(tracer.stop(), { main: null });
