/**
 * The stops of docs/internals.md and docs/conventions.md
 * (`` `Task._step` (src/core/kernel/tasks.ts:520) ``) point at the lines that
 * define what they name, and
 * scripts/internals-lines.mjs, which rewrites them after the code moves,
 * both finds a stale stop and fixes it.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { scratchDir } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const script = join(root, "scripts/internals-lines.mjs");
const pages = ["docs/internals.md", "docs/conventions.md"];
const scratch = scratchDir("internals-doc-");

interface Stop {
  symbol: string;
  path: string;
  line: number;
}

function stops(markdown: string): Stop[] {
  const found = markdown.matchAll(/`([\w$.]+?)(?:\(\))?`\s+\(([\w./-]+\.ts):(\d+)\)/g);
  return [...found].map((m) => ({ symbol: m[1]!, path: m[2]!, line: Number(m[3]) }));
}

function runScript(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

test("every stop's line names its symbol", () => {
  const all = pages.flatMap((page) => stops(readFileSync(join(root, page), "utf8")));
  expect(all.length).toBeGreaterThan(60);
  const wrong = all.filter(({ symbol, path, line }) => {
    const text = readFileSync(join(root, path), "utf8").split("\n")[line - 1] ?? "";
    const name = symbol.slice(symbol.lastIndexOf(".") + 1);
    return !new RegExp(`(^|[\\s*])${name.replace(/\$/g, "\\$")}\\b`).test(text);
  });
  expect(wrong).toEqual([]);
});

test("every stop is a definition (npm run docs:internals-lines -- --check)", () => {
  const { status, output } = runScript("--check");
  expect(output).toMatch(/internals.md: \d+ stops, 0 stale, 0 not found/);
  expect(output).toMatch(/conventions.md: \d+ stops, 0 stale, 0 not found/);
  expect(status).toBe(0);
});

test("the script finds a stale line and a symbol that is gone, and rewrites the line", () => {
  const file = join(scratch, "stale.md");
  writeFileSync(
    file,
    [
      "- `Task._step` (src/core/kernel/tasks.ts:1), CPython's `__step`",
      "- `Task._noSuchMember` (src/core/kernel/tasks.ts:1)",
      "- `Future.next`\n  (src/core/kernel/futures.ts:2)",
    ].join("\n"),
  );
  const check = runScript("--check", "--doc", file);
  expect(check.status).toBe(1);
  expect(check.output).toMatch(/stale `Task._step`: src\/core\/kernel\/tasks.ts:1 -> /);
  expect(check.output).toMatch(/not found `Task._noSuchMember`/);
  expect(readFileSync(file, "utf8")).toContain("tasks.ts:1)");

  runScript("--doc", file);
  const [step, next] = stops(readFileSync(file, "utf8")).filter(
    (s) => s.symbol !== "Task._noSuchMember",
  );
  for (const stop of [step!, next!]) {
    const text = readFileSync(join(root, stop.path), "utf8").split("\n")[stop.line - 1];
    expect(text).toMatch(stop.symbol === "Task._step" ? /^\s+private _step\(/ : /^\s+next\(\)/);
  }
});

test("a member is looked for in its own class, not in a same-named one elsewhere in the file", () => {
  const file = join(scratch, "class.md");
  // `cancel` is defined by Task (tasks.ts) and by Future (futures.ts); Handle's is in handles.ts.
  writeFileSync(
    file,
    "`Handle.cancel` (src/core/kernel/handles.ts:1) `TimerHandle.cancel` (src/core/kernel/handles.ts:1)",
  );
  runScript("--doc", file);
  const [handle, timer] = stops(readFileSync(file, "utf8"));
  expect(handle!.line).toBeLessThan(timer!.line);
  const lines = readFileSync(join(root, "src/core/kernel/handles.ts"), "utf8").split("\n");
  expect(lines[handle!.line - 1]).toMatch(/^ {2}cancel\(\): void/);
  expect(lines[timer!.line - 1]).toMatch(/^ {2}override cancel\(\): void/);
});

test("the tour is linked from the README and from docs/conventions.md", () => {
  expect(readFileSync(join(root, "README.md"), "utf8")).toContain("(docs/internals.md)");
  expect(readFileSync(join(root, "docs/conventions.md"), "utf8")).toContain("(internals.md)");
});
