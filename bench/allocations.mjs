// Bytes allocated per unit of W1–W4 (per child, switch or pass), counted,
// not timed: the figure does not depend on the machine's load. Each build
// runs each workload in a fresh process whose young generation is larger
// than everything the runs allocate (`--min-semi-space-size`), so no
// collection runs while one is measured, and V8's used heap grows by exactly
// the bytes allocated (a check at start-up allocates 40-byte objects and
// must read 40.00). Every process warms up first, then measures two sizes
// twice each, a forced collection before each run; the figure is the
// difference between the sizes over the difference in units, without the
// fixed cost of a run (a loop, the main Task, the workload's own arrays).
// A measured run that holds a collection is an error.
//   node bench/allocations.mjs [--only W1,W4] [--sizes 20000,100000] [--sites | --copied] BUILD...
// A build is a path to dist/src/index.js, or "bare" (bench/workloads/
// bare-programs.mjs). --sites: where the bytes go instead, from V8's
// allocation tracker (the heap profiler's, which counts every allocation,
// dead or not, by the stack that made it): the functions that allocated most
// per unit. --copied: what the collector does instead, with V8's default
// young generation, from `--trace-gc-nvp`: per unit of the larger size, the
// bytes the scavenges copied (survived in the young generation, or promoted
// to the old), and per run the scavenges and the mark-compacts (medians of
// REPEATS * 2 runs, a forced collection before each). Copying what survives
// is most of a scavenge's work; the counts follow the allocations, not the
// clock, though not to the byte (the batches do).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";

/** The two sizes per workload (W2 and W3 units are switches and passes). */
const SIZES = {
  W1: [20000, 100000],
  W2: [200000, 1000000],
  W3: [40000, 200000],
  W4: [20000, 100000],
};
const UNITS = { W1: "child", W2: "switch", W3: "pass", W4: "child" };
const SEMI_SPACE_MB = 512;
const WARMUPS = 12;
// The loop's batches follow the clock (a turn's time budget), so a run's
// allocations vary by a few hundredths of a percent: the median of these.
const REPEATS = 5;

function parent(argv) {
  let only = Object.keys(SIZES);
  let mode = "bytes";
  let sizes = null;
  const builds = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") only = argv[++i].split(",");
    else if (argv[i] === "--sites") mode = "sites";
    else if (argv[i] === "--copied") mode = "copied";
    else if (argv[i] === "--sizes") sizes = argv[++i];
    else builds.push(argv[i]);
  }
  if (builds.length === 0)
    throw new Error("usage: allocations.mjs [--only W1,W4] [--sites | --copied] BUILD...");
  const flags =
    mode === "copied"
      ? ["--expose-gc", "--single-threaded", "--trace-gc-nvp"]
      : [
          "--expose-gc",
          "--single-threaded",
          `--min-semi-space-size=${SEMI_SPACE_MB}`,
          `--max-semi-space-size=${SEMI_SPACE_MB}`,
        ];
  const self = fileURLToPath(import.meta.url);
  for (const W of only) {
    for (const build of builds) {
      const child = [self, "--child", build, W, mode, sizes ?? SIZES[W].join(",")];
      const run = spawnSync(process.execPath, [...flags, ...child], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      });
      if (run.status !== 0) throw new Error(`${build} ${W}: ${run.stderr}`);
      process.stdout.write(mode === "copied" ? copied(run.stdout, W, build, child[5]) : run.stdout);
    }
  }
}

/** --copied: the collections between each run's markers in the child's `--trace-gc-nvp` output. */
function copied(out, W, build, sizes) {
  const runs = [];
  let run = null;
  for (const line of out.split("\n")) {
    if (line === RUN_START) run = { copied: 0, scavenges: 0, markCompacts: 0 };
    else if (line === RUN_END) runs.push(run);
    else if (run !== null && line.includes(" gc=s ")) {
      run.scavenges++;
      run.copied += nvp(line, "promoted") + nvp(line, "new_space_survived");
    } else if (run !== null && line.includes(" gc=mc ")) run.markCompacts++;
  }
  const large = Number(sizes.split(",")[1]);
  const m = (key) => median(runs.map((r) => r[key]));
  return `${JSON.stringify({
    W,
    build,
    unit: UNITS[W],
    size: large,
    copiedBytesPerUnit: round(m("copied") / large),
    copiedRange: [
      round(Math.min(...runs.map((r) => r.copied)) / large),
      round(Math.max(...runs.map((r) => r.copied)) / large),
    ],
    scavengesPerRun: m("scavenges"),
    markCompactsPerRun: m("markCompacts"),
  })}\n`;
}

const nvp = (line, key) => Number(new RegExp(` ${key}=(\\d+)`).exec(line)[1]);
const RUN_START = "@@ run start";
const RUN_END = "@@ run end";

async function load(build) {
  if (build === "bare") {
    const { barePrograms } = await import("./workloads/bare-programs.mjs");
    return (W) => barePrograms[W];
  }
  const asyncio = await import(pathToFileURL(resolve(build)).href);
  const { programs } = await import("./workloads/asyncio-ts-programs.mjs");
  const bodies = programs(asyncio);
  return (W) => (n) => asyncio.run(bodies[W](n));
}

/** Bytes used by V8's heap now (all spaces, what no collection has freed). */
const used = () => v8.getHeapStatistics().used_heap_size;

