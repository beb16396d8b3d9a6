#!/usr/bin/env node
// The tree the package's `browser` export condition resolves to, dist/browser/:
// tsc's output for the browser entry, the core, the tools and the testing
// layer (dist/src/{browser.js,core,tools,testing}), module for module, with
// the internal `_member` property names shortened. A browser user's bundler
// minifies local names but keeps property names, and the kernel's are long
// and many (`_timerCancelledCount`, `_numCancelsRequested`): shortened, the
// minimal program's bundle is 5% smaller gzipped (BENCHMARKS.md,
// "Size in a browser bundle"). Node loads dist/bundle/ and every other host
// dist/src/, where nothing is renamed, so stack traces there show the names
// of the sources.
//
// What is renamed, and why it is safe:
// - One esbuild build over the whole tree, so a name is shortened the same
//   way in every module. The tree imports nothing of dist/src/node/.
// - Names the shipped declarations show (dist/src/**/*.d.ts, whatever is
//   not `private`) are kept: Queue's `_init`/`_put`/`_get`/`_queue` are
//   there for subclasses to override. Internal members are `@internal`, so
//   stripInternal keeps them out of the declarations, and out of users' code.
// - `_resumeCoroutine` is kept: core/kernel/stack.ts finds a Task's frame
//   in a stack trace by that method's name.
// - A class field that holds a function made there (`_onTaskDone = () =>`)
//   and is handed to the loop or a Future as a callback is kept: the
//   function takes the field's name, which reprs print (`cb=[_onTaskDone()]`).
// - A short name starts with `$` (`$a`, `$b`...), so it cannot take the
//   place of a field a user's subclass declares with a plain name.
// - A name that is also a string in the code is kept (a string naming an
//   internal property would miss the rename). A string that is meant to
//   name one (`Object.hasOwn(fut, "_loop")`) is marked `/* @__KEY__ */`
//   in the source, and renamed with it.
// - Source maps go through tsc's maps to the shipped src/*.ts, as
//   dist/bundle/'s do.
//
// Usage: node scripts/build-browser.mjs   (after tsc; scripts/build.mjs runs it)
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "dist", "src");
const outdir = join(root, "dist", "browser");
const TREE = ["browser.js", "core", "tools", "testing"];

/** The files under `path` (a file or a directory) whose names end with `suffix`. */
function filesOf(path, suffix) {
  if (!statSync(path).isDirectory()) return path.endsWith(suffix) ? [path] : [];
  return readdirSync(path).flatMap((name) => filesOf(join(path, name), suffix));
}

