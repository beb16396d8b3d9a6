/**
 * The benchmark suite's slow-stretch rule (bench/sentinel-rule.mjs, and the
 * per-run part in bench/workloads/sentinel-policy.mjs and sentinel.py), fed
 * synthetic readings: deterministic, nothing timed.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  FastFigures,
  type Line,
  needsSecondProcess,
  POLLS,
  RETRIES,
  readingsOf,
  ruleFor,
  sentinelCell,
  summarize,
  TOLERANCE,
} from "../bench/sentinel-rule.mjs";
import { measured, ruleFromEnv } from "../bench/workloads/sentinel-policy.mjs";

const workloads = join(import.meta.dirname, "..", "bench", "workloads");

/** A run of the policy: the readings the sentinel gives in turn, the seconds each attempt takes. */
interface Case {
  name: string;
  rule: { limit: number | null; retries: number; polls: number };
  readings: number[];
  seconds: number[];
  /** What measured() returns: the kept attempt, whether slow, the discarded attempts, the polls. */
  expected: unknown;
}

/** Runs the JavaScript policy over a case: fake sentinel, fake run, a pause that only counts. */
async function runJs(c: Case) {
  const readings = [...c.readings];
  const seconds = [...c.seconds];
  const next = <T>(xs: T[]): T => {
    const x = xs.shift();
    if (x === undefined) throw new Error("the case ran out of synthetic values");
    return x;
  };
  const rule = ruleFromEnv(JSON.stringify(c.rule));
  return measured(
    () => ({ seconds: next(seconds) }),
    rule,
    () => next(readings),
    () => undefined,
  );
}

