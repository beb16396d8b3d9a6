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
// - No comments: esbuild reads tsc's files with every comment blanked out
//   (each character of it a space, line breaks kept, so tsc's source maps
//   still fit) but for the `@__PURE__` annotations, which a user's bundler
//   needs to drop unused classes, and the source map's URL. tsc keeps the
//   sources' comments, esbuild keeps those on class members, and their
//   non-ASCII characters (dashes, arrows) make the whole file two-byte text
//   to V8: Node decodes it from UTF-8 and V8 scans twice the bytes. ASCII and
//   about a third smaller, import + run() takes 10.6M instructions fewer
//   (BENCHMARKS.md, "Start-up"); minified whitespace would save 4.3M more,
//   drop the annotations, and make a stack trace read without source maps
//   point into one long line. The comments are in the shipped src/*.ts,
//   where the source maps lead.
// - The bundled code's `performance.now` is src/node/host-now.ts's
//   function: the same clock from process.hrtime(), without perf_hooks.
// - `asyncio-ts worker`'s command is bundled too, as dist/bundle/worker.js
//   (not in the package's exports), in a build of its own whose imports of
//   the library (src/core/index.ts, src/node/index.ts) are of ./index.js:
//   the CLI (dist/src/cli/main.js) loads it, so that it and the job modules
//   it serves, which import "asyncio-ts", share one copy of the library.
//   From tsc's tree, a job's `asyncio.sleep` looked for the running loop in
//   the other copy: "no running event loop". Not an entry of the build
//   above: code splitting moved what it shares with index.js into a chunk
//   of its own, one module more for every program that imports "asyncio-ts".
// - The pool's worker script is not bundled: worker_threads loads it by path
//   from dist/src/node/ (src/node/executor.ts).
//
// Usage: node scripts/build-bundles.mjs   (after tsc; scripts/build.mjs runs both)
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "bundle");

/** Keeps these comments: annotations for bundlers, and the source map's URL. */
const KEEP = /^\/\*\s*[#@]__(?:PURE|NO_SIDE_EFFECTS)__\s*\*\/$|^\/\/# sourceMappingURL=/;

/** `code` with each comment but those KEEP matches turned into spaces (line breaks kept). */
function blankComments(code, fileName) {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const ranges = [];
  const visit = (node) => {
    // Every comment is in the trivia before some token: the children of a
    // node cover its text, and its tokens are the leaves. (TypeScript parses
    // a JS file's JSDoc into nodes too, whose text is inside a comment.)
    const children = node.getChildren(file).filter((child) => !ts.isJSDoc(child));
    if (children.length === 0) {
      ranges.push(...(ts.getLeadingCommentRanges(code, node.pos) ?? []));
    }
    for (const child of children) visit(child);
  };
  visit(file);
  let out = "";
  let at = 0;
  for (const { pos, end } of ranges) {
    if (pos < at) continue; // the same trivia read from two tokens
    const text = code.slice(pos, end);
    if (KEEP.test(text)) continue;
    out += code.slice(at, pos) + text.replace(/[^\n]/g, " ");
    at = end;
  }
  return out + code.slice(at);
}

const stripComments = {
  name: "strip-comments",
  setup(build) {
    build.onLoad({ filter: /\/dist\/src\/.*\.js$/ }, (args) => ({
      contents: blankComments(readFileSync(args.path, "utf8"), args.path),
      loader: "js",
    }));
  },
};

/** What both builds below share. */
const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
};

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: {
    index: "dist/src/index.js",
    core: "dist/src/core/index.js",
    testing: "dist/src/testing/index.js",
  },
  splitting: true,
  chunkNames: "asyncio-ts-[hash]",
  plugins: [stripComments],
  // `performance.now` from process.hrtime(), without loading perf_hooks
  // (src/node/host-now.ts).
  inject: ["dist/src/node/host-now.js"],
});

// The worker command: its own modules bundled, the library's taken from
// index.js above (the two entry modules the worker's code imports it by).
const library = /\/dist\/src\/(core|node)\/index\.js$/;
await esbuild.build({
  ...common,
  entryPoints: { worker: "dist/src/cli/worker-command.js" },
  plugins: [
    stripComments,
    {
      name: "library-from-index",
      setup(build) {
        build.onResolve({ filter: /\/index\.js$/ }, (args) =>
          library.test(join(args.resolveDir, args.path))
            ? { path: "./index.js", external: true }
            : undefined,
        );
      },
    },
  ],
});
