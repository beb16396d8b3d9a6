// Where the collections fall among a workload's timed runs, per build, in
// fresh processes run as the suite's harness runs them (three warm-ups at a
// tenth of the size, then three timed runs, nothing collected between): for
// each run, its CPU time and the scavenges and mark-compacts inside it (a
// PerformanceObserver on `gc` entries). The suite reports the median of the
// three runs, so a process whose median run holds a mark-compact reads slow
// (BENCHMARKS.md, "W1's slow processes"). Builds run in turns, one process
// each per round.
//   node bench/collections.mjs W1 16 /work/wt/base/dist/src/index.js dist/src/index.js bare
// Prints, per build: how many processes had a mark-compact in run 1, 2 and
// 3; in how many the median run (by CPU time) had one; the CPU time of runs
// with and without one; and the median of the per-process medians.
// BENCH_NODE_FLAGS="--initial-old-space-size=128" runs every process with
// those V8 flags too.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { constants } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

/** BENCH_NODE_FLAGS: more flags for every process (e.g. "--initial-old-space-size=128"). */
const extraFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function parent([W, roundsArg, ...builds]) {
  if (builds.length === 0) throw new Error("usage: collections.mjs W ROUNDS BUILD...");
  const self = fileURLToPath(import.meta.url);
  const processes = new Map(builds.map((b) => [b, []]));
  for (let r = 0; r < Number(roundsArg); r++) {
    for (const build of builds) {
      const flags = [...extraFlags, "--expose-gc", self, "--child", build, W];
      const run = spawnSync(process.execPath, flags, {
        encoding: "utf8",
      });
      if (run.status !== 0) throw new Error(`${build}: ${run.stderr}`);
      processes.get(build).push(JSON.parse(run.stdout));
    }
  }
  for (const [build, runsOf] of processes) {
    const all = runsOf.flat();
    const mids = runsOf.map((runs) => runs.toSorted((a, b) => a.cpu - b.cpu)[1]);
    const cpu = (rs) => (rs.length > 0 ? median(rs.map((r) => r.cpu)) : null);
    console.log(
      JSON.stringify({
        W,
        build,
        processes: runsOf.length,
        markCompactByRun: [0, 1, 2].map((i) => runsOf.filter((runs) => runs[i].mc > 0).length),
        medianRunWithMarkCompact: mids.filter((r) => r.mc > 0).length,
        cpuMsWithMarkCompact: cpu(all.filter((r) => r.mc > 0)),
        cpuMsWithout: cpu(all.filter((r) => r.mc === 0)),
        medianOfMedians: cpu(mids),
        scavengesPerRun: median(all.map((r) => r.scavenges)),
      }),
    );
  }
}

async function child(build, W) {
  const gcs = [];
  new PerformanceObserver((list) => gcs.push(...list.getEntries())).observe({
    entryTypes: ["gc"],
  });
  let run;
  if (build === "bare") {
    const { barePrograms } = await import("./workloads/bare-programs.mjs");
    run = async (n) => {
      const t0 = performance.now();
      await barePrograms[W](n);
      return [t0, performance.now()];
    };
  } else {
    const asyncio = await import(pathToFileURL(resolve(build)).href);
    const { programs } = await import("./workloads/asyncio-ts-programs.mjs");
    const body = programs(asyncio)[W];
    run = (n) =>
      asyncio.run(
        (function* () {
          const t0 = performance.now();
          yield* body(n);
          return [t0, performance.now()];
        })(),
      );
  }
  for (let w = 0; w < 3; w++) await run(10000);
  const timed = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const [start, end] = await run(100000);
    const c = process.cpuUsage(c0);
    timed.push({ start, end, cpu: Math.round((c.user + c.system) / 1000) });
  }
  await new Promise((r) => setTimeout(r, 20)); // the observer's entries arrive in a task
  const { NODE_PERFORMANCE_GC_MINOR: MINOR, NODE_PERFORMANCE_GC_MAJOR: MAJOR } = constants;
  const runs = timed.map(({ start, end, cpu }) => {
    const inRun = gcs.filter((g) => g.startTime >= start && g.startTime <= end);
    return {
      cpu,
      ms: Math.round(end - start),
      scavenges: inRun.filter((g) => g.detail.kind === MINOR).length,
      mc: inRun.filter((g) => g.detail.kind === MAJOR).length,
    };
  });
  console.log(JSON.stringify(runs));
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1], args[2]);
else parent(args);
