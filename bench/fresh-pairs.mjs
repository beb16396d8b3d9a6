// Builds compared as the suite's harness runs them: a fresh process per
// build and round, the builds in turns, each process making three warm-up
// runs at a tenth of the size and then seven timed runs (no collection
// between, V8's GC on its helper threads), its median CPU time and wall time
// reported. bench/ab-pair.mjs calls gc() before every run, which also makes
// V8 drop Task's maps and re-optimize the kernel each run; this keeps the
// suite's regime, at the price of more noise (an A/A read 1.047 at load 10).
// Prints per build the medians over the rounds and the median of the
// per-round ratios to the first build.
//   node bench/fresh-pairs.mjs W4 16 /work/wt/base/dist/bundle/index.js dist/bundle/index.js
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const median = (xs) => xs.toSorted((a, b) => a - b)[xs.length >> 1];

async function child(lib, W) {
  const asyncio = await import(pathToFileURL(resolve(lib)).href);
  const { programs } = await import("./workloads/asyncio-ts-programs.mjs");
  const body = programs(asyncio)[W];
  const run = (n) =>
    asyncio.run(
      (function* () {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        yield* body(n);
        const c = process.cpuUsage(c0);
        return [(c.user + c.system) / 1000, performance.now() - t0];
      })(),
    );
  for (let i = 0; i < 3; i++) await run(10000);
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(await run(100000));
  console.log(JSON.stringify([median(runs.map((r) => r[0])), median(runs.map((r) => r[1]))]));
}

function parent([W, rounds, ...builds]) {
  if (builds.length === 0) throw new Error("usage: fresh-pairs.mjs W ROUNDS BUILD...");
  const self = fileURLToPath(import.meta.url);
  const got = builds.map(() => []);
  for (let r = 0; r < Number(rounds); r++) {
    builds.forEach((build, j) => {
      const p = spawnSync(process.execPath, ["--expose-gc", self, "--child", build, W], {
        encoding: "utf8",
      });
      if (p.status !== 0) throw new Error(`${build}: ${p.stderr}`);
      got[j].push(JSON.parse(p.stdout));
    });
  }
  builds.forEach((build, j) => {
    const ratios = got[j].map(([cpu], r) => cpu / got[0][r][0]);
    console.log(
      JSON.stringify({
        W,
        build,
        cpuMs: median(got[j].map((x) => x[0])),
        wallMs: median(got[j].map((x) => x[1])),
        cpuRatio: median(ratios),
        fasterRounds: ratios.filter((x) => x < 1).length,
        rounds: Number(rounds),
      }),
    );
  });
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1], args[2]);
else parent(args);
