/**
 * The porting guide's programs run: every ```ts block of docs/porting.md is a
 * complete program importing "asyncio-ts", followed by a ```text block with
 * what it prints. All blocks are type-checked together (one tsc run against
 * the built package's types), then each runs in its own Node process against
 * dist/ (esbuild strips the types; the import is pointed at
 * dist/src/index.js) and its stdout must be the text block, line for line.
 * The text blocks are also what CPython 3.13 prints for the ```python block
 * above each pair, except where the guide says otherwise.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const doc = readFileSync(join(root, "docs", "porting.md"), "utf8");

interface Snippet {
  line: number;
  title: string;
  source: string;
  expected: string;
}

/** Each ```ts block, its line in the doc, the heading above it and the ```text block after it. */
function snippets(markdown: string): Snippet[] {
  const found: Snippet[] = [];
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm;
  const blocks = [...markdown.matchAll(fence)].map((m) => ({
    lang: m[1]!,
    body: m[2]!,
    index: m.index,
    end: m.index + m[0].length,
  }));
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.lang !== "ts") continue;
    const line = markdown.slice(0, block.index).split("\n").length;
    const next = blocks[i + 1];
    const between = next === undefined ? "" : markdown.slice(block.end, next.index);
    if (next === undefined || next.lang !== "text" || between.trim() !== "") {
      throw new Error(`docs/porting.md:${line}: a ts block must be followed by a text block`);
    }
    const headings = [...markdown.slice(0, block.index).matchAll(/^#+ (.*)$/gm)];
    found.push({
      line,
      title: headings.at(-1)?.[1] ?? "",
      source: block.body,
      expected: next.body,
    });
  }
  return found;
}

const all = snippets(doc);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "asyncio-ts-porting-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("the guide has its programs, each importing asyncio-ts", () => {
  expect(all.length).toBeGreaterThanOrEqual(15);
  for (const s of all) expect(s.source, `line ${s.line}`).toMatch(/from "asyncio-ts";/);
});

test("the README links to the guide", () => {
  expect(readFileSync(join(root, "README.md"), "utf8")).toContain("(docs/porting.md)");
});

test("every ts block type-checks against the package's types", async () => {
  const files = all.map((s, i) => {
    const file = join(dir, `snippet-${i}.ts`);
    writeFileSync(file, s.source);
    return file;
  });
  const compilerOptions = {
    target: "ES2022",
    lib: ["ES2022"],
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
    paths: { "asyncio-ts": [join(root, "dist", "src", "index.d.ts")] },
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
  let output = "";
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", dir], { timeout: 60_000 });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
    // Point at the doc: snippet-N.ts(L,C) is docs/porting.md line (block line + L).
    output = output.replace(/\S*snippet-(\d+)\.ts\((\d+),(\d+)\)/g, (_, i, l, c) => {
      return `docs/porting.md:${all[Number(i)]!.line + Number(l)}:${c}`;
    });
  }
  expect(output).toBe("");
}, 60_000);

describe("every ts block prints its text block", () => {
  const index = pathToFileURL(join(root, "dist", "src", "index.js")).href;
  test.each(all.map((s, i) => [`${s.title} (docs/porting.md:${s.line})`, i] as const))(
    "%s",
    async (_, i) => {
      const s = all[i]!;
      const { code } = await transform(s.source, { loader: "ts", format: "esm", target: "es2022" });
      const file = join(dir, `run-${i}.mjs`);
      writeFileSync(file, code.replaceAll('from "asyncio-ts"', `from ${JSON.stringify(index)}`));
      const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 15_000 });
      expect(stdout).toBe(s.expected);
    },
    20_000,
  );
});
