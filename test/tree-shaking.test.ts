/**
 * What a browser bundler leaves out: `npm run size`'s program of `run`,
 * `sleep` and `gather`, bundled by esbuild through the package's `browser`
 * condition as that script bundles it, carries none of the modules it does not use.
 * A class whose body declares `[inspectCustom]` stays in any bundle that
 * loads its module (esbuild cannot tell that computed key is free of side
 * effects), so a class most programs never use keeps a module of its own:
 * ContextVar and Token beside Context (core/kernel/context-var.ts).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

const minimal = readFileSync(join(root, "scripts", "size-programs", "minimal.js"), "utf8");

test("a program of run, sleep and gather bundles no module it does not use", async () => {
  const result = await esbuild.build({
    stdin: { contents: minimal, loader: "js", resolveDir: root, sourcefile: "minimal.js" },
    tsconfigRaw: "{}",
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const [output] = Object.values(result.metafile.outputs);
  const bundled = Object.entries(output!.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path]) => path);
  expect(bundled).toContain("dist/browser/core/kernel/event-loop.js");
  expect(bundled).toContain("dist/browser/core/kernel/contextvars.js");
  const unused = bundled.filter((path) =>
    /\/(kernel\/context-var|locks\/|queues\/|taskgroups|timeouts|tools\/|testing\/)/.test(path),
  );
  expect(unused).toEqual([]);
  const code = new TextDecoder().decode(result.outputFiles[0]!.contents);
  expect(code).not.toContain("<ContextVar name=");
});

test("each program's browser bundle stays within its gzipped budget (npm run size)", () => {
  // The script exits with 1 when a bundle is over its budget, and prints the rows either way.
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(root, "scripts", "bundle-size.mjs"), "--json"], {
      encoding: "utf8",
    });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? "");
  }
  const rows = JSON.parse(out) as { program: string; gzip: number; budget: number }[];
  expect(rows.map((r) => r.program)).toEqual(["minimal", "issue", "test", "everything"]);
  const over = rows
    .filter((r) => !(r.gzip <= r.budget))
    .map((r) => `${r.program}: ${r.gzip} > ${r.budget}`);
  expect(over).toEqual([]);
});
