/**
 * asyncio-ts in browsers, as a user's project gets it: the package installed
 * from the tarball `npm pack` makes, a program (test/browser/program.ts)
 * bundled by esbuild through the package's `browser` condition three ways
 * (ES module, minified ES module, minified classic script; never
 * `keepNames`), each run in headless Chromium in a page and in a dedicated
 * Web Worker (no `setImmediate` there: the loop schedules itself with what
 * the host has). Every run must print what the same program prints under
 * Node, line for line, and nothing else: no warning, no uncaught error, no
 * global left on `window`. The transcript prints what minifiers break (error
 * names, reprs, trace labels), so a name read from `constructor.name` fails
 * here. One Chromium serves every case. A second program (test/browser/labels.ts),
 * minified, leaves an instance of every class for DevTools to label: `Future`,
 * never the minifier's `bt`.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  BROWSER_BUNDLES,
  type Bundle,
  type BundleKind,
  bundleForBrowser,
  bundleForNode,
} from "./browser/bundles.js";
import {
  type BrowserRun,
  baselineGlobals,
  chromiumPath,
  consoleLabels,
  type Host,
  htmlPage,
  launchChromium,
  loaderMarkup,
  runPage,
} from "./browser/chromium.js";
import { makeUserProject, type UserProject } from "./browser/project.js";
import { type StaticServer, serveDirectory } from "./browser/server.js";

let project: UserProject | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
let baseline: Set<string>;
let nodeRun: { stdout: string[]; stderr: string };
const bundles = new Map<string, Bundle>();
/** The labels program, minified as a classic script. */
const LABELS_KIND = BROWSER_BUNDLES.find((kind) => kind.name === "iife-min")!;
const runs = new Map<string, Promise<BrowserRun>>();

beforeAll(async () => {
  project = await makeUserProject();
  const out = join(project.dir, "out");
  const nodeProgram = join(out, "node.mjs");
  await bundleForNode(project.entry, nodeProgram);
  const [{ stdout, stderr }] = await Promise.all([
    promisify(execFile)(process.execPath, [nodeProgram], { cwd: project.dir, timeout: 20_000 }),
    ...BROWSER_BUNDLES.map(async (kind) =>
      bundles.set(kind.name, await bundleForBrowser(project!.entry, out, kind)),
    ),
    bundleForBrowser(project.labelsEntry, out, LABELS_KIND, "labels"),
  ]);
  nodeRun = { stdout: stdout.trimEnd().split("\n"), stderr };
  server = await serveDirectory(out);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  project?.remove();
});

/** The run of `kind`'s bundle on `host`, made once and shared by the tests that look at it. */
function runOn(kind: BundleKind, host: Host): Promise<BrowserRun> {
  const key = `${kind.name}-${host}`;
  let run = runs.get(key);
  if (run === undefined) {
    const url = server!.page(
      `/${key}.html`,
      htmlPage(loaderMarkup(`/${kind.name}.js`, kind.format, host)),
    );
    run = runPage(browser!, url, baseline);
    runs.set(key, run);
  }
  return run;
}

/** The lines where two transcripts differ (the first few), and what the browser reported, for the failure message. */
function difference(run: BrowserRun, expected: string[]): string {
  const lines = Math.max(run.transcript.length, expected.length);
  const differing: string[] = [];
  for (let i = 0; i < lines && differing.length < 8; i++) {
    if (run.transcript[i] === expected[i]) continue;
    const said = (line: string | undefined): string => JSON.stringify(line ?? "(nothing)");
    differing.push(`line ${i + 1}: Node ${said(expected[i])}, browser ${said(run.transcript[i])}`);
  }
  const reported = [...run.errors, ...run.noise];
  if (reported.length > 0) differing.push(`the browser reported: ${reported.join(" | ")}`);
  return differing.join("\n");
}

test("under Node, the program runs to its end and prints nothing on stderr", () => {
  expect(nodeRun.stdout.at(-1)).toBe("END");
  expect(nodeRun.stdout.filter((line) => line.startsWith("FAILED"))).toEqual([]);
  expect(nodeRun.stdout.length).toBeGreaterThan(40);
  expect(nodeRun.stderr).toBe("");
});

