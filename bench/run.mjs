// The benchmark suite: W1–W10 for asyncio-ts, CPython asyncio, Effection 4 and
// bare async/await, and uvloop (CPython's asyncio on libuv) for W1–W3 and W9.
// Each workload × implementation runs in a fresh process
// (bench/workloads/<impl>.mjs|.py, cpython-uvloop.py), which warms up three times at a tenth of
// the size and reports the median of seven timed runs as one JSON line
// (W1 and W4: three such processes, the median of their medians; W6 and
// W10, memory: one run per process, no warm-ups, the median of several
// processes). Around each timed run the process reads a slow-stretch
// sentinel and runs again a run timed in one of the machine's slow stretches
// (sentinel-rule.mjs; W6 and W10, memory, have none).
//
//   npm run bench                       the full suite (prints the tables)
//   npm run bench -- --write            also writes bench/results.json and BENCHMARKS.md
//   npm run bench -- --quick            a tenth of the sizes
//   npm run bench -- --only W1,W3 --impl asyncio-ts,bare
//   npm run bench -- --no-retry         sentinel readings reported, no run retried
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  FastFigures,
  needsSecondProcess,
  POLLS,
  RETRIES,
  readingsOf,
  ruleFor,
  sentinelCell,
  summarize,
  TOLERANCE,
} from "./sentinel-rule.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

const IMPLS = ["asyncio-ts", "cpython", "uvloop", "effection", "bare"];
// uvloop runs the scheduling workloads for reference and W9, where it is the
// I/O target (issue 18); a workload without `impls` runs these.
const DEFAULT_IMPLS = IMPLS.filter((impl) => impl !== "uvloop");

const WORKLOADS = {
  W1: {
    name: "spawn",
    size: 100_000,
    unit: "tasks/s",
    what: "tasks, each one zero-length yield then its index, gathered",
    impls: IMPLS,
    // One process's median read asyncio-ts ÷ bare anywhere from 0.73 to 1.51
    // in one series, for builds level in CPU time (BENCHMARKS.md, "W1 and W4
    // in three processes"): the row is the median of three processes' medians.
    processes: 3,
  },
  W2: {
    name: "switch",
    size: 1_000_000,
    unit: "yields/s",
    what: "`sleep(0)` yields by one task",
    impls: IMPLS,
  },
  W3: {
    name: "ping-pong",
    size: 200_000,
    unit: "passes/s",
    what: "passes of a counter between two tasks through two queues of maxsize 1",
    impls: IMPLS,
  },
  W4: {
    name: "group",
    size: 100_000,
    unit: "children/s",
    what: "TaskGroup children, each one zero-length yield",
    // As W1: CPython's processes spread as much as ours (12.2–18.4× in one series).
    processes: 3,
  },
  W5: {
    name: "timers",
    size: 100_000,
    unit: "ms overhead",
    what: "tasks sleeping distinct seeded delays in [0, 0.5) s; overhead = elapsed − 0.5 s",
  },
  W6: {
    name: "memory",
    size: 100_000,
    unit: "heap bytes/task",
    what: "tasks suspended on one Event; heap bytes per task after a forced GC (V8's heap; CPython's tracemalloc), resident bytes beside, each run in a fresh process",
    // Freed pages stay resident, so a second run in the same process
    // undercounts RSS: every run is the first of its process (no warm-ups).
    fresh: true,
  },
  W7: {
    name: "cancel",
    size: 100_000,
    unit: "cancels/s",
    what: "tasks suspended on one Event, all cancelled, awaited with exceptions collected",
  },
  W8: {
    name: "depth",
    size: 1_000,
    unit: "chains/s",
    what: "runs of a 100-coroutine `yield*` chain whose innermost awaits a resolved Promise 100 times",
  },
  W9: {
    name: "tcp echo",
    size: 100_000,
    unit: "round trips/s",
    what: "1 KiB round trips over loopback TCP streams, 100 clients at once (1,000 each)",
    // The issue compares streams with CPython's, uvloop's and bare node:net; Effection has no streams.
    impls: ["asyncio-ts", "cpython", "uvloop", "bare"],
  },
  W10: {
    name: "reset storm",
    size: 6_000,
    unit: "MB resident",
    what: "clients in 4 rounds (a round's all at once), each sending 256 KiB to an echo server and resetting the connection once 64 KiB came back; the server's resident memory after the rounds and a forced GC",
    impls: ["asyncio-ts", "cpython", "bare"],
    // Memory is the process's state after all it ran (no warm-ups,
    // harness.mjs), so each run is a process of its own, about 20 s. One
    // process read asyncio-ts ÷ bare anywhere from 0.88 to 1.49 (BENCHMARKS.md,
    // "W10 in three processes"): the row is the median of three.
    fresh: true,
    processes: 3,
  },
};

