/**
 * DESIGN's layers, checked on the sources: the core and the tools import
 * nothing from Node (no `node:` module, nothing from src/node/), so the
 * browser entry, which is the two of them, loads in any JavaScript runtime.
 * The testing layer (`asyncio-ts/testing`) stands on the core alone, so it
 * runs in browser test runners too, and no entry but its own includes it.
 * The command (`asyncio-ts ps`, src/cli/) is a program of its own: no entry
 * of the library loads it.
 * The lint plugin (src/eslint/) is a layer of its own: no runtime entry
 * reaches it, and it imports only its peer dependencies.
 * The kernel (src/core/kernel/, the loop, Futures, Tasks and what they stand
 * on) imports nothing outside its folder, and everything else reaches it
 * through its index alone. No module of src loads itself again through its
 * imports (no value-import cycle; type-only imports may form cycles).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const src = join(root, "src");

/** The module specifiers a TypeScript source imports or re-exports (type-only imports too). */
function specifiers(file: string): string[] {
  // Doc comments' lines go first: their examples import the package (`import asyncio from "asyncio-ts/eslint"`).
  const text = readFileSync(file, "utf8").replace(/^\s*(?:\/\*\*|\*(?:\s|\/|$)).*$/gm, "");
  const found = text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/g);
  return [...found].map((m) => m[1]!);
}

/** Every source file `entry` reaches through relative imports, and every non-relative specifier met. */
function reach(entry: string): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (!spec.startsWith(".")) {
        external.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      expect(existsSync(target), `${relative(root, file)} imports ${spec}`).toBe(true);
      visit(target);
    }
  };
  visit(entry);
  return { files, external };
}

test("the browser entry reaches only src/core and src/tools, and imports nothing from outside", () => {
  const { files, external } = reach(join(src, "browser.ts"));
  const dirs = new Set([...files].map((f) => relative(src, f).split("/")[0]));
  expect([...dirs].sort()).toEqual(["browser.ts", "core", "tools"]);
  expect([...external]).toEqual([]);
  expect(files.size).toBeGreaterThan(40);
});

test("the testing entry reaches only src/testing and src/core, and imports nothing from outside", () => {
  const { files, external } = reach(join(src, "testing", "index.ts"));
  const dirs = new Set([...files].map((f) => relative(src, f).split("/")[0]));
  expect([...dirs].sort()).toEqual(["core", "testing"]);
  expect([...external]).toEqual([]);
});

test("neither main entry includes the testing layer", () => {
  for (const entry of ["index.ts", "browser.ts"]) {
    const { files } = reach(join(src, entry));
    expect([...files].filter((f) => relative(src, f).startsWith("testing/"))).toEqual([]);
  }
});

test("the Node entry reaches the Node layer too (the check above can tell them apart)", () => {
  const { files, external } = reach(join(src, "index.ts"));
  expect([...files].some((f) => relative(src, f).startsWith("node/"))).toBe(true);
  expect([...external].some((s) => s.startsWith("node:"))).toBe(true);
});

test("the command (src/cli) is reached from its main alone, and imports only Node's modules", () => {
  for (const entry of ["index.ts", "browser.ts", "core/index.ts"]) {
    const { files } = reach(join(src, entry));
    expect(
      [...files].filter((f) => relative(src, f).startsWith("cli/")),
      entry,
    ).toEqual([]);
  }
  const { files, external } = reach(join(src, "cli", "main.ts"));
  expect([...files].some((f) => relative(src, f).startsWith("node/"))).toBe(false);
  expect([...external].filter((s) => !s.startsWith("node:"))).toEqual([]);
});

test("package.json sends browsers and every host but Node to the browser entry", () => {
  type Entry = { types: string; default: string };
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: { ".": { browser: Entry; node: Entry; types: string; default: string } };
  };
  const main = manifest.exports["."];
  // Browsers get the tree whose internal property names are shortened (scripts/build-browser.mjs).
  expect(main.browser).toEqual({
    types: "./dist/src/browser.d.ts",
    default: "./dist/browser/browser.js",
  });
  // Node loads the bundle of the same entry (scripts/build-bundles.mjs, test/node-bundle.test.ts).
  expect(main.node).toEqual({ types: "./dist/src/index.d.ts", default: "./dist/bundle/index.js" });
  expect([main.types, main.default]).toEqual(["./dist/src/browser.d.ts", "./dist/src/browser.js"]);
  // Conditions are tried in order: the browser's must come before the catch-alls.
  expect(Object.keys(main)).toEqual(["browser", "node", "types", "default"]);
});

/** The file an export resolves to under `conditions`: the first key in order that is one of them (Node's and bundlers' rule). */
function resolveExport(target: unknown, conditions: ReadonlySet<string>): string | undefined {
  if (typeof target === "string") return target;
  if (typeof target !== "object" || target === null) return undefined;
  for (const [key, value] of Object.entries(target)) {
    if (key !== "default" && !conditions.has(key)) continue;
    const file = resolveExport(value, conditions);
    if (file !== undefined) return file;
  }
  return undefined;
}

// webpack 5 gives its electron-renderer, electron-preload and nwjs targets both conditions. With
// `node` first in `./core`, such a bundle had two kernels (dist/browser/ for `.`, dist/bundle/ for
// `./core`): two Future classes, and `getRunningLoop()` from `./core` inside `run()` from `.`
// raised "no running event loop".
test("a host with both the browser and the node condition gets the browser tree from every entry", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };
  const both = new Set(["browser", "node", "import", "webpack", "production"]);
  const files = [".", "./core", "./testing"].map((entry) =>
    resolveExport(manifest.exports[entry], both),
  );
  expect(files).toEqual([
    "./dist/browser/browser.js",
    "./dist/browser/core/index.js",
    "./dist/browser/testing/index.js",
  ]);
});

