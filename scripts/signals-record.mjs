#!/usr/bin/env node
// Records CPython's outcome for each conformance/signals/NAME.py: run on
// CPython (PYENV_VERSION=3.13.0 unless set) as a child process, sent the
// signals its `# send:` header names, one at each "ready" line it prints.
// Writes conformance/signals/cpython.json: stdout, how the process ended
// (exit status or signal name) and the last line of stderr (the exception a
// traceback ends with), which test/signals-conformance.test.ts compares with
// the asyncio-ts twins.
//
// Usage: npm run conformance:record-signals (builds, then runs this script)

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { drive, signalsToSend } from "../dist/conformance/signals/drive.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "conformance", "signals");
const env = { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" };
const recorded = {};
const programs = readdirSync(dir).filter((f) => f.endsWith(".py"));
for (const file of programs.sort()) {
  const signals = signalsToSend(readFileSync(join(dir, file), "utf8"));
  const { stdout, stderr, exit } = await drive("python3", [join(dir, file)], signals, env);
  const lines = stderr.trimEnd().split("\n");
  recorded[file.slice(0, -3)] = { stdout, exit, error: stderr === "" ? null : lines.at(-1) };
}
writeFileSync(join(dir, "cpython.json"), `${JSON.stringify(recorded, null, 2)}\n`);
