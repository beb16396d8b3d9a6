/**
 * Ctrl-C and SIGTERM on whole programs, against CPython: each
 * conformance/signals/NAME.ts (the twin of NAME.py) runs in its own Node
 * process and is sent real signals, one at each "ready" line it prints. How
 * it ends (exit status, or death by SIGINT as a shell sees as 130), what it
 * printed, and the exception it reports must be CPython's.
 *
 * CPython's outcomes were recorded from CPython 3.13.0 into
 * conformance/signals/cpython.json by `node scripts/signals-record.mjs`
 * (after a build).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { drive, signalsToSend } from "../conformance/signals/drive.js";

interface Recorded {
  stdout: string;
  exit: number | string;
  /** The last line of CPython's stderr: the exception its traceback ends with. */
  error: string | null;
}

const root = join(import.meta.dirname, "..");
const dir = join(root, "conformance", "signals");
const cpython = JSON.parse(readFileSync(join(dir, "cpython.json"), "utf8")) as Record<
  string,
  Recorded
>;

describe("signals end programs as they end CPython's", () => {
  test.each(Object.keys(cpython))("%s", async (name) => {
    const signals = signalsToSend(readFileSync(join(dir, `${name}.py`), "utf8"));
    const program = join(root, "dist", "conformance", "signals", `${name}.js`);
    const { stdout, stderr, exit } = await drive(process.execPath, [program], signals);
    const want = cpython[name]!;
    expect({ stdout, exit }).toEqual({ stdout: want.stdout, exit: want.exit });
    // A JavaScript stack begins with the exception a Python traceback ends with.
    expect(stderr === "" ? null : stderr.split("\n")[0]).toBe(want.error);
  });
});
