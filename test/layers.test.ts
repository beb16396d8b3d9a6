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
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
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
  expect(main.browser).toEqual({
    types: "./dist/src/browser.d.ts",
    default: "./dist/src/browser.js",
  });
  expect(main.node).toEqual({ types: "./dist/src/index.d.ts", default: "./dist/src/index.js" });
  expect([main.types, main.default]).toEqual(["./dist/src/browser.d.ts", "./dist/src/browser.js"]);
  // Conditions are tried in order: the browser's must come before the catch-alls.
  expect(Object.keys(main)).toEqual(["browser", "node", "types", "default"]);
});

test("package.json exports the testing layer as asyncio-ts/testing, for every host", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };
  expect(manifest.exports["./testing"]).toEqual({
    types: "./dist/src/testing/index.d.ts",
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