async function child(build, W, mode, sizes) {
  const { expected } = await import("./workloads/harness.mjs");
  if (mode !== "copied") selfCheck();
  const body = (await load(build))(W);
  const [small, large] = sizes.split(",").map(Number);
  const windows = [];
  const gcs = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  async function measured(n) {
    globalThis.gc();
    const t0 = performance.now();
    const before = used();
    const { value } = await body(n);
    const bytes = used() - before;
    windows.push([t0, performance.now()]);
    if (value !== expected(W, n)) throw new Error(`${W} ${n}: wrong value ${value}`);
    return bytes;
  }
  // Warm-ups at both sizes until V8 has tiered the code up: its code and
  // feedback are heap objects too, and their growth in a measured run would count.
  for (let w = 0; w < WARMUPS; w++) await measured(w % 2 === 0 ? large : small);
  windows.length = 0;
  if (mode === "sites") {
    console.log(JSON.stringify({ W, build, sites: await sites(body, small, large) }));
    return;
  }
  if (mode === "copied") {
    for (let r = 0; r < REPEATS * 2; r++) {
      globalThis.gc();
      console.log(RUN_START);
      await body(large);
      console.log(RUN_END);
    }
    return;
  }
  const a = [];
  const b = [];
  for (let r = 0; r < REPEATS; r++) {
    a.push(await measured(small));
    b.push(await measured(large));
  }
  await new Promise((r) => setTimeout(r, 10)); // the observer's entries arrive in a task
  const collected = gcs.filter((g) =>
    windows.some(([s, e]) => g.startTime >= s && g.startTime <= e),
  );
  if (collected.length > 0) throw new Error(`${W} ${build}: a collection ran in a measured run`);
  const per = a.map((x, r) => (b[r] - x) / (large - small));
  console.log(
    JSON.stringify({
      W,
      build,
      unit: UNITS[W],
      bytesPerUnit: round(median(per)),
      range: [round(Math.min(...per)), round(Math.max(...per))],
      [`medianBytesAt${small}`]: median(a),
      [`medianBytesAt${large}`]: median(b),
    }),
  );
}

const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];

/**
 * The heap grows by exactly what is allocated: objects of two fields are 40
 * bytes each, counted as the workloads are (two sizes, the difference).
 */
function selfCheck() {
  let keep;
  const objects = (n) => {
    for (let i = 0; i < n; i++) keep = { a: i, b: i };
  };
  const grown = (n) => {
    globalThis.gc();
    const before = used();
    objects(n);
    return used() - before;
  };
  // V8 tiers the loop up over the first runs (its code and feedback are heap objects too).
  for (let w = 0; w < 10; w++) grown(100000);
  const each = (grown(100000) - grown(20000)) / 80000;
  if (each !== 40 || keep === undefined) {
    throw new Error(`the heap grew by ${each} bytes per 40-byte object: not an exact count here`);
  }
}

/**
 * Where the bytes go: the allocation tracker's counts per function (the
 * function on top of the stack as each object was made) at two sizes, per
 * unit, largest first. The tracker makes every allocation call into V8's
 * runtime, so this is slow, and code optimized under it may allocate
 * differently (no allocation folding): the totals, not these, are exact.
 */
async function sites(body, small, large) {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  async function traced(n) {
    globalThis.gc();
    await session.post("HeapProfiler.startTrackingHeapObjects", { trackAllocations: true });
    await body(n);
    let json = "";
    const onChunk = (m) => (json += m.params.chunk);
    session.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
    await session.post("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    session.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
    await session.post("HeapProfiler.stopTrackingHeapObjects");
    return bySite(JSON.parse(json));
  }
  await traced(small);
  const a = await traced(small);
  const b = await traced(large);
  const rows = [];
  for (const [site, { count, size }] of b) {
    const x = a.get(site) ?? { count: 0, size: 0 };
    const bytes = (size - x.size) / (large - small);
    const objects = (count - x.count) / (large - small);
    if (Math.abs(bytes) >= 1) rows.push({ site, bytes: round(bytes), objects: round(objects) });
  }
  rows.sort((p, q) => q.bytes - p.bytes);
  return rows;
}

const round = (x) => Math.round(x * 100) / 100;

/** The snapshot's trace tree summed by the allocating function: its name, file and line. */
function bySite(snapshot) {
  const { strings } = snapshot;
  const infoFields = snapshot.snapshot.meta.trace_function_info_fields;
  const infoWidth = infoFields.length;
  const infos = snapshot.trace_function_infos;
  const name = (i) => {
    const at = i * infoWidth;
    const fn = strings[infos[at + infoFields.indexOf("name")]] || "(anonymous)";
    const script = strings[infos[at + infoFields.indexOf("script_name")]] ?? "";
    const line = infos[at + infoFields.indexOf("line")];
    return `${fn} ${script.split("/").slice(-2).join("/")}:${line + 1}`;
  };
  const totals = new Map();
  // Each node: [id, function_info_index, count, size, [children...]].
  const walk = (node) => {
    const [, fn, count, size, children] = node;
    if (count > 0) {
      const site = name(fn);
      const t = totals.get(site) ?? { count: 0, size: 0 };
      t.count += count;
      t.size += size;
      totals.set(site, t);
    }
    for (let i = 0; i < children.length; i += 5) walk(children.slice(i, i + 5));
  };
  walk(snapshot.trace_tree);
  return totals;
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1], args[2], args[3], args[4]);
else parent(args);