// Effection spawns cost about 100 µs and 11 KB each here, so its workloads that
// spawn one task per unit run at this many tasks to keep the suite near five
// minutes (at 100,000 one W6 run alone took over a minute).
const EFFECTION_TASKS = 20_000;
const EFFECTION_CAPPED = new Set(["W1", "W4", "W5", "W6", "W7"]);

function parseArgs(argv) {
  const opts = {
    quick: false,
    write: false,
    only: Object.keys(WORKLOADS),
    impl: IMPLS,
    // Seven, not three: a run that holds one of V8's mark-compacts takes a
    // third longer, and with three runs a single one could decide a
    // process's median, for any implementation (BENCHMARKS.md, "Seven timed
    // runs").
    reps: 7,
    retry: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") opts.quick = true;
    else if (a === "--write") opts.write = true;
    else if (a === "--only") opts.only = argv[++i].split(",");
    else if (a === "--impl") opts.impl = argv[++i].split(",");
    else if (a === "--reps") opts.reps = Number(argv[++i]);
    else if (a === "--no-retry") opts.retry = false;
    else
      throw new Error(
        `unknown option ${a} (--quick, --write, --only W1,W3, --impl a,b, --reps n, --no-retry)`,
      );
  }
  for (const w of opts.only) if (!(w in WORKLOADS)) throw new Error(`unknown workload ${w}`);
  for (const m of opts.impl) if (!IMPLS.includes(m)) throw new Error(`unknown implementation ${m}`);
  return opts;
}

/** The newest CPython of at least 3.11 (TaskGroup): pyenv's versions first, then `python3`. */
function findPython() {
  const pyenvRoot = process.env.PYENV_ROOT ?? join(os.homedir(), ".pyenv");
  const versionsDir = join(pyenvRoot, "versions");
  const parse = (v) => v.split(".").map(Number);
  const newer = (a, b) => parse(b).reduce((d, x, i) => d || x - parse(a)[i], 0);
  if (existsSync(versionsDir)) {
    const versions = readdirSync(versionsDir)
      .filter((v) => /^3\.\d+\.\d+$/.test(v) && parse(v)[1] >= 11)
      .sort(newer);
    for (const v of versions) {
      const exe = join(versionsDir, v, "bin", "python3");
      if (existsSync(exe)) return { exe, version: v };
    }
  }
  const probe = spawnSync(
    "python3",
    ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
    { encoding: "utf8" },
  );
  if (probe.status === 0 && parse(probe.stdout.trim())[1] >= 11) {
    return { exe: "python3", version: probe.stdout.trim() };
  }
  return null;
}

/**
 * Debian's python3 with Debian's python3-uvloop (`apt-get install
 * python3-uvloop`), called by its path: pyenv's shim comes first on PATH and
 * has no uvloop.
 */
const UVLOOP_PYTHON = "/usr/bin/python3";

/** uvloop's version and the Python it runs on, or null where it is absent. */
function findUvloop() {
  if (!existsSync(UVLOOP_PYTHON)) return null;
  const probe = spawnSync(
    UVLOOP_PYTHON,
    ["-c", "import sys, uvloop; print(uvloop.__version__, '%d.%d.%d' % sys.version_info[:3])"],
    { encoding: "utf8" },
  );
  if (probe.status !== 0) return null;
  const [version, python] = probe.stdout.trim().split(" ");
  return { exe: UVLOOP_PYTHON, version, python };
}

