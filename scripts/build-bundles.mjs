#!/usr/bin/env node
// Bundles what Node loads (the package's `node` export condition) into a few
// files, dist/bundle/, from tsc's output: Node spends about 0.4 ms per ES
// module it loads, and the main entry is over a hundred modules
// (BENCHMARKS.md, "Start-up"). Other hosts keep tsc's tree (dist/src/), and
// browsers a copy of it with internal property names shortened
// (dist/browser/, scripts/build-browser.mjs), which their bundlers
// tree-shake module by module.
//
// - One build for the three entries, with code splitting: code that two
//   entries use lives in a chunk both import, never in both, so a program
//   importing "asyncio-ts" and "asyncio-ts/testing" sees one CancelledError,
//   one EventLoop (test/node-bundle.test.ts).
// - Chunks are named `asyncio-ts-<hash>.js`: core/stack.ts recognises
//   asyncio-ts's own frames in a trace by that name (the core is always in
//   a chunk, as every entry uses it).
// - Source maps go through tsc's maps to the shipped src/*.ts, without the
//   sources' text (the package ships the sources).
// - Node's modules stay imports; nothing is minified or renamed on purpose.
// - The pool's worker script is not bundled: worker_threads loads it by path
//   from dist/src/node/ (src/node/executor.ts).
//
// Usage: node scripts/build-bundles.mjs   (after tsc; scripts/build.mjs runs both)
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "bundle");

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    index: "dist/src/index.js",
    core: "dist/src/core/index.js",
    testing: "dist/src/testing/index.js",
  },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: "asyncio-ts-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
});
