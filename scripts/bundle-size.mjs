#!/usr/bin/env node
// What asyncio-ts weighs in a browser: four programs bundled by esbuild as a
// browser user's project would (platform "browser", so the package's
// `browser` export condition picks dist/browser/browser.js; ES module,
// minified, no keepNames), and the size of each bundle minified, gzipped
// (level 9) and brotli-compressed.
//
//   minimal     run, sleep and gather (size-programs/minimal.js)
//   issue       what issue 13 set its budget (10 kB gzipped) for: run,
//               createTask, gather, a TaskGroup with an error, a Queue with
//               workers and cancellation, timeout, virtual time, tracing
//               (size-programs/issue.js)
//   test        test/browser/program.ts, the browser test's program (broader:
//               locks, waitFor, wait, the queue subclasses, debug-mode stacks)
//   everything  `import * as asyncio` with every export used
//
// Each program has a budget in gzipped bytes (size-programs/budget.json): the
// script says how far under it each bundle is, and exits with 1 if one is
// over. test/tree-shaking.test.ts runs it with --json, so a bundle that grows
// past its budget fails `npm test`; a budget is raised in a commit that says
// what the bytes bought.
//
// Usage: npm run size   (builds first; the bundles come from dist/)
//        node scripts/bundle-size.mjs --json   (one JSON line of the rows: budgets, module paths)

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const program = (name) => readFileSync(join(root, "scripts", "size-programs", name), "utf8");
const programs = {
  minimal: { loader: "js", contents: program("minimal.js") },
  issue: { loader: "js", contents: program("issue.js") },
  test: { loader: "ts", contents: readFileSync(join(root, "test/browser/program.ts"), "utf8") },
  everything: {
    loader: "js",
    contents: `import * as asyncio from "asyncio-ts";
for (const [name, value] of Object.entries(asyncio)) console.log(name, typeof value);
`,
  },
};

async function measure(name, { loader, contents }) {
  const result = await esbuild.build({
    // Resolved from the repository: "asyncio-ts" is the package itself, through its exports.
    stdin: { contents, loader, resolveDir: root, sourcefile: `${name}.${loader}` },
    // The repository's tsconfig maps "asyncio-ts" to the sources; a user's project has no such path.
    tsconfigRaw: "{}",
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  // The library's modules with code left in the bundle (esbuild lists tree-shaken ones with 0 bytes).
  const [output] = Object.values(result.metafile.outputs);
  const modules = Object.entries(output.inputs).filter(
    ([path, { bytesInOutput }]) => path.startsWith("dist/") && bytesInOutput > 0,
  );
  return {
    program: name,
    modules: modules.length,
    // The modules by path, and whether the bundle prints a ContextVar's repr: for --json's readers.
    paths: modules.map(([path]) => path),
    hasContextVar: new TextDecoder().decode(code).includes("<ContextVar name="),
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length,
  };
}

const budget = JSON.parse(
  readFileSync(join(root, "scripts", "size-programs", "budget.json"), "utf8"),
);
const rows = [];
for (const [name, program] of Object.entries(programs)) {
  rows.push({ ...(await measure(name, program)), budget: budget.gzip[name] });
}
const over = rows.filter((r) => !(r.gzip <= r.budget));
process.exitCode = over.length === 0 ? 0 : 1;
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows));
  process.exit();
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const header = ["program", "modules", "minified", "min+gzip", "min+brotli", "gzip budget"];
const table = [
  header,
  ...rows.map((r) => [
    r.program,
    String(r.modules),
    kb(r.minified),
    kb(r.gzip),
    kb(r.brotli),
    `${r.budget} B${r.gzip <= r.budget ? "" : " OVER"}`,
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) {
  console.log(
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "),
  );
}
console.log(
  `\nesbuild ${esbuild.version}, platform browser, format esm, minify, no keepNames; bytes:`,
);
for (const r of rows)
  console.log(`  ${r.program}: ${r.minified} minified, ${r.gzip} gzip -9, ${r.brotli} brotli`);
for (const r of over) {
  console.error(
    `${r.program}: ${r.gzip} bytes gzipped, over its budget of ${r.budget} (size-programs/budget.json)`,
  );
}
