// The slow-stretch sentinel of the JavaScript programs: a library-free
// generator loop, timed in the process that measures, before and after each
// timed run. On this machine a vCPU runs such loops (generator resumes, `await
// null`, and CPython's interpreter alike) about 1.9× slower for stretches of a
// fraction of a second to over ten seconds, while an arithmetic loop keeps its
// speed; a run timed in a stretch reads up to 2× slow (BENCHMARKS.md, "The
// slow-stretch sentinel"). sentinel.py is the same loop in Python.
//
// `node bench/workloads/sentinel.mjs [seconds]` is bench/run.mjs's
// calibration: readings 50 ms apart for `seconds` (2), as one JSON line.
import { fileURLToPath } from "node:url";

/** Resumes per sample: about 0.2 ms in fast mode, long enough for the timer. */
const RESUMES = 20_000;
/** Samples per reading: the fastest is taken, so a preemption or a GC in one sample does not count. */
const SAMPLES = 5;

function* counter() {
  let total = 0;
  for (;;) total += yield total;
}

function sample() {
  const gen = counter();
  gen.next(0);
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < RESUMES; i++) sum += gen.next(1).value;
  const ns = ((performance.now() - t0) * 1e6) / RESUMES;
  if (sum < 0) throw new Error("unreachable: keeps the loop's result alive");
  return ns;
}

/** One reading: nanoseconds per generator resume, the fastest of SAMPLES samples. */
export function sentinel() {
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < SAMPLES; s++) best = Math.min(best, sample());
  return best;
}

/** Until V8 has optimized the loop (three samples here), a reading says nothing of the machine. */
export function warmSentinel() {
  for (let w = 0; w < 10; w++) sentinel();
}

/** The calibration: `seconds` of readings 50 ms apart, after the warm-up. */
export async function calibrate(seconds) {
  warmSentinel();
  const readings = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    readings.push(sentinel());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readings;
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify({ readings: await calibrate(Number(process.argv[2] ?? 2)) }));
}
