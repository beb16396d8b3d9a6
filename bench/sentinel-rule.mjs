// The slow-stretch rule of bench/run.mjs: what counts as a run timed in one
// of the machine's slow stretches, how often it is run again, and what the
// report says about it. The workload programs apply the per-run part
// (workloads/sentinel-policy.mjs, sentinel.py) with the limit this module
// gives them; this module decides the limit, judges what came back and
// writes it up. test/bench-sentinel.test.ts feeds it synthetic readings.
//
// Why it cannot favour one implementation: the limit is the same multiple of
// each interpreter's own fast figure for the same loop, every implementation
// (bare and CPython included) runs under the same retries, and nothing here
// or in the programs reads a run's time to keep or retry it.

/** A reading over this multiple of the fast figure is a slow stretch (fast mode reads 1.0–1.3×, a stretch 1.6–2.3×: BENCHMARKS.md). */
export const TOLERANCE = 1.4;
/** Times a run whose readings said "slow stretch" is run again in its process. */
export const RETRIES = 3;
/** Readings 50 ms apart a run may wait, in all, for the fast mode before it starts (10 s). */
export const POLLS = 200;

/**
 * Each interpreter's fast-mode figure: the fastest reading of its sentinel
 * this session (the calibration's and every workload process's). A slow
 * stretch only ever makes the loop slower, so the fastest reading is the
 * fast mode once a single reading fell outside a stretch.
 */
export class FastFigures {
  /** @type {Map<string, number>} */
  #fastest = new Map();

  /** Takes in readings (ns per resume) of the sentinel of `kind` (an interpreter). */
  see(kind, readings) {
    for (const r of readings) {
      if (Number.isFinite(r) && r > 0 && r < (this.#fastest.get(kind) ?? Infinity)) {
        this.#fastest.set(kind, r);
      }
    }
  }

  /** The fast figure of `kind`, or undefined before any reading. */
  fast(kind) {
    return this.#fastest.get(kind);
  }

  /** The slowest reading of `kind` still in fast mode (Infinity before any reading). */
  limit(kind) {
    const f = this.#fastest.get(kind);
    return f === undefined ? Number.POSITIVE_INFINITY : f * TOLERANCE;
  }
}

/** The rule passed to a workload program (BENCH_SENTINEL): with `retry` false, readings only. */
export function ruleFor(limit, retry) {
  return retry ? { limit, retries: RETRIES, polls: POLLS } : { limit, retries: 0, polls: 0 };
}

/** Every sentinel reading a program's line reports: its kept runs' and its discarded attempts'. */
export function readingsOf(line) {
  const s = line.sentinel;
  if (s === undefined) return [];
  return [...s.runs.flat(), ...s.discarded.flatMap((d) => d.sentinel)];
}

const over = (reading, limit) => reading[0] > limit || reading[1] > limit;

/** How many of a line's kept runs read over `limit`, before or after. */
export function slowKept(line, limit) {
  return line.sentinel === undefined ? 0 : line.sentinel.runs.filter((r) => over(r, limit)).length;
}

/**
 * Whether a row goes to a second process: one of its kept runs reads over
 * the final limit, which can be lower than the one its process ran under
 * (the session's fast figure only falls). The second process's line is kept
 * whatever it reads, so a row has at most two.
 */
export function needsSecondProcess(line, finalLimit) {
  return slowKept(line, finalLimit) > 0;
}

/**
 * What the report says of a row: its kept runs and how many of them read
 * fast under the final limit, the attempts discarded (a first process's runs
 * all count as discarded when a second replaced it), the processes and the
 * seconds waited for the fast mode.
 */
export function summarize(line, finalLimit, replaced = []) {
  if (line.sentinel === undefined) return undefined;
  const s = line.sentinel;
  const kept = s.runs.length;
  let discarded = s.discarded.length;
  let polls = s.polls;
  for (const first of replaced) {
    discarded += first.sentinel.runs.length + first.sentinel.discarded.length;
    polls += first.sentinel.polls;
  }
  return {
    kept,
    fast: kept - slowKept(line, finalLimit),
    discarded,
    processes: [line, ...replaced].reduce((n, l) => n + (l.processes ?? 1), 0),
    waited: polls * 0.05,
  };
}

/** The table cell: "3/3 fast", "2/3 fast; 5 discarded; 2 processes; waited 1.2 s". */
export function sentinelCell(summary) {
  if (summary === undefined) return "—";
  const parts = [`${summary.fast}/${summary.kept} fast`];
  if (summary.discarded > 0) parts.push(`${summary.discarded} discarded`);
  if (summary.processes > 1) parts.push(`${summary.processes} processes`);
  if (summary.waited > 0) parts.push(`waited ${summary.waited.toFixed(1)} s`);
  return parts.join("; ");
}
