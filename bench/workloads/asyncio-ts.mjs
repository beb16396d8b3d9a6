// asyncio-ts: the same programs as cpython.py, line for line
// (asyncio-ts-programs.mjs).
// Usage: node --expose-gc bench/workloads/asyncio-ts.mjs W1 100000 [reps]
//
// It imports the package by its name, so Node resolves it as a user's
// program does: the "node" condition's single-file bundle (dist/bundle),
// not the per-module build in dist/src. The two run the same code, but the
// hundred-odd modules of dist/src allocate more at start-up, which moved
// V8's first mark-compact earlier and put a second one in W1's and W4's
// timed runs that no process of the bundle has (BENCHMARKS.md, "The
// benchmark runs what users run").
import * as asyncio from "asyncio-ts";
import { programs } from "./asyncio-ts-programs.mjs";
import { main } from "./harness.mjs";

const now = () => performance.now() / 1000;

/** Runs `body` in a fresh loop, timing it from inside the loop. */
function timed(body) {
  return (size) =>
    asyncio.run(
      (function* () {
        const t0 = now();
        const result = yield* body(size);
        return { seconds: now() - t0, ...result };
      })(),
    );
}

await main(
  "asyncio-ts",
  Object.fromEntries(Object.entries(programs(asyncio)).map(([w, body]) => [w, timed(body)])),
);