/** The same cases through sentinel.py's measured(), or null without a python3. */
function runPython(cases: Case[]): unknown[] | null {
  const program = `
import json, sys
sys.path.insert(0, ${JSON.stringify(workloads)})
from sentinel import measured, rule_from_env
out = []
for c in json.loads(sys.stdin.read()):
    readings, seconds = list(c["readings"]), list(c["seconds"])
    rule = rule_from_env(json.dumps(c["rule"]))
    out.append(measured(lambda: {"seconds": seconds.pop(0)}, rule, lambda: readings.pop(0), lambda: None))
print(json.dumps(out))
`;
  const r = spawnSync("python3", ["-c", program], {
    input: JSON.stringify(cases),
    encoding: "utf8",
  });
  if (r.error !== undefined) return null;
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const rule = { limit: 14, retries: 3, polls: 4 };
const kept = (seconds: number, sentinel: [number, number]) => ({
  result: { seconds, sentinel },
  slow: false,
});
const cases: Case[] = [
  {
    name: "a run in fast mode is kept at once",
    rule,
    readings: [10, 11],
    seconds: [0.5],
    expected: { ...kept(0.5, [10, 11]), discarded: [], polls: 0 },
  },
  {
    name: "a run that ends in a stretch is discarded and run again",
    rule,
    readings: [10, 19, 10, 10],
    seconds: [0.9, 0.5],
    expected: {
      ...kept(0.5, [10, 10]),
      discarded: [{ seconds: 0.9, sentinel: [10, 19] }],
      polls: 0,
    },
  },
  {
    name: "the kept attempt is chosen by its readings, never by its time",
    rule,
    readings: [10, 19, 10, 10],
    seconds: [0.1, 5],
    expected: { ...kept(5, [10, 10]), discarded: [{ seconds: 0.1, sentinel: [10, 19] }], polls: 0 },
  },
  {
    name: "a run waits for the fast mode before it starts",
    rule,
    readings: [19, 19, 18, 10, 10],
    seconds: [0.5],
    expected: { ...kept(0.5, [10, 10]), discarded: [], polls: 3 },
  },
  {
    name: "the wait is bounded, and a run that started slow is slow",
    rule: { limit: 14, retries: 0, polls: 2 },
    readings: [19, 19, 19, 19],
    seconds: [0.9],
    expected: { result: { seconds: 0.9, sentinel: [19, 19] }, slow: true, discarded: [], polls: 2 },
  },
  {
    name: "the polls are shared by a run's attempts",
    rule: { limit: 14, retries: 3, polls: 2 },
    readings: [19, 10, 19, 19, 19, 19, 10, 10],
    seconds: [0.9, 0.9, 0.5],
    expected: {
      ...kept(0.5, [10, 10]),
      discarded: [
        { seconds: 0.9, sentinel: [10, 19] },
        { seconds: 0.9, sentinel: [19, 19] },
      ],
      polls: 2,
    },
  },
  {
    name: "after the last retry the attempt is kept, marked slow",
    rule: { limit: 14, retries: 2, polls: 0 },
    readings: [10, 19, 19, 10, 10, 19],
    seconds: [0.9, 0.9, 0.9],
    expected: {
      result: { seconds: 0.9, sentinel: [10, 19] },
      slow: true,
      discarded: [
        { seconds: 0.9, sentinel: [10, 19] },
        { seconds: 0.9, sentinel: [19, 10] },
      ],
      polls: 0,
    },
  },
  {
    name: "a reading equal to the limit is fast",
    rule,
    readings: [14, 14],
    seconds: [0.5],
    expected: { ...kept(0.5, [14, 14]), discarded: [], polls: 0 },
  },
  {
    name: "with no limit (a program run by hand) every run is kept",
    rule: { limit: null, retries: 0, polls: 0 },
    readings: [19, 19],
    seconds: [0.9],
    expected: { ...kept(0.9, [19, 19]), discarded: [], polls: 0 },
  },
];

describe("the per-run policy (sentinel-policy.mjs)", () => {
  test.each(cases)("$name", async (c) => {
    expect(await runJs(c)).toEqual(c.expected);
  });

  test("sentinel.py applies the same rule, step for step", () => {
    const python = runPython(cases);
    if (python === null) return; // no python3 here: the JavaScript cases above still ran
    expect(python).toEqual(cases.map((c) => c.expected));
  });
});

describe("the fast figures (sentinel-rule.mjs)", () => {
  test("the fast figure is the fastest reading of each interpreter", () => {
    const f = new FastFigures();
    expect(f.fast("node")).toBeUndefined();
    expect(f.limit("node")).toBe(Number.POSITIVE_INFINITY);
    f.see("node", [17, 9, 16]);
    f.see("python", [48, 95]);
    f.see("node", [10, Number.NaN, 0, Number.POSITIVE_INFINITY]);
    expect(f.fast("node")).toBe(9);
    expect(f.fast("python")).toBe(48);
    expect(f.limit("node")).toBeCloseTo(9 * TOLERANCE);
  });

  test("the tolerance lies between the two modes the machine showed", () => {
    // Fast mode read 1.0–1.3× the fastest reading, a stretch 1.6–2.3× (BENCHMARKS.md).
    expect(TOLERANCE).toBeGreaterThan(1.3);
    expect(TOLERANCE).toBeLessThan(1.6);
  });

  test("the rule a program gets: retries and a 10 s wait, or readings only", () => {
    expect(ruleFor(12.6, true)).toEqual({ limit: 12.6, retries: RETRIES, polls: POLLS });
    expect(ruleFor(12.6, false)).toEqual({ limit: 12.6, retries: 0, polls: 0 });
  });
});

/** A program's line with kept readings `runs`, `discarded` attempts' readings and polls. */
function line(
  runs: [number, number][],
  discarded: [number, number][] = [],
  polls = 0,
  seconds = 1,
): Line {
  return {
    seconds,
    reps: runs.map(() => seconds),
    sentinel: {
      limit: 14,
      runs,
      slow: runs.map(() => false),
      discarded: discarded.map((sentinel) => ({ seconds, sentinel })),
      polls,
    },
  };
}

describe("judging a row (sentinel-rule.mjs)", () => {
  test("every reading of a line joins the fast figures", () => {
    expect(readingsOf(line([[10, 11]], [[19, 18]]))).toEqual([10, 11, 19, 18]);
    expect(readingsOf({ seconds: 1 })).toEqual([]);
  });

  test("a row goes to a second process when a kept run reads over the final limit", () => {
    const row = line([
      [12, 12],
      [10, 10],
      [10, 10],
    ]);
    expect(needsSecondProcess(row, 14)).toBe(false);
    // A faster reading later in the session: the limit falls under 12.
    expect(needsSecondProcess(row, 11.2)).toBe(true);
    expect(needsSecondProcess({ seconds: 1 }, 1)).toBe(false);
  });

  test("the summary counts fast kept runs, discards, processes and the wait", () => {
    const first = line([[19, 10]], [[19, 19]], 4);
    const second = line(
      [
        [10, 10],
        [10, 19],
      ],
      [[10, 20]],
      6,
    );
    const s = summarize(second, 14, [first]);
    expect(s).toEqual({ kept: 2, fast: 1, discarded: 3, processes: 2, waited: 0.5 });
    expect(sentinelCell(s)).toBe("1/2 fast; 3 discarded; 2 processes; waited 0.5 s");
    expect(sentinelCell(summarize(line([[10, 10]]), 14))).toBe("1/1 fast");
    // A row merged from three processes (W1, W4) counts them, and a second
    // round of three beside them.
    const merged = { ...line([[10, 10]]), processes: 3 };
    expect(summarize(merged, 14)?.processes).toBe(3);
    expect(summarize(merged, 14, [merged])?.processes).toBe(6);
    expect(summarize({ seconds: 1 }, 14)).toBeUndefined();
    expect(sentinelCell(undefined)).toBe("—");
  });

  test("the verdicts read the sentinel only: a row's times change nothing", () => {
    const readings: [number, number][] = [
      [10, 19],
      [10, 10],
      [13, 10],
    ];
    for (const seconds of [0.01, 1, 100]) {
      const row = line(readings, [[19, 19]], 2, seconds);
      expect(needsSecondProcess(row, 12)).toBe(true);
      expect(summarize(row, 12)).toEqual({
        kept: 3,
        fast: 1,
        discarded: 1,
        processes: 1,
        waited: 0.1,
      });
    }
  });
});
