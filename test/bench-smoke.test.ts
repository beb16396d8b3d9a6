/**
 * The benchmark programs (bench/workloads) at tiny sizes: every workload of
 * every JavaScript implementation completes and reports the right result.
 * Correctness only, never a time (the suite itself: `npm run bench`).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

/** Tiny sizes: the whole file runs in seconds (W5 sleeps up to 0.5 s, twice). */
const sizes: Record<string, number> = {
  W1: 200,
  W2: 1000,
  W3: 200,
  W4: 200,
  W5: 100,
  W6: 200,
  W7: 200,
  W8: 4,
  W9: 200,
  // Four rounds of ten clients, each sending 256 KiB and resetting mid-transfer.
  W10: 40,
};

/** Workloads an implementation has no program for (Effection has no streams). */
const missing: Record<string, string[]> = { effection: ["W9", "W10"] };

/** What a correct run reports as its value, computed here independently. */
function expected(workload: string, size: number): number {
  if (workload === "W1" || workload === "W5") return (size * (size - 1)) / 2;
  if (workload === "W8") return size * 100;
  return size;
}

interface Line {
  impl: string;
  workload: string;
  size: number;
  seconds: number;
  value: number;
  ok: boolean;
}

async function runWorkload(impl: string, workload: string): Promise<Line> {
  const program = join(root, "bench", "workloads", `${impl}.mjs`);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", program, workload, String(sizes[workload]), "1"],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

describe.each(["asyncio-ts", "bare", "effection"])("bench workloads of %s", (impl) => {
  test("every workload completes with a correct result", { timeout: 120_000 }, async () => {
    const workloads = Object.keys(sizes).filter((w) => !missing[impl]?.includes(w));
    const lines = await Promise.all(workloads.map((w) => runWorkload(impl, w)));
    expect(lines.map((l) => l.workload)).toEqual(workloads);
    for (const line of lines) {
      expect(line, `${impl} ${line.workload}`).toMatchObject({
        impl,
        size: sizes[line.workload],
        value: expected(line.workload, line.size),
        ok: true,
      });
    }
  });
});

test("the virtual-clock series completes with correct results", { timeout: 120_000 }, async () => {
  const program = join(root, "bench", "virtual-clock.mjs");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [program, "--sizes", "300,1000", "--impl", "asyncio-ts", "--reps", "1"],
    { timeout: 60_000 },
  );
  expect(stdout).toMatch(/\| 300 \| asyncio-ts \| [\d.]+ \| [\d.]+ \| [\d.]+ \| yes \|/);
  expect(stdout).toMatch(/\| 1,000 \| asyncio-ts \| [\d.]+ \| [\d.]+ \| [\d.]+ \| yes \|/);
});
