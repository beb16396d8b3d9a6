/**
 * The package as npm would publish it: its file list (what `npm pack` takes),
 * and what the ecosystem's package linters say of it: publint (the manifest,
 * its exports and files) and Are the Types Wrong (every entry's types resolve
 * as TypeScript resolves them; the package is ESM only, so the CommonJS and
 * pre-exports resolutions are not asked for).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const run = promisify(execFile);
let scratch: string;
let files: string[];
let tarball: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "asyncio-ts-pack-"));
  // --ignore-scripts: `prepare` would build again; npm test has just built.
  const { stdout } = await run(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch],
    { cwd: root },
  );
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  files = packed.files.map((f) => f.path);
  tarball = join(scratch, packed.filename);
}, 60_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("the published package", () => {
  test("holds the build, the sources its maps name, the docs it links and the legal files, nothing else", () => {
    for (const path of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/src/browser.js",
      "dist/src/browser.d.ts",
      "dist/src/core/index.js",
      "dist/src/testing/index.js",
      "dist/src/eslint/index.js",
      "dist/src/cli/main.js",
      "dist/bundle/index.js",
      "dist/bundle/core.js",
      "dist/bundle/testing.js",
      "dist/browser/browser.js",
      "dist/browser/core/index.js",
      "dist/browser/testing/index.js",
      "dist/src/node/executor-worker.js",
      "src/core/kernel/event-loop.ts",
      "docs/eslint/no-floating-coroutine.md",
      "docs/getting-started.md",
    ]) {
      expect(files, path).toContain(path);
    }
    const allowed =
      /^(dist\/(src|bundle|browser)\/|src\/|docs\/|(package\.json|README\.md|LICENSE|CHANGELOG\.md)$)/;
    expect(files.filter((path) => !allowed.test(path))).toEqual([]);
    // Tests, benchmarks, examples and the build's other outputs stay home.
    expect(
      files.filter((path) =>
        /^(dist\/(test|examples|conformance|playground)|test|bench)\//.test(path),
      ),
    ).toEqual([]);
  });

  test("every page and picture the README and the packed pages link to is packed too", () => {
    // A reader of node_modules/asyncio-ts/README.md (or of an editor's preview
    // of it) follows these links; npm's site resolves them only through a
    // repository field.
    const pages = files.filter((path) => path.endsWith(".md"));
    const missing: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(root, page), "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const path = posix.normalize(posix.join(posix.dirname(page), target!));
        if (!files.includes(path)) missing.push(`${page} → ${target}`);
      }
    }
    expect(pages).toContain("README.md");
    expect(missing).toEqual([]);
  });

  test("publint finds nothing to report", async () => {
    const { stdout } = await run(
      process.execPath,
      [join(root, "node_modules", "publint", "src", "cli.js"), tarball],
      {
        cwd: root,
      },
    );
    expect(stdout).toMatch(/All good!/);
  }, 60_000);

  test("Are the Types Wrong finds no problem for an ESM-only package, nor node10 types", async () => {
    const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
    // Exits non-zero on a problem (run() then rejects); every entry's ESM and bundler resolutions are green.
    const { stdout } = await run(
      process.execPath,
      [attw, tarball, "--profile", "esm-only", "--format", "ascii"],
      { cwd: root },
    );
    for (const entry of [
      '"asyncio-ts"',
      '"asyncio-ts/core"',
      '"asyncio-ts/testing"',
      '"asyncio-ts/eslint"',
    ]) {
      const section = stdout.slice(stdout.indexOf(`${entry}\n`)).split("***")[0]!;
      expect(section, entry).toMatch(/node16 \(from ESM\): 🟢 \(ESM\)\nbundler: 🟢/);
      // A CommonJS TypeScript project ("module": "commonjs", so node10 resolution, which
      // reads no "exports") finds each subpath's types through "typesVersions".
      expect(section, entry).toMatch(/node10: (\(ignored\) )?🟢/);
    }
  }, 60_000);
});
