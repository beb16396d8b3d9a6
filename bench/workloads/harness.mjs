// What every JavaScript workload program shares: argv, the warm-ups, three
// timed repetitions, the median, the seeded delays of W5, the memory probes of
// W6 and W10, W10's load generator and the one JSON line the driver reads.
//
// A workload is `async (size) => ({ seconds, value, ok?, ...extra })`: it
// times itself around the work only. The program reports ok when every run
// returned `expected(workload, size)` and none said ok: false (an extra check,
// such as W5 finishing no earlier than its longest delay).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sentinel, warmSentinel } from "./sentinel.mjs";
import { measured, ruleFromEnv } from "./sentinel-policy.mjs";

/** The value a correct run of `workload` at `size` returns (same in Python). */
export function expected(workload, size) {
  switch (workload) {
    case "W1":
    case "W5":
      return (size * (size - 1)) / 2; // sum of the task indexes
    case "W3":
      return size; // the counter after `size` passes
    case "W8":
      return size * 100; // innermost awaits
    default:
      return size; // W2 switches, W4 children, W6 woken, W7 CancelledErrors, W10 clients
  }
}

/**
 * `size` delays in [0, 0.5) s from xorshift32 (seed 2463534242): distinct,
 * since xorshift32 repeats no value within its period, and identical in the
 * Python program.
 */
export function delays(size) {
  let x = 2463534242;
  const out = new Array(size);
  for (let i = 0; i < size; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out[i] = (x / 4294967296) * 0.5;
  }
  return out;
}

/** Resident set and V8 heap after a full collection (needs node --expose-gc). */
export function memory() {
  if (typeof globalThis.gc !== "function") throw new Error("run node with --expose-gc");
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed };
}

/** W10's load generator (a separate process): `node <it> <port> <clients per round> <rounds>`. */
export const RESET_STORM = fileURLToPath(new URL("./reset-storm.mjs", import.meta.url));

/** W10 runs its clients in this many rounds. */
export const RESET_ROUNDS = 4;

/**
 * For W10: the process's memory after a full collection, in MB: resident
 * (and its peak, where /proc tells it), V8 heap, and memory outside the heap
 * (`external`, which includes the ArrayBuffers).
 */
export function residentAfter() {
  const { rss, heap } = memory();
  const { external } = process.memoryUsage();
  let peak;
  try {
    const kB = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kB !== undefined) peak = Number(kB) * 1024;
  } catch {
    // Not Linux: no peak.
  }
  const mb = (bytes) => (bytes === undefined ? undefined : bytes / 2 ** 20);
  return { rssMB: mb(rss), peakMB: mb(peak), heapMB: mb(heap), externalMB: mb(external) };
}

// One warm-up left the first timed run still being optimized (asyncio-ts's
// W3 ran 0.052, 0.033, 0.025 s); after three, the runs agree within a few percent.
const WARMUPS = 3;
// W10 measures memory, not speed: its first round warms up, and warm-up runs
// (a load generator process each) would only lengthen the suite. W6 measures
// the first run of a fresh process: after a run, freed pages stay resident and
// the next run's RSS undercounts (bench/run.mjs starts a process per run).
const UNWARMED = new Set(["W6", "W10"]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs argv's workload: warm-ups at size/10, then `reps` timed runs; prints one JSON line. */
export async function main(impl, workloads) {
  const [workload, sizeArg, repsArg] = process.argv.slice(2);
  const run = workloads[workload];
  if (run === undefined) throw new Error(`unknown workload ${workload}`);
  const size = Number(sizeArg);
  const reps = Number(repsArg ?? 3);
  const want = expected(workload, size);
  const warmups = UNWARMED.has(workload) ? 0 : WARMUPS;
  for (let w = 0; w < warmups; w++) await run(Math.max(2, Math.floor(size / 10 / 2) * 2));
  const runs = [];
  // The memory workloads (UNWARMED) are not slowed by a slow stretch: no sentinel.
  const rule = UNWARMED.has(workload) ? null : ruleFromEnv(process.env.BENCH_SENTINEL);
  const watch = { limit: rule?.limit ?? null, runs: [], slow: [], discarded: [], polls: 0 };
  if (rule !== null) warmSentinel();
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  for (let r = 0; r < reps; r++) {
    if (rule === null) {
      runs.push(await run(size));
      continue;
    }
    const m = await measured(() => run(size), rule, sentinel, pause);
    runs.push(m.result);
    watch.runs.push(m.result.sentinel);
    watch.slow.push(m.slow);
    watch.discarded.push(...m.discarded);
    watch.polls += m.polls;
  }
  const seconds = median(runs.map((r) => r.seconds));
  const mid = runs.find((r) => r.seconds === seconds);
  const line = {
    impl,
    workload,
    size,
    seconds,
    value: mid.value,
    ok: runs.every((r) => r.value === want && r.ok !== false),
    reps: runs.map((r) => r.seconds),
  };
  if (rule !== null) line.sentinel = watch;
  if (workload === "W6") {
    line.bytesPerTask = median(runs.map((r) => r.bytesPerTask));
    line.heapBytesPerTask = median(runs.map((r) => r.heapBytesPerTask));
  }
  if (workload === "W10") {
    // Memory is the process's state after everything it ran: the last run's.
    const last = runs.at(-1);
    for (const key of ["rssMB", "peakMB", "heapMB", "externalMB", "reset"]) line[key] = last[key];
  }
  console.log(JSON.stringify(line));
}

/** For W6: bytes per task between two `memory()` probes. */
export function perTask(before, after, size) {
  return {
    bytesPerTask: Math.round((after.rss - before.rss) / size),
    heapBytesPerTask: Math.round((after.heap - before.heap) / size),
  };
}