test("package.json exports the testing layer as asyncio-ts/testing, for every host", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };
  expect(manifest.exports["./testing"]).toEqual({
    types: "./dist/src/testing/index.d.ts",
    node: "./dist/bundle/testing.js",
    browser: "./dist/browser/testing/index.js",
    default: "./dist/src/testing/index.js",
  });
});

test("no runtime entry reaches the lint plugin", () => {
  for (const entry of [
    "index.ts",
    "browser.ts",
    "core/index.ts",
    "tools/index.ts",
    "node/index.ts",
  ]) {
    const { files, external } = reach(join(src, entry));
    expect(
      [...files].filter((f) => relative(src, f).startsWith("eslint/")),
      entry,
    ).toEqual([]);
    expect(
      [...external].filter((s) => /eslint/.test(s)),
      entry,
    ).toEqual([]);
  }
});

test("the lint plugin imports its own files and its optional peer dependencies, nothing else", () => {
  const { files, external } = reach(join(src, "eslint", "index.ts"));
  expect([...files].every((f) => relative(src, f).startsWith("eslint/"))).toBe(true);
  expect(files.size).toBeGreaterThan(10);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional: boolean }>;
  };
  for (const spec of external) {
    expect(manifest.peerDependencies, spec).toHaveProperty([spec]);
    expect(manifest.peerDependenciesMeta[spec]?.optional, spec).toBe(true);
  }
});

/** The TypeScript sources under `dir` (relative to the repository), recursively. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !name.startsWith("fixtures/"))
    .map((name) => join(root, dir, name));
}

/** An import of a relative module: the file it names, and whether it loads that module at run time. */
interface ImportEdge {
  target: string;
  loads: boolean;
  /** The statement, to name it in a failure. */
  text: string;
}

/**
 * The relative imports and re-exports of `file`, parsed by TypeScript. Under
 * `verbatimModuleSyntax`, only `import type`/`export type` are erased from the
 * output: `import { type A }` still loads its module. `import("…").T` type
 * queries load nothing. A `declare module` augmentation is no import.
 */
function importEdges(file: string): ImportEdge[] {
  const known = parsed.get(file);
  if (known !== undefined) return known;
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression, loads: boolean, node: ts.Node): void => {
    if (!ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) return;
    const target = resolve(dirname(file), specifier.text.replace(/\.js$/, ".ts"));
    edges.push({ target, loads, text: `${relative(root, file)}: ${node.getText(source)}` });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly !== true, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      add(node.moduleSpecifier, !node.isTypeOnly, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, false, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  parsed.set(file, edges);
  return edges;
}
const parsed = new Map<string, ImportEdge[]>();

/** A cycle of modules loading each other at run time among `files` (or importing each other at all, `typesToo`), or null. */
function importCycle(files: string[], typesToo = false): string[] | null {
  const loads = new Map(
    files.map((f) => [
      f,
      importEdges(f)
        .filter((e) => e.loads || typesToo)
        .map((e) => e.target),
    ]),
  );
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): string[] | null => {
    if (onPath.has(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return null;
    path.push(file);
    onPath.add(file);
    for (const target of loads.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle !== null) return cycle;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle !== null) return cycle.map((f) => relative(src, f));
  }
  return null;
}

test("no module of src loads itself again through its imports (type-only imports may)", () => {
  const files = sources("src");
  expect(files.length).toBeGreaterThan(150);
  expect(importCycle(files)).toBeNull();
  // The search finds a cycle where there is one: counting type-only imports, the loop and its
  // Futures know each other.
  expect(importCycle(files, true)).not.toBeNull();
});

const kernel = join(src, "core", "kernel");
const inKernel = (file: string): boolean => file.startsWith(`${kernel}/`);

test("the kernel imports nothing outside src/core/kernel (types neither)", () => {
  const files = sources("src/core/kernel");
  expect(files.length).toBeGreaterThan(20);
  const outside = files.flatMap((f) => importEdges(f)).filter((e) => !inKernel(e.target));
  expect(outside.map((e) => e.text)).toEqual([]);
});

test("Futures, Tasks and handles know the loop by its contract (events.ts), not event-loop.ts", () => {
  const loopFile = join(kernel, "event-loop.ts");
  for (const name of ["futures.ts", "tasks.ts", "handles.ts"]) {
    const edges = importEdges(join(kernel, name));
    expect(edges.length, name).toBeGreaterThan(3);
    expect(
      edges.filter((e) => e.target === loopFile).map((e) => e.text),
      name,
    ).toEqual([]);
    expect(
      edges.some((e) => e.target === join(kernel, "events.ts")),
      name,
    ).toBe(true);
  }
  // The contract is a leaf: it imports nothing, so it cannot close a cycle.
  expect(importEdges(join(kernel, "events.ts"))).toEqual([]);
  // The check sees a type-only import of the loop where there is one.
  expect(
    importEdges(join(kernel, "loss-report.ts")).some((e) => e.target === loopFile && !e.loads),
  ).toBe(true);
});

test("outside src/core/kernel, kernel files are imported through its index alone", () => {
  const files = ["src", "test", "conformance", "examples", "playground", "bench"]
    .filter((dir) => existsSync(join(root, dir)))
    .flatMap(sources)
    .filter((f) => !inKernel(f));
  const index = join(kernel, "index.ts");
  const around = files
    .flatMap((f) => importEdges(f))
    .filter((e) => inKernel(e.target) && e.target !== index);
  expect(around.map((e) => e.text)).toEqual([]);
  // The check sees the index's importers (so it would see the others).
  expect(
    files.flatMap((f) => importEdges(f)).filter((e) => e.target === index).length,
  ).toBeGreaterThan(50);
});