function sizeFor(impl, workload, quick) {
  const full = WORKLOADS[workload].size;
  const size = quick ? full / 10 : full;
  if (impl === "effection" && EFFECTION_CAPPED.has(workload))
    return Math.min(size, quick ? EFFECTION_TASKS / 10 : EFFECTION_TASKS);
  return size;
}

/** The interpreter that runs `impl`'s programs, whose sentinel figures are its own. */
function interpreterOf(impl, python, uvloop) {
  if (impl === "cpython") return python.exe;
  if (impl === "uvloop") return uvloop.exe;
  return process.execPath;
}

/** `rule`: the slow-stretch rule the program applies to its timed runs (sentinel-rule.mjs). */
function runOne(impl, workload, size, reps, python, uvloop, rule) {
  const args = [workload, String(size), String(reps)];
  const cmd = interpreterOf(impl, python, uvloop);
  const argv =
    impl === "cpython"
      ? [join(here, "workloads", "cpython.py"), ...args]
      : impl === "uvloop"
        ? [join(here, "workloads", "cpython-uvloop.py"), ...args]
        : ["--expose-gc", join(here, "workloads", `${impl}.mjs`), ...args];
  const out = spawnSync(cmd, argv, {
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 1 << 24,
    // W10's load generator is a Node program, CPython's included.
    env: { ...process.env, BENCH_NODE: process.execPath, BENCH_SENTINEL: JSON.stringify(rule) },
  });
  const line = out.stdout?.split("\n").findLast((l) => l.startsWith("{"));
  if (out.status !== 0 || line === undefined) {
    return {
      impl,
      workload,
      size,
      ok: false,
      error: (out.stderr || String(out.error)).trim().split("\n").slice(-3).join(" "),
    };
  }
  return JSON.parse(line);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// What a row merges from its processes by their medians, where the program reports it.
const MEDIAN_KEYS = [
  "seconds",
  "bytesPerTask",
  "heapBytesPerTask",
  "rssMB",
  "peakMB",
  "heapMB",
  "externalMB",
];

/**
 * One row from `processes` processes of `reps` timed runs each: one
 * process's line as it is; several merged, each figure the median of the
 * processes' (`seconds` the median of their medians), `reps` every timed
 * run, the sentinel every process's readings. Each process runs under the
 * rule `ruleNow()` gives when it starts, and its readings join the figures
 * before the next.
 */
function runProcesses(impl, workload, size, processes, reps, ruleNow) {
  const exe = interpreterOf(impl, python, uvloop);
  const lines = [];
  for (let i = 0; i < processes; i++) {
    const r = runOne(impl, workload, size, reps, python, uvloop, ruleNow());
    if (r.error !== undefined) return r;
    figures.see(exe, readingsOf(r));
    lines.push(r);
  }
  if (processes === 1) return lines[0];
  const merged = {
    ...lines[0],
    reps: lines.flatMap((r) => r.reps),
    processSeconds: lines.map((r) => r.seconds),
    ok: lines.every((r) => r.ok),
    processes,
    sentinel: lines.every((r) => r.sentinel !== undefined)
      ? {
          runs: lines.flatMap((r) => r.sentinel.runs),
          discarded: lines.flatMap((r) => r.sentinel.discarded),
          polls: lines.reduce((n, r) => n + r.sentinel.polls, 0),
        }
      : undefined,
  };
  for (const key of MEDIAN_KEYS) {
    if (lines[0][key] !== undefined) merged[key] = median(lines.map((r) => r[key]));
  }
  return merged;
}

/** The figure a table shows: a rate, W5's overhead in ms or W6's heap bytes per task. */
function metric(r) {
  if (r.seconds === undefined) return undefined;
  if (r.workload === "W5") return (r.seconds - 0.5) * 1000;
  if (r.workload === "W6") return r.heapBytesPerTask;
  if (r.workload === "W10") return r.rssMB ?? undefined;
  return r.size / r.seconds;
}

const fmt = (x) => (x == null ? "—" : Math.round(x).toLocaleString("en"));

function ratio(r, base) {
  if (!base || base.metric === undefined || r.metric === undefined) return "—";
  if (r.workload === "W5" && r.size !== base.size) return "n/c";
  const x = r.metric / base.metric;
  return `${x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}×`;
}

function table(workload, rows, notes) {
  const w = WORKLOADS[workload];
  const base = rows.find((r) => r.impl === "asyncio-ts");
  const better = ["W5", "W6", "W10"].includes(workload) ? "lower is better" : "higher is faster";
  const size = notes.quick ? w.size / 10 : w.size;
  const out = [`### ${workload} ${w.name}: ${size.toLocaleString("en")} ${w.what}`, ""];
  // Extra columns: W6's heap share; W10's peak, V8 heap and memory outside the heap.
  const extra =
    workload === "W6"
      ? [["resident bytes/task", (r) => r.bytesPerTask]]
      : workload === "W10"
        ? [
            ["peak MB resident", (r) => r.peakMB],
            ["MB V8 heap", (r) => r.heapMB],
            ["MB external", (r) => r.externalMB],
          ]
        : [];
  const extraHeads = extra.map(([title]) => ` ${title} |`).join("");
  const secondsTitle = w.reps === 1 ? "s" : "median s";
  out.push(
    `| implementation | size | ${w.unit} |${extraHeads} ratio to asyncio-ts (${better}) | ${secondsTitle} | check | sentinel |`,
  );
  out.push(`| --- | ---: | ---: |${extra.map(() => " ---: |").join("")} ---: | ---: | --- | --- |`);
  for (const r of rows) {
    const capped = r.size !== size ? " †" : "";
    const extraCells = extra.map(([, value]) => ` ${fmt(value(r))} |`).join("");
    const check = r.error ? `failed: ${r.error}` : r.ok ? "ok" : `WRONG (value ${r.value})`;
    const seconds = r.seconds === undefined ? "—" : r.seconds.toFixed(3);
    out.push(
      `| ${r.impl} | ${r.size.toLocaleString("en")}${capped} | ${fmt(r.metric)} |${extraCells} ${ratio(r, base)} | ${seconds} | ${check} | ${sentinelCell(r.sentinelSummary)} |`,
    );
  }
  return out.join("\n");
}

function machine(python, uvloop) {
  const cpus = os.cpus();
  const effection = JSON.parse(
    readFileSync(join(root, "node_modules", "effection", "package.json"), "utf8"),
  ).version;
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python: python ? python.version : null,
    uvloop: uvloop ? `${uvloop.version} on Python ${uvloop.python}` : null,
    effection,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** What the report says of the slow-stretch sentinel: the rule, the fast figures, the totals. */
function sentinelNote(opts, results, figures) {
  const watched = results.filter((r) => r.sentinelSummary !== undefined);
  const total = (key) => watched.reduce((n, r) => n + r.sentinelSummary[key], 0);
  const kept = total("kept");
  const fast = total("fast");
  const figuresText = [...figures.entries()]
    .map(([label, ns]) => `${label} ${ns.toFixed(1)} ns`)
    .join(", ");
  const rule = opts.retry
    ? `a run with either reading over ${TOLERANCE}× its interpreter's fast figure was timed in a slow stretch and is discarded and run again, up to ${RETRIES} times (the last attempt is kept whatever it reads); before each attempt the process waits, up to ${(POLLS * 0.05).toFixed(0)} s per run in all, for a reading under that limit; a row with a kept run over the session's final limit is run once more in a new process, which is kept`
    : `retries were off (\`--no-retry\`): every run is kept, and the column says how many read over ${TOLERANCE}× the fast figure`;
  return (
    `Slow-stretch sentinel (every implementation alike; W6 and W10, memory, have none): before and after each timed run the process times a library-free generator loop (bench/workloads/sentinel.mjs; sentinel.py, the same loop, for CPython and uvloop). ` +
    `Fast figures this session (the fastest reading, from a 2 s calibration per interpreter and every run): ${figuresText || "none"} per resume. ` +
    `Rule: ${rule}. The rule reads the sentinel only, never a run's time. ` +
    `The sentinel column: kept runs with both readings under the final limit / kept runs; attempts discarded; processes; seconds waited for the fast mode. ` +
    `This run: ${fast} of ${kept} kept runs fast, ${total("discarded")} discarded, ${total("waited").toFixed(1)} s waited.`
  );
}

function report(opts, m, results, command, figures) {
  const lines = [
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ` +
      `Python ${m.python ?? "not found (CPython skipped)"}; ` +
      `uvloop ${m.uvloop ?? "not found (skipped; apt-get install python3-uvloop)"}; Effection ${m.effection}; ` +
      `load average at start ${m.loadAverage.join(", ")}.`,
    "",
    `Command: \`${command}\` (${opts.quick ? "quick sizes" : "full sizes"}; each figure is the median of ${opts.reps} run${opts.reps === 1 ? "" : "s"} in one process after three warm-ups at a tenth of the size).`,
    "",
  ];
  lines.push(sentinelNote(opts, results, figures), "");
  for (const w of opts.only.filter((w) => WORKLOADS[w].fresh)) {
    if (!results.some((r) => r.workload === w)) continue;
    const n = WORKLOADS[w].processes ?? opts.reps;
    lines.push(
      `${w}: each of the ${n} runs in a fresh process with no warm-ups, its figures the process's state after it; the medians.`,
      "",
    );
  }
  for (const w of opts.only.filter((w) => !WORKLOADS[w].fresh && WORKLOADS[w].processes)) {
    if (!results.some((r) => r.workload === w)) continue;
    lines.push(
      `${w}: ${WORKLOADS[w].processes} processes per row, each as above; the figure is the median of their medians.`,
      "",
    );
  }
  if (results.some((r) => r.impl === "effection" && EFFECTION_CAPPED.has(r.workload))) {
    lines.push(
      `† Effection runs at ${(opts.quick ? EFFECTION_TASKS / 10 : EFFECTION_TASKS).toLocaleString("en")} tasks where a workload spawns one task per unit (its spawns are slow; see BENCHMARKS.md). Rates and bytes/task stay comparable; W5's overhead does not (n/c).`,
      "",
    );
  }
  for (const w of opts.only) {
    const rows = results.filter((r) => r.workload === w);
    if (rows.length > 0) lines.push(table(w, rows, opts), "");
  }
  return lines.join("\n");
}

function writeBenchmarksMd(text) {
  const file = join(root, "BENCHMARKS.md");
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const block = `${start}\n${text}\n${end}`;
  const old = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmarks\n\n${start}\n${end}\n`;
  const i = old.indexOf(start);
  const j = old.indexOf(end);
  writeFileSync(
    file,
    i >= 0 && j > i ? old.slice(0, i) + block + old.slice(j + end.length) : `${old}\n${block}\n`,
  );
}

const opts = parseArgs(process.argv.slice(2));
const python = opts.impl.includes("cpython") ? findPython() : null;
const uvloop = opts.impl.includes("uvloop") ? findUvloop() : null;
const m = machine(python, uvloop);
const command =
  `npm run bench --${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(" ")}` : ""}`.replace(
    / --$/,
    "",
  );
console.log(
  `Node ${m.node}, ${m.cores} cores; Python ${m.python ?? "none"}; uvloop ${m.uvloop ?? "none"}; Effection ${m.effection}`,
);
if (opts.impl.includes("cpython") && !python)
  console.log("CPython skipped: no python3 >= 3.11 found");
if (opts.impl.includes("uvloop") && !uvloop)
  console.log(
    `uvloop skipped: ${UVLOOP_PYTHON} cannot import uvloop (Debian: apt-get install python3-uvloop)`,
  );

// The slow-stretch sentinel's fast figures, per interpreter: a calibration
// first, then every reading the programs report (sentinel-rule.mjs).
const figures = new FastFigures();
const interpreters = new Map();
for (const impl of opts.impl) {
  if ((impl === "cpython" && !python) || (impl === "uvloop" && !uvloop)) continue;
  const exe = interpreterOf(impl, python, uvloop);
  const label =
    impl === "cpython" || impl === "uvloop"
      ? `Python ${impl === "cpython" ? python.version : uvloop.python}`
      : `Node ${process.version}`;
  interpreters.set(exe, label);
}
for (const exe of interpreters.keys()) {
  const calibration = join(
    here,
    "workloads",
    exe === process.execPath ? "sentinel.mjs" : "sentinel.py",
  );
  const out = spawnSync(exe, [calibration, "2"], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`sentinel calibration failed: ${out.stderr}`);
  figures.see(exe, JSON.parse(out.stdout).readings);
}

/**
 * One row's processes. A memory workload's (W6, W10) are each one run
 * with no warm-ups and no sentinel rule; the others' each run under the
 * rule of the fast figure known when it starts.
 */
function measureRow(impl, w, size) {
  const exe = interpreterOf(impl, python, uvloop);
  const { fresh, processes } = WORKLOADS[w];
  const r = fresh
    ? runProcesses(impl, w, size, processes ?? opts.reps, 1, () => ruleFor(Infinity, false))
    : runProcesses(impl, w, size, processes ?? 1, WORKLOADS[w].reps ?? opts.reps, () =>
        ruleFor(figures.limit(exe), opts.retry),
      );
  r.metric = metric(r);
  return r;
}

const results = [];
for (const w of opts.only) {
  for (const impl of opts.impl) {
    if ((impl === "cpython" && !python) || (impl === "uvloop" && !uvloop)) continue;
    if (!(WORKLOADS[w].impls ?? DEFAULT_IMPLS).includes(impl)) continue;
    const r = measureRow(impl, w, sizeFor(impl, w, opts.quick));
    results.push(r);
    const status = r.error ? `FAILED ${r.error}` : r.ok ? "ok" : "WRONG";
    const watched = summarize(r, figures.limit(interpreterOf(impl, python, uvloop)));
    console.log(
      `${w} ${impl.padEnd(10)} ${r.size.toLocaleString("en").padStart(9)}  ${fmt(r.metric).padStart(12)} ${WORKLOADS[w].unit}  ${status}  ${sentinelCell(watched)}`,
    );
  }
}

// A fast figure found late makes the limit earlier rows ran under too high:
// a row with a kept run over the final limit runs once more, and that
// second process is kept whatever it reads.
if (opts.retry) {
  for (let i = 0; i < results.length; i++) {
    const first = results[i];
    if (!needsSecondProcess(first, figures.limit(interpreterOf(first.impl, python, uvloop))))
      continue;
    const r = measureRow(first.impl, first.workload, first.size);
    r.replaced = [first];
    results[i] = r;
    console.log(
      `${r.workload} ${r.impl.padEnd(10)} second process: ${fmt(r.metric)} ${WORKLOADS[r.workload].unit}`,
    );
  }
}
for (const r of results) {
  r.sentinelSummary = summarize(
    r,
    figures.limit(interpreterOf(r.impl, python, uvloop)),
    r.replaced,
  );
}
const fastFigures = new Map(
  [...interpreters]
    .map(([exe, label]) => [label, figures.fast(exe)])
    .filter(([, ns]) => ns !== undefined),
);

const text = report(opts, m, results, command, fastFigures);
console.log(`\n${text}`);
if (opts.write) {
  const json = {
    date: new Date().toISOString(),
    command,
    quick: opts.quick,
    reps: opts.reps,
    machine: m,
    sentinel: {
      tolerance: TOLERANCE,
      retries: opts.retry ? RETRIES : 0,
      polls: opts.retry ? POLLS : 0,
      fast: Object.fromEntries(fastFigures),
    },
    workloads: WORKLOADS,
    results,
  };
  writeFileSync(join(here, "results.json"), `${JSON.stringify(json, null, 2)}\n`);
  writeBenchmarksMd(text);
  console.log("wrote bench/results.json and BENCHMARKS.md");
}
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
