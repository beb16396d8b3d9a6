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
// - Node's modules are not bundled (src/node/lazy-builtins.ts requires all
//   but node:module on first use); nothing is renamed.
// - No comments: the bundles are made twice, first with whitespace (and so
//   comments) removed, then printed again from that, indented, with the
//   source maps carried through. tsc keeps the sources' comments, esbuild
//   keeps those on class members, and their non-ASCII characters (dashes,
//   arrows) make the whole file two-byte text to V8: Node decodes it from
//   UTF-8 and V8 scans twice the bytes. ASCII and about a third smaller,
//   import + run() takes 10.6M instructions fewer (BENCHMARKS.md, "Start-up");
//   minified whitespace would save 4.3M more, and make a stack trace read
//   without source maps point into one long line. The comments are in the
//   shipped src/*.ts, where the source maps lead.
// - The bundled code's `performance.now` is src/node/host-now.ts's
//   function: the same clock from process.hrtime(), without perf_hooks.
// - The pool's worker script is not bundled: worker_threads loads it by path
//   from dist/src/node/ (src/node/executor.ts).
//
// Usage: node scripts/build-bundles.mjs   (after tsc; scripts/build.mjs runs both)
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "bundle");
// The first build's output, beside the final one so the maps' paths to
// src/ have the same depth.
const bare = join(root, "dist", "bundle-bare");

const common = {
  absWorkingDir: root,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
};
rmSync(outdir, { recursive: true, force: true });
rmSync(bare, { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: {
    index: "dist/src/index.js",
    core: "dist/src/core/index.js",
    testing: "dist/src/testing/index.js",
  },
  outdir: bare,
  bundle: true,
  splitting: true,
  chunkNames: "asyncio-ts-[hash]",
  packages: "external",
  minifyWhitespace: true,
  // `performance.now` from process.hrtime(), without loading perf_hooks
  // (src/node/host-now.ts).
  inject: ["dist/src/node/host-now.js"],
});
await esbuild.build({
  ...common,
  entryPoints: readdirSync(bare)
    .filter((file) => file.endsWith(".js"))
    .map((file) => join(bare, file)),
  outdir,
});
rmSync(bare, { recursive: true });
// A file of imports and exports only (core.js) has no source to map to, and
// the second build then maps it to the first build's file: its map is made
// empty again, as the first build made it.
for (const file of readdirSync(outdir).filter((f) => f.endsWith(".js.map"))) {
  const map = JSON.parse(readFileSync(join(outdir, file), "utf8"));
  const inBare = map.sources.filter((source) => source.includes("bundle-bare/"));
  if (inBare.length === 0) continue;
  if (inBare.length < map.sources.length) throw new Error(`${file} maps partly to ${bare}`);
  const empty = { version: 3, sources: [], mappings: "", names: [] };
  writeFileSync(join(outdir, file), `${JSON.stringify(empty, null, 2)}\n`);
}
