/**
 * The browser entry on hosts without Node's `setImmediate`: the loop's
 * batches ride a MessageChannel, or setTimeout where there is none. The
 * program runs in a child process with those globals removed; it must do
 * what it does on Node, and its process must end when the program does (a
 * listening MessagePort would otherwise keep it alive).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const program = join(import.meta.dirname, "fixtures", "hostless-program.mjs");

test.each(["no-setImmediate", "timeouts-only"])(
  "%s: the program runs, and its process ends",
  { timeout: 30_000 },
  async (mode) => {
    const { stdout } = await promisify(execFile)(process.execPath, [program, mode], {
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe("a b c c,p 0 1 2 traced 5 tasks");
  },
);
