/**
 * What a browser bundler leaves out: `npm run size`'s program of `run`,
 * `sleep` and `gather`, bundled by esbuild through the package's `browser`
 * condition as that script bundles it, carries none of the modules it does not use.
 * A class whose body declares `[inspectCustom]` stays in any bundle that
 * loads its module (esbuild cannot tell that computed key is free of side
 * effects), so a class most programs never use keeps a module of its own:
 * ContextVar and Token beside Context (core/kernel/context-var.ts). Both
 * tests read `node scripts/bundle-size.mjs --json`, which bundles as `npm run size` does.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

interface Row {
  program: string;
  gzip: number;
  budget: number;
  paths: string[];
  hasContextVar: boolean;
}

/** `npm run size`'s rows: the script exits with 1 when a bundle is over its budget, and prints them either way. */
function sizeRows(): Row[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(root, "scripts", "bundle-size.mjs"), "--json"], {
      encoding: "utf8",
    });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? "");
  }
  return JSON.parse(out) as Row[];
}

const rows = sizeRows();

test("a program of run, sleep and gather bundles no module it does not use", () => {
  const minimal = rows.find((r) => r.program === "minimal")!;
  expect(minimal.paths).toContain("dist/browser/core/kernel/event-loop.js");
  expect(minimal.paths).toContain("dist/browser/core/kernel/contextvars.js");
  const unused = minimal.paths.filter((path) =>
    /\/(kernel\/context-var|locks\/|queues\/|taskgroups|timeouts|tools\/|testing\/)/.test(path),
  );
  expect(unused).toEqual([]);
  expect(minimal.hasContextVar).toBe(false);
  // The check can see a ContextVar where one is used.
  expect(rows.find((r) => r.program === "everything")!.hasContextVar).toBe(true);
});

test("each program's browser bundle stays within its gzipped budget (npm run size)", () => {
  expect(rows.map((r) => r.program)).toEqual(["minimal", "issue", "test", "everything"]);
  const over = rows
    .filter((r) => !(r.gzip <= r.budget))
    .map((r) => `${r.program}: ${r.gzip} > ${r.budget}`);
  expect(over).toEqual([]);
});
