// Instructions per unit of a workload, counted rather than timed: user-space
// instructions do not depend on what else runs on the machine, where times
// on the shared 2 cores move by 10-50% (BENCHMARKS.md, "W9 counted in
// instructions"). Each build runs the workload once, in a fresh process under
// valgrind's cachegrind with V8 on one thread (`node --single-threaded`: no
// helper threads, so compilation and GC are counted too), at two sizes; the
// difference over the difference in units is what one unit costs, without
// start-up and module loading. Two runs of one build at one size differed
// by about 0.15% on a quiet machine, and by up to 4% with the load average
// at 5-12 (the loop's batches and V8's incremental marking follow the
// clock): run builds in turns, several times, and compare medians.
// A build is a path to dist/src/index.js; "bare" is bench/workloads/bare.mjs
// (which warms up first: 1.3 times the size).
//   node bench/instructions.mjs W9 10000 30000 /work/wt/base/dist/src/index.js dist/src/index.js bare
// Needs valgrind (Debian's package). A run at 30,000 round trips takes a few minutes.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [W, small, large, ...builds] = process.argv.slice(2);
if (builds.length === 0) throw new Error("usage: instructions.mjs W SMALL LARGE BUILD...");

/** Instructions of one process: the workload once on a build, or the bare program. */
function refs(build, size) {
  const argv =
    build === "bare"
      ? [join(here, "workloads/bare.mjs"), W, String(size), "1"]
      : [join(here, "instructions-once.mjs"), resolve(build), W, String(size)];
  const tool = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"];
  const node = ["node", "--single-threaded", "--expose-gc"];
  const run = spawnSync("valgrind", [...tool, ...node, ...argv], { encoding: "utf8" });
  const m = /I\s+refs:\s+([\d,]+)/.exec(run.stderr ?? "");
  if (run.status !== 0 || m === null) throw new Error(`${build} ${size}: ${run.stderr}`);
  return Number(m[1].replaceAll(",", ""));
}

for (const build of builds) {
  const units = (n) => (build === "bare" ? 1.3 * n : n);
  const a = refs(build, Number(small));
  const b = refs(build, Number(large));
  const per = (b - a) / (units(Number(large)) - units(Number(small)));
  console.log(JSON.stringify({ W, build, small: a, large: b, perUnit: Math.round(per) }));
}