/** The `_` members the declarations show: any class's or interface's that is not private. */
function declaredNames() {
  const names = new Set();
  const declarations = TREE.flatMap((entry) =>
    filesOf(join(src, entry.replace(/\.js$/, ".d.ts")), ".d.ts"),
  );
  for (const file of declarations) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const visit = (node) => {
      if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
        for (const member of node.members) {
          const name = member.name && ts.isIdentifier(member.name) ? member.name.text : "";
          const isPrivate = ts
            .getModifiers(member)
            ?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
          if (name.startsWith("_") && !isPrivate) names.add(name);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return names;
}

// Where a callback goes that a repr prints by name: a Handle's
// (`<TimerHandle when=1 _onTimeout()>`, and in debug mode its arguments) or
// a Future's (`cb=[_onTaskDone()]`); with how many of the call's arguments
// may be printed. A DoneQueue prints its callback, its first argument, and
// never the third (a TaskGroup's `_takeAtOnce`).
const PRINTED_CALLBACKS = new Map([
  ["callSoon", Number.POSITIVE_INFINITY],
  ["callLater", Number.POSITIVE_INFINITY],
  ["callAt", Number.POSITIVE_INFINITY],
  ["addDoneCallback", Number.POSITIVE_INFINITY],
  ["_addDoneCallbackInternal", Number.POSITIVE_INFINITY],
  ["DoneQueue", 1],
]);

/**
 * The `_` class fields that hold a function made where they are declared
 * (`_onTaskDone = (task) => {...}`), which JavaScript names after the field,
 * and that are handed to the loop or a Future as a callback, whose repr
 * prints that name: renaming the field would rename what the repr says. (The
 * loop's own fields of this kind go to the host's timers, and stay renamed.)
 */
function printedFunctionFields() {
  const fields = new Set();
  const printed = new Set();
  for (const file of TREE.flatMap((entry) => filesOf(join(src, entry), ".js"))) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const visit = (node) => {
      const init = ts.isPropertyDeclaration(node) ? node.initializer : undefined;
      if (
        init !== undefined &&
        ts.isIdentifier(node.name) &&
        node.name.text.startsWith("_") &&
        (ts.isArrowFunction(init) || (ts.isFunctionExpression(init) && init.name === undefined))
      ) {
        fields.add(node.name.text);
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression)
          ? node.expression.name.text
          : ts.isIdentifier(node.expression)
            ? node.expression.text
            : "";
        const printedArgs = (node.arguments ?? []).slice(0, PRINTED_CALLBACKS.get(callee) ?? 0);
        for (const arg of printedArgs) {
          if (
            ts.isPropertyAccessExpression(arg) &&
            arg.expression.kind === ts.SyntaxKind.ThisKeyword
          ) {
            printed.add(arg.name.text);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...fields].filter((name) => printed.has(name));
}

const kept = [
  ...new Set([...declaredNames(), ...printedFunctionFields(), "_resumeCoroutine"]),
].sort();
const options = {
  absWorkingDir: root,
  entryPoints: TREE.flatMap((entry) => filesOf(join(src, entry), ".js")),
  outbase: src,
  outdir,
  bundle: false,
  format: "esm",
  platform: "neutral",
  sourcemap: "linked",
  sourcesContent: false,
  // `_x` but not `__x` (`__proto__`, and Python's dunder names where they appear).
  mangleProps: /^_[^_]/,
  reserveProps: new RegExp(`^(?:${kept.join("|")})$`),
  logLevel: "warning",
};

// esbuild lists the names to rename (its mangle cache), in a build without
// comments, whose strings are then read: a string equal to a renamed name
// would read or write that property by name and miss the rename (a lookup
// table keyed by Python class names has `_GatheringFuture`), so such a name
// is kept.
const chosen = await esbuild.build({
  ...options,
  mangleCache: {},
  minifyWhitespace: true,
  write: false,
});
const mangleCache = { ...chosen.mangleCache };
for (const { text } of chosen.outputFiles.filter((file) => file.path.endsWith(".js"))) {
  for (const [, name] of text.matchAll(/["'`](_[A-Za-z0-9_]+)["'`]/g)) {
    if (typeof mangleCache[name] === "string") mangleCache[name] = false;
  }
}

// The short names are handed out here rather than taken from esbuild, whose
// choice left many of the kernel's busiest names three characters long. The
// names most used in the tree's code (comments excluded) get the shortest,
// and the characters after the `$` are taken in the order of how often each
// occurs in that code, so the names look like what is around them and gzip
// matches them more often. With `$` first, a digit may follow it: 64 names
// of two characters, then 4,096 of three. Against esbuild's choice, about
// 100 to 180 gzipped bytes less on each program of `npm run size`
// (BENCHMARKS.md, "Size in a browser bundle").
const { outputFiles: plainFiles } = await esbuild.build({
  ...options,
  mangleProps: undefined,
  reserveProps: undefined,
  minifyWhitespace: true,
  write: false,
});
const code = plainFiles
  .filter((file) => file.path.endsWith(".js"))
  .map((file) => file.text)
  .join("\n");
const uses = new Map();
for (const [name] of code.matchAll(/(?<![\w$])_[A-Za-z0-9_]+(?![\w$])/g)) {
  if (typeof mangleCache[name] === "string") uses.set(name, (uses.get(name) ?? 0) + 1);
}
const charCounts = new Map(
  [..."$_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c) => [c, 0]),
);
for (const c of code) if (charCounts.has(c)) charCounts.set(c, charCounts.get(c) + 1);
const alphabet = [...charCounts.keys()].sort(
  (a, b) => charCounts.get(b) - charCounts.get(a) || (a < b ? -1 : 1),
);
function* shortNames() {
  for (const a of alphabet) yield `$${a}`;
  for (const a of alphabet) for (const b of alphabet) yield `$${a}${b}`;
}
const renamed = Object.keys(mangleCache)
  .filter((name) => mangleCache[name] !== false)
  .sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || (a < b ? -1 : 1));
const short = shortNames();
for (const name of renamed) mangleCache[name] = short.next().value;
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({ ...options, mangleCache, write: true });
