/**
 * The seed's programs, one after another: `npm start` runs them in real
 * time, `npm start -- --virtual` instantly on a virtual clock.
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
console.log(
  virtualTime
    ? "The tutorial's programs on a virtual clock: the seconds they sleep take no time."
    : "The tutorial's programs on the real clock (about 17 s); `npm start -- --virtual` runs them instantly.",
);

const programs: [string, () => asyncio.Coroutine<void>][] = [
  ["Awaiting one after another", oneAfterAnother.main],
  ["Two tasks", twoTasks.main],
  ["TaskGroup", taskGroup.main],
  ["as_completed", asCompleted.main],
  ["gather", gather.main],
  ["as_completed, in the order they finish", asCompletedByDuration.main],
];

for (const [title, main] of programs) {
  console.log(`--- ${title} ---`);
  await asyncio.run(main(), { virtualTime });
}
console.log("--- The loop by hand ---");
await lowLevel.main(virtualTime);
