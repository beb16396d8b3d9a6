/**
 * The programs of the docs pages, read from their Markdown: every ```ts block
 * is a complete program, followed by a ```text block with what it prints. A
 * block fenced ```ts no-run is type-checked only (a vitest test file, say),
 * and needs no text block.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Snippet {
  /** The page, relative to the repository (`docs/porting.md`). */
  page: string;
  /** The line of the opening fence. */
  line: number;
  /** The heading above the block. */
  title: string;
  source: string;
  /** What the program prints, or undefined for a no-run block. */
  expected: string | undefined;
}

/**
 * The pages with ts blocks: README.md, the first a user reads, and
 * docs/*.md. The lint rules' pages (docs/eslint/) show fragments, and
 * test/eslint checks them.
 */
export function docPages(root: string): string[] {
  const guides = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...guides].filter((page) =>
    /^```ts\b/m.test(readFileSync(join(root, page), "utf8")),
  );
}

/** Each ts block of `page`, with its line, the heading above it and the text block after it. */
export function snippets(root: string, page: string): Snippet[] {
  const markdown = readFileSync(join(root, page), "utf8");
  const found: Snippet[] = [];
  const fence = /^```(\w*)([^\n]*)\n([\s\S]*?)^```\s*$/gm;
  const blocks = [...markdown.matchAll(fence)].map((m) => ({
    lang: m[1]!,
    info: m[2]!.trim(),
    body: m[3]!,
    index: m.index,
    end: m.index + m[0].length,
  }));
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.lang !== "ts") continue;
    const line = markdown.slice(0, block.index).split("\n").length;
    const headings = [...markdown.slice(0, block.index).matchAll(/^#+ (.*)$/gm)];
    const title = headings.at(-1)?.[1] ?? "";
    if (block.info === "no-run") {
      found.push({ page, line, title, source: block.body, expected: undefined });
      continue;
    }
    if (block.info !== "") throw new Error(`${page}:${line}: unknown fence "ts ${block.info}"`);
    const next = blocks[i + 1];
    const between = next === undefined ? "" : markdown.slice(block.end, next.index);
    if (next === undefined || next.lang !== "text" || between.trim() !== "") {
      throw new Error(`${page}:${line}: a ts block must be followed by a text block`);
    }
    found.push({ page, line, title, source: block.body, expected: next.body });
  }
  return found;
}

/**
 * The compiler options that type-check snippets as a user's project would:
 * the public entries resolved to the built package's declarations (dist/src),
 * strict, and with `noImplicitReturns`, which many strict projects add (an
 * `asyncFor` body that may `return false` must then return on every path).
 */
export function snippetCompilerOptions(root: string, dom = false): Record<string, unknown> {
  const types = (entry: string): string => join(root, "dist", "src", entry);
  return {
    target: "ES2022",
    // DOM for the docs pages, which have a page's program (the cookbook's search box); not for
    // the doc comments' examples, whose `event` would be the DOM's global.
    lib: dom ? ["ES2022", "DOM"] : ["ES2022"],
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    noImplicitReturns: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
    paths: {
      "asyncio-ts": [types("index.d.ts")],
      "asyncio-ts/testing": [types("testing/index.d.ts")],
      "asyncio-ts/eslint": [types("eslint/index.d.ts")],
      vitest: [join(root, "node_modules", "vitest", "dist", "index.d.ts")],
    },
  };
}
