// A/B of two asyncio-ts builds on a busy machine: both builds loaded in one
// process, runs alternating in pairs (ABBA), process CPU time per run (wall
// time too). When other processes share the cores, a process per round sees
// the load more than the change; paired runs in one process see both builds
// under the same load. Prints the medians and the median of the pair ratios.
// Usage: node --expose-gc bench/ab-pair.mjs <base>/dist/src/index.js <new>/dist/src/index.js W1..W10 [size] [pairs]
// W9 is bench/workloads' TCP echo (100 clients, 1 KiB round trips); its system
// time is the same for both builds, so compare userRatio (user CPU only).
const [baseLib, newLib, W, sizeArg = "100000", pairsArg] = process.argv.slice(2);
const { resolve } = await import("node:path");
const { pathToFileURL } = await import("node:url");
const { programs } = await import("./workloads/asyncio-ts-programs.mjs");
const { expected } = await import("./workloads/harness.mjs");
const load = (path) => import(pathToFileURL(resolve(path)).href);
const libs = { base: await load(baseLib), new: await load(newLib) };
const n = Number(sizeArg),
  pairs = Number(pairsArg ?? 15);
// The suite's own programs (workloads/asyncio-ts-programs.mjs), made once per build.
const bodies = { base: programs(libs.base)[W], new: programs(libs.new)[W] };
async function once(side, size) {
  const asyncio = libs[side];
  globalThis.gc();
  return asyncio.run(
    (function* () {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const v = yield* bodies[side](size);
      const c = process.cpuUsage(c0);
      if (v.value !== expected(W, size)) throw new Error("wrong value");
      return {
        wall: (performance.now() - t0) / 1000,
        cpu: (c.user + c.system) / 1e6,
        user: c.user / 1e6,
      };
    })(),
  );
}
for (let w = 0; w < 3; w++) {
  await once("base", n / 10);
  await once("new", n / 10);
}
const r = { base: [], new: [] },
  ratios = [],
  uratios = [],
  wratios = [];
for (let p = 0; p < pairs; p++) {
  const order = p % 2 === 0 ? ["base", "new"] : ["new", "base"];
  const got = {};
  for (const side of order) got[side] = await once(side, n);
  r.base.push(got.base);
  r.new.push(got.new);
  ratios.push(got.new.cpu / got.base.cpu);
  uratios.push(got.new.user / got.base.user);
  wratios.push(got.new.wall / got.base.wall);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  JSON.stringify({
    W,
    n,
    pairs,
    base: {
      cpu: med(r.base.map((x) => x.cpu)),
      user: med(r.base.map((x) => x.user)),
      wall: med(r.base.map((x) => x.wall)),
    },
    new: {
      cpu: med(r.new.map((x) => x.cpu)),
      user: med(r.new.map((x) => x.user)),
      wall: med(r.new.map((x) => x.wall)),
    },
    cpuRatio: med(ratios),
    userRatio: med(uratios),
    wallRatio: med(wratios),
    newFasterCpuPairs: ratios.filter((x) => x < 1).length,
    newFasterUserPairs: uratios.filter((x) => x < 1).length,
  }),
);