// The same installed package gives Node users the `asyncio-ts ps` command: npm links its bin
// and makes it executable, and its `#!/usr/bin/env node` line runs it.
test("the installed package's command runs from node_modules/.bin", async () => {
  const bin = join(project!.dir, "node_modules", ".bin", "asyncio-ts");
  const { stdout } = await promisify(execFile)(bin, ["--help"], { timeout: 20_000 });
  expect(stdout).toMatch(/^usage: asyncio-ts \[-h\] \{ps,pstree\} PID\n/);
});

test.each(BROWSER_BUNDLES)("esbuild bundles $name without a warning", (kind) => {
  expect(bundles.get(kind.name)!.warnings).toEqual([]);
});

describe("in Chromium", () => {
  beforeAll(async () => {
    // Without Chromium this fails every test below with the words that say what to install.
    chromiumPath();
    browser = await launchChromium();
    baseline = await baselineGlobals(browser, server!.page("/blank.html", htmlPage()));
  }, 30_000);

  test("in a minified bundle, DevTools label every class's instances by the class's public name", {
    timeout: 20_000,
  }, async () => {
    const url = server!.page("/labels.html", htmlPage(loaderMarkup("/labels.js", "iife", "page")));
    const labels = await consoleLabels(browser!, url);
    // The program leaves an instance of every class the package's browser entry exports.
    const entry = join(project!.dir, "node_modules", "asyncio-ts", "dist", "browser", "browser.js");
    const exported = Object.entries((await import(entry)) as Record<string, unknown>)
      .filter(([, value]) => typeof value === "function" && /^class\b/.test(String(value)))
      .map(([name]) => name);
    const labelled = new Set(labels.map((label) => label.expected));
    expect(exported.filter((name) => !labelled.has(name))).toEqual([]);
    expect(exported.length).toBeGreaterThan(50);
    const wrong = labels.filter((label) => label.className !== label.expected);
    expect(wrong).toEqual([]);
    // An error shows as its stack, which starts with its Python name.
    const errors = labels.filter((label) => label.expected.endsWith("Error"));
    expect(errors.length).toBeGreaterThan(10);
    for (const error of errors)
      expect(error.description).toMatch(new RegExp(`^${error.expected}: `));
  });

  describe.each(BROWSER_BUNDLES)("$name bundle", (kind) => {
    test("in a page, it prints what Node prints, line for line", { timeout: 20_000 }, async () => {
      const run = await runOn(kind, "page");
      expect(run.transcript, difference(run, nodeRun.stdout)).toEqual(nodeRun.stdout);
    });

    test("in a page, it throws nothing, logs nothing else, and adds no global", {
      timeout: 20_000,
    }, async () => {
      const run = await runOn(kind, "page");
      expect(run.errors).toEqual([]);
      expect(run.noise).toEqual([]);
      expect(run.addedGlobals).toEqual([]);
    });

    test("in a Web Worker, it prints what Node prints, and nothing else", {
      timeout: 20_000,
    }, async () => {
      const run = await runOn(kind, "worker");
      expect(run.transcript, difference(run, nodeRun.stdout)).toEqual(nodeRun.stdout);
      expect(run.errors).toEqual([]);
      expect(run.noise).toEqual([]);
    });
  });
});

test("the bundle's source map resolves: every source is shipped or embedded", () => {
  const map = `${bundles.get("esm")!.file}.map`;
  const { sources, sourcesContent } = JSON.parse(readFileSync(map, "utf8")) as {
    sources: string[];
    sourcesContent?: (string | null)[];
  };
  const unresolved = sources.filter(
    (source, i) =>
      (sourcesContent?.[i] ?? null) === null && !existsSync(resolve(dirname(map), source)),
  );
  expect(sources.length).toBeGreaterThan(10);
  expect(unresolved).toEqual([]);
});
