/**
 * The docs' programs run: every ```ts block of a docs page (README.md and docs/*.md, see
 * doc-snippets.ts) is a complete program importing "asyncio-ts", followed by
 * a ```text block with what it prints. All blocks of all pages are
 * type-checked together (one tsc run against the built package's types),
 * then each runs in its own Node process against dist/ (esbuild strips the
 * types; the imports are pointed at dist/src) and its stdout must be the text
 * block, line for line. A few run at a time, so the pages take seconds.
 *
 * The porting guide's text blocks are also what CPython 3.13 prints for the
 * ```python block above each pair, except where the guide says otherwise
 * (`npm run docs:check-python` checks that; only it needs Python).
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { describe, expect, test } from "vitest";
import { docPages, type Snippet, snippetCompilerOptions, snippets } from "./doc-snippets.js";
import { scratchDir } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const pages = docPages(root);
const all: Snippet[] = pages.flatMap((page) => snippets(root, page));
const runnable = all.filter((s) => s.expected !== undefined);
const where = (s: Snippet, offset = 0): string => `${s.page}:${s.line + offset}`;

/** What a snippet may import: the package's public entries, Node's modules, and vitest in a test file. */
const allowedImport = /^(asyncio-ts|asyncio-ts\/testing|node:[\w/]+)$/;

const dir = scratchDir("asyncio-ts-docs-");

test("the pages with programs are the README and the guides", () => {
  expect(pages).toEqual([
    "README.md",
    "docs/cookbook.md",
    "docs/distributed.md",
    "docs/getting-started.md",
    "docs/porting.md",
  ]);
  expect(all.filter((s) => s.page === "docs/porting.md").length).toBeGreaterThanOrEqual(15);
});

test("each program imports asyncio-ts, and only public entries", () => {
  for (const s of all) {
    expect(s.source, where(s)).toMatch(/from "asyncio-ts(\/testing)?";/);
    for (const [, name] of s.source.matchAll(/^import [^;]* from "([^"]+)";/gm)) {
      if (s.expected === undefined && name === "vitest") continue;
      expect(name, where(s)).toMatch(allowedImport);
    }
  }
});

test("the README links to each guide", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  for (const page of pages.filter((p) => p !== "README.md")) expect(readme).toContain(`(${page})`);
});

/** At most `limit` calls of `fn` at once (each program is a Node process). */
function limited<A extends unknown[], R>(
  limit: number,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (...args) => {
    while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn(...args);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const entry = (file: string): string =>
  JSON.stringify(pathToFileURL(join(root, "dist", "src", file)).href);

/** Runs a program against dist/ and returns what it printed. */
const runProgram = limited(Math.min(3, availableParallelism()), async (s: Snippet, i: number) => {
  // keepNames: function names as tsc's output and tsx keep them (esbuild alone renames
  // `function* sendMessage` inside `const sendMessage = asyncio.coroutine(...)`).
  const { code } = await transform(s.source, {
    loader: "ts",
    format: "esm",
    target: "es2022",
    keepNames: true,
  });
  const file = join(dir, `run-${i}.mjs`);
  const program = code
    .replaceAll('from "asyncio-ts/testing"', `from ${entry("testing/index.js")}`)
    .replaceAll('from "asyncio-ts"', `from ${entry("index.js")}`);
  writeFileSync(file, program);
  const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 15_000 });
  return stdout;
});

// The type-check (one tsc process) runs beside the programs.
describe.concurrent("the docs' programs", () => {
  test("every ts block type-checks against the package's types", async () => {
    const files = all.map((s, i) => {
      const file = join(dir, `snippet-${i}.ts`);
      writeFileSync(file, s.source);
      return file;
    });
    const compilerOptions = snippetCompilerOptions(root, true);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
    let output = "";
    try {
      await promisify(execFile)(process.execPath, [tsc, "-p", dir], { timeout: 60_000 });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
      // Point at the doc: snippet-N.ts(L,C) is the page's line (block line + L).
      output = output.replace(/\S*snippet-(\d+)\.ts\((\d+),(\d+)\)/g, (_, i, l, c) => {
        return `${where(all[Number(i)]!, Number(l))}:${c}`;
      });
    }
    expect(output).toBe("");
  }, 60_000);

  test.each(runnable.map((s, i) => [`${s.title} (${where(s)})`, i] as const))(
    "prints its text block: %s",
    async (_, i) => {
      const s = runnable[i]!;
      expect(await runProgram(s, i)).toBe(s.expected);
    },
    30_000,
  );
});
