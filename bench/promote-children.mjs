// What V8's scavenger pays for the objects W4's children keep alive, apart
// from everything else: two builds in turns, each run making 100,000
// TaskGroup children (W4's program) and, while all are still pending,
// forcing two minor collections and timing each in process CPU. Run it with
// a young generation that holds them all, so no collection comes before:
// the first then copies the children within the young generation and the
// second promotes them. Prints the median of each, per build.
//   node --single-threaded --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 \
//     bench/promote-children.mjs /work/wt/base/dist/bundle/index.js dist/bundle/index.js [runs]
// (BENCHMARKS.md, "W4 per child, session 11": the linked list of pending
// Tasks made the promotion 2.3 times as slow.)
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [baseLib, newLib, runsArg = "15"] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(resolve(path)).href);
const libs = [await load(baseLib), await load(newLib)];
const N = 100000;
const cpuMs = (c) => (c.user + c.system) / 1000;

function* body(asyncio, out) {
  function* tick() {
    yield* asyncio.sleep(0);
  }
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    for (let i = 0; i < N; i++) tg.createTask(tick());
    const c0 = process.cpuUsage();
    globalThis.gc({ type: "minor" });
    const c1 = process.cpuUsage(c0);
    globalThis.gc({ type: "minor" });
    const c2 = process.cpuUsage(c0);
    out.push([cpuMs(c1), cpuMs(c2) - cpuMs(c1)]);
  });
}

const got = [[], []];
for (let r = 0; r < Number(runsArg); r++) {
  for (const i of [0, 1]) {
    globalThis.gc();
    await libs[i].run(body(libs[i], got[i]));
  }
}
const median = (xs) => xs.toSorted((a, b) => a - b)[xs.length >> 1];
for (const [i, lib] of [baseLib, newLib].entries()) {
  const copy = median(got[i].map((x) => x[0]));
  const promote = median(got[i].map((x) => x[1]));
  console.log(JSON.stringify({ build: lib, copyMs: copy, promoteMs: promote }));
}
