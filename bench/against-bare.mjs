// W1 or W4 against bare Promises in one process: asyncio-ts's program (the
// suite's own, workloads/asyncio-ts-programs.mjs) and bare's (the suite's,
// workloads/bare-programs.mjs) alternate in pairs, process CPU time per run. Separate
// processes on this shared machine see the load and its slow stretches more
// than the programs (BENCHMARKS.md, the sentinel); pairs in one process see
// both under the same conditions. Prints the medians and the pair ratios.
// Usage: node --expose-gc bench/against-bare.mjs dist/src/index.js W1|W4 [size] [pairs]
const [lib, W = "W1", sizeArg = "100000", pairsArg = "15"] = process.argv.slice(2);
const { resolve } = await import("node:path");
const { pathToFileURL } = await import("node:url");
const asyncio = await import(pathToFileURL(resolve(lib)).href);
const { programs } = await import("./workloads/asyncio-ts-programs.mjs");
const body = programs(asyncio)[W];
const n = Number(sizeArg);
const pairs = Number(pairsArg);

const { barePrograms } = await import("./workloads/bare-programs.mjs");
const bare = { W1: barePrograms.W1, W4: barePrograms.W4 };
if (!body || !bare[W]) throw new Error(`W1 or W4, not ${W}`);

const cpuSeconds = (c) => (c.user + c.system) / 1e6;
function ours(k) {
  globalThis.gc();
  return asyncio.run(
    (function* () {
      const c0 = process.cpuUsage();
      yield* body(k);
      return cpuSeconds(process.cpuUsage(c0));
    })(),
  );
}
async function theirs(k) {
  globalThis.gc();
  const c0 = process.cpuUsage();
  await bare[W](k);
  return cpuSeconds(process.cpuUsage(c0));
}

for (let w = 0; w < 3; w++) {
  await ours(n / 10);
  await theirs(n / 10);
}
const a = [];
const b = [];
const ratios = [];
for (let p = 0; p < pairs; p++) {
  // Alternate which side runs first, so neither always follows the other's garbage.
  const first = p % 2 ? await ours(n) : await theirs(n);
  const second = p % 2 ? await theirs(n) : await ours(n);
  const [x, y] = p % 2 ? [first, second] : [second, first];
  a.push(x);
  b.push(y);
  ratios.push(x / y);
}
const median = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
console.log(
  `${W} ${n}: asyncio-ts ${median(a).toFixed(4)} s CPU, bare ${median(b).toFixed(4)} s; ` +
    `median pair ratio ${median(ratios).toFixed(3)}; within 1.25x in ${ratios.filter((r) => r <= 1.25).length} of ${pairs} pairs`,
);
