#!/usr/bin/env node
// Records the CPython oracle for the conformance suite: runs every
// conformance/scenarios/*.py on CPython (PYENV_VERSION=3.13.0 unless set)
// with conformance/ on PYTHONPATH and writes its stdout to
// conformance/fixtures/NAME.txt.
//
// Header directives (comment lines at the top of a scenario):
//   # expect-exit: N   the scenario must exit with status N; the fixture
//                      then ends with a line "exit: N"
//   # allow-stderr     stderr output is expected (e.g. a traceback)
// Any other non-zero exit, or unexpected stderr, fails the recording.
//
// Usage: node scripts/conformance-record.mjs [--check] [NAME...]
//   --check  compare with the existing fixtures instead of writing them
//            (exit 1 on any difference: the oracle is not deterministic,
//            or a scenario changed without re-recording)

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const confDir = join(root, "conformance");
const scenarioDir = join(confDir, "scenarios");
const fixtureDir = join(confDir, "fixtures");

const args = process.argv.slice(2);
const check = args.includes("--check");
const only = new Set(args.filter((a) => !a.startsWith("--")));

function directives(source) {
  const result = { expectExit: 0, allowStderr: false };
  for (const line of source.split("\n")) {
    if (!line.startsWith("#")) break;
    const exit = /^#\s*expect-exit:\s*(\d+)\s*$/.exec(line);
    if (exit) result.expectExit = Number(exit[1]);
    if (/^#\s*allow-stderr\s*$/.test(line)) result.allowStderr = true;
  }
  return result;
}

function record(name) {
  const file = join(scenarioDir, `${name}.py`);
  const want = directives(readFileSync(file, "utf8"));
  const env = {
    ...process.env,
    PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0",
    PYTHONPATH: [confDir, process.env.PYTHONPATH].filter(Boolean).join(delimiter),
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONIOENCODING: "utf-8",
  };
  const run = spawnSync("python3", [file], {
    cwd: confDir,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.error) throw new Error(`${name}: cannot run python3: ${run.error.message}`);
  const problems = [];
  if (run.status !== want.expectExit) {
    problems.push(`exit status ${run.status ?? run.signal}, expected ${want.expectExit}`);
  }
  if (run.stderr && !want.allowStderr) problems.push("unexpected stderr");
  if (problems.length > 0) {
    throw new Error(
      `${name}: ${problems.join("; ")}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`,
    );
  }
  let out = run.stdout;
  if (want.expectExit !== 0) out += `exit: ${run.status}\n`;
  return out;
}

const names = readdirSync(scenarioDir)
  .filter((f) => f.endsWith(".py") && !f.startsWith("_"))
  .map((f) => f.slice(0, -3))
  .filter((n) => only.size === 0 || only.has(n))
  .sort();
if (only.size > 0 && names.length !== only.size) {
  const missing = [...only].filter((n) => !names.includes(n));
  throw new Error(`no such scenario: ${missing.join(", ")}`);
}

mkdirSync(fixtureDir, { recursive: true });
let failures = 0;
for (const name of names) {
  let out;
  try {
    out = record(name);
  } catch (e) {
    failures++;
    console.error(`FAIL ${e.message}`);
    continue;
  }
  const fixture = join(fixtureDir, `${name}.txt`);
  if (check) {
    const old = existsSync(fixture) ? readFileSync(fixture, "utf8") : undefined;
    if (old !== out) {
      failures++;
      console.error(`DIFF ${name}: output differs from ${fixture}`);
    }
  } else {
    writeFileSync(fixture, out);
  }
}
const verb = check ? "checked" : "recorded";
console.log(`${verb} ${names.length - failures}/${names.length} scenarios`);
if (failures > 0) process.exit(1);
