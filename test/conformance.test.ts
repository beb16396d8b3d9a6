/**
 * Differential conformance: every scenario in conformance/scenarios exists as
 * NAME.py (CPython asyncio on a virtual-time loop) and NAME.ts (asyncio-ts);
 * CPython's output is recorded in conformance/fixtures/NAME.txt by
 * `npm run conformance:record`. Here each compiled .ts scenario runs in its
 * own Node process (so task counters and globals start fresh, as in a Python
 * process) and its output must equal the fixture line for line.
 *
 * A scenario where asyncio-ts knowingly differs says why in a `// divergence:`
 * header and has its own reviewed output in fixtures/NAME.asyncio-ts.txt; it
 * must still print the same lines as CPython, only in another order.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const scenarios = join(root, "conformance", "scenarios");
const fixtures = join(root, "conformance", "fixtures");
const compiled = join(root, "dist", "conformance", "scenarios");
// A scenario finishes in well under a second, but five start at once and a
// loaded 2-core machine can take seconds to start each Node process: the test
// waits as long as the process may run, not vitest's default 5 s.
const SCENARIO_TIMEOUT_MS = 20_000;

const names = readdirSync(scenarios)
  .filter((f) => f.endsWith(".py") && !f.startsWith("_"))
  .map((f) => f.slice(0, -3))
  .sort();

/** What a scenario printed, with a final `exit: N` line when it failed, as the recorder writes. */
async function runScenario(name: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [join(compiled, `${name}.js`)], {
      timeout: SCENARIO_TIMEOUT_MS,
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; code?: number; stderr?: string };
    if (typeof err.code !== "number") throw e;
    return `${err.stdout ?? ""}exit: ${err.code}\n`;
  }
}

/** The first line where `actual` and `expected` differ, for a readable failure. */
function firstDifference(actual: string, expected: string): string | undefined {
  const a = actual.split("\n");
  const b = expected.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `line ${i + 1}:\n  CPython:    ${b[i] ?? "<end of output>"}\n  asyncio-ts: ${a[i] ?? "<end of output>"}`;
    }
  }
  return undefined;
}

function sortedLines(text: string): string[] {
  return text.split("\n").sort();
}

describe("conformance with CPython", () => {
  test("every Python scenario has a TypeScript twin and a recorded fixture", () => {
    for (const name of names) {
      expect(existsSync(join(scenarios, `${name}.ts`)), `${name}.ts`).toBe(true);
      expect(existsSync(join(fixtures, `${name}.txt`)), `${name}.txt`).toBe(true);
    }
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  test.concurrent.each(names)(
    "%s",
    async (name) => {
      const cpython = readFileSync(join(fixtures, `${name}.txt`), "utf8");
      const override = join(fixtures, `${name}.asyncio-ts.txt`);
      const actual = await runScenario(name);
      if (!existsSync(override)) {
        expect(firstDifference(actual, cpython), actual).toBeUndefined();
        return;
      }
      const source = readFileSync(join(scenarios, `${name}.ts`), "utf8");
      expect(source, "a known divergence says why").toMatch(/^\/\/ divergence: \S/m);
      expect(firstDifference(actual, readFileSync(override, "utf8")), actual).toBeUndefined();
      expect(sortedLines(actual)).toEqual(sortedLines(cpython));
    },
    SCENARIO_TIMEOUT_MS + 5_000,
  );
});
