// asyncio-ts: the same programs as cpython.py, line for line
// (asyncio-ts-programs.mjs).
// Usage: node --expose-gc bench/workloads/asyncio-ts.mjs W1 100000 [reps]
import * as asyncio from "../../dist/src/index.js";
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
