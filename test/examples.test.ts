/**
 * The seed's programs print exactly what CPython prints: examples/main.ts in
 * virtual time against examples/python/seed.py's recorded output
 * (regenerate with `npm run examples:record`).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

test("npm start -- --virtual prints the tutorial's lines in CPython's order", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "main.js"), "--virtual"],
    { timeout: 20_000 },
  );
  const expected = readFileSync(join(root, "examples", "python", "seed.expected.txt"), "utf8");
  expect(stdout).toBe(expected);
  expect(stdout).toContain("Time taken 4.0s");
  expect(stdout.match(/Time taken 2\.0s/g)).toHaveLength(3);
});
