// The virtual clock at scale: N tasks each sleeping a distinct delay (W5's
// seeded delays in [0, 0.5) s) on a virtual clock, so every timer costs the
// loop one jump of the clock. Reports CPU and wall microseconds per task for asyncio-ts
// and for CPython asyncio on conformance/vtloop.py's VirtualTimeLoop (a
// SelectorEventLoop whose selector moves the clock instead of sleeping).
// Each implementation × size runs in a fresh process: three warm-ups at a
// tenth of the size, then the median of the timed runs.
//
//   npm run bench:virtual-clock                      10k, 100k and 1M timers
//   node bench/virtual-clock.mjs --sizes 100000 --impl asyncio-ts --reps 5
//   node bench/virtual-clock.mjs --dist ../other/dist  (A/B against another build)
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { delays } from "./workloads/harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const WARMUPS = 3;

function parseArgs(argv) {
  const opts = { sizes: [10_000, 100_000, 1_000_000], impl: ["asyncio-ts", "cpython"], reps: 3 };
  opts.dist = join(here, "..", "dist");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--sizes") opts.sizes = argv[++i].split(",").map(Number);
    else if (a === "--impl") opts.impl = argv[++i].split(",");
    else if (a === "--reps") opts.reps = Number(argv[++i]);
    else if (a === "--dist") opts.dist = resolve(argv[++i]);
    else if (a === "--child") opts.child = Number(argv[++i]);
    else
      throw new Error(
        `unknown option ${a} (--sizes a,b --impl asyncio-ts,cpython --reps n --dist dir)`,
      );
  }
  return opts;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One process: warm-ups, then `reps` timed runs of `size` sleeping tasks. */
async function child(size, opts) {
  const asyncio = await import(pathToFileURL(join(opts.dist, "src", "index.js")).href);
  function* sleeper(delay, i) {
    yield* asyncio.sleep(delay);
    return i;
  }
  function* main(ds) {
    const loop = asyncio.getRunningLoop();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // Awaited one by one: gather(...tasks) spreads a million arguments on the stack.
    const tasks = ds.map((d, i) => asyncio.createTask(sleeper(d, i)));
    let sum = 0;
    for (const t of tasks) sum += yield* t;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const ok =
      sum === (ds.length * (ds.length - 1)) / 2 &&
      loop.time() === ds.reduce((a, b) => Math.max(a, b), 0);
    return { seconds, cpuSeconds, ok };
  }
  const once = (n) => asyncio.run(main(delays(n)), { virtualTime: true });
  for (let w = 0; w < WARMUPS; w++) await once(Math.max(2, Math.floor(size / 10)));
  const runs = [];
  for (let r = 0; r < opts.reps; r++) runs.push(await once(size));
  return runs;
}

function runOne(impl, size, opts) {
  const cmd =
    impl === "cpython"
      ? ["python3", [join(here, "workloads", "virtual-clock.py"), String(size), String(opts.reps)]]
      : [
          process.execPath,
          [
            fileURLToPath(import.meta.url),
            "--child",
            String(size),
            "--dist",
            opts.dist,
            "--reps",
            String(opts.reps),
          ],
        ];
  const env = impl === "cpython" ? { ...process.env, PYENV_VERSION: "3.13.0" } : process.env;
  const p = spawnSync(cmd[0], cmd[1], { encoding: "utf8", env, maxBuffer: 1 << 20 });
  if (p.status !== 0) return { impl, size, error: (p.stderr || p.stdout).trim().split("\n").pop() };
  const runs = JSON.parse(p.stdout.trim().split("\n").pop());
  const seconds = median(runs.map((r) => r.seconds));
  const cpuSeconds = median(runs.map((r) => r.cpuSeconds));
  return {
    impl,
    size,
    seconds,
    cpuSeconds,
    usPerTask: (cpuSeconds * 1e6) / size,
    wallUsPerTask: (seconds * 1e6) / size,
    reps: runs,
    ok: runs.every((r) => r.ok),
  };
}

const opts = parseArgs(process.argv.slice(2));
if (opts.child !== undefined) {
  console.log(JSON.stringify(await child(opts.child, opts)));
} else {
  const rows = [];
  for (const size of opts.sizes) for (const impl of opts.impl) rows.push(runOne(impl, size, opts));
  console.log(
    `Node ${process.version}, load ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  // CPU time leads: on a shared machine, wall time also counts the time others ran.
  console.log(
    "| timers | implementation | CPU µs per task | wall µs per task | CPU seconds | ok |\n| ---: | --- | ---: | ---: | ---: | --- |",
  );
  for (const r of rows) {
    const n = r.size.toLocaleString("en");
    if (r.error) console.log(`| ${n} | ${r.impl} | — | — | — | ${r.error} |`);
    else
      console.log(
        `| ${n} | ${r.impl} | ${r.usPerTask.toFixed(2)} | ${r.wallUsPerTask.toFixed(2)} | ${r.cpuSeconds.toFixed(3)} | ${r.ok ? "yes" : "NO"} |`,
      );
  }
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows));
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}
