// Runs batches of programs on CPython (vtloop) and on asyncio-ts (dist/), one
// process per batch and side, and splits the output into one trace per program.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEADLOCK_LINE, DEADLOCK_STATUS } from "./ast.mjs";
import { renderJsBatch } from "./render-js.mjs";
import { renderPythonBatch } from "./render-python.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const confDir = join(root, "conformance");
const urls = {};

/** Runs asyncio-ts from another build directory (default: the package's dist/). */
export function useDist(dist) {
  urls.index = pathToFileURL(join(dist, "src", "index.js")).href;
  urls.trace = pathToFileURL(join(dist, "conformance", "scenarios", "_trace.js")).href;
  urls.locks = pathToFileURL(join(dist, "src", "core", "locks", "index.js")).href;
  urls.queues = pathToFileURL(join(dist, "src", "core", "queues", "index.js")).href;
}

useDist(join(root, "dist"));
/**
 * A batch is killed when no program has started for this long: a program
 * that never ends without deadlocking (a busy loop; a deadlock is reported at
 * once, DEADLOCK_LINE) costs this much, not the whole batch's time. A program
 * takes about 10 ms on CPython and 1 ms on Node (median of 300 --large ones;
 * the slowest 88 and 39 ms, at load 8); a process starts in 1 s and 0.3 s.
 */
const STALL_MS = 5_000;

function exec(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timer = null;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => child.kill("SIGKILL"), STALL_MS);
    };
    child.stdout.setEncoding("utf8").on("data", (d) => {
      // A separator: the next program started.
      if (d.includes("=== ")) watch();
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    watch();
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${error.message}`, status: -1 });
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status: status ?? signal });
    });
  });
}

/** Splits batch output at the separators: traces[n] for every program that started. */
function split(stdout) {
  const traces = [];
  let current = null;
  let complete = false;
  const lines = stdout.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    const sep = /^=== program (\d+) ===$/.exec(line);
    if (sep) traces[(current = Number(sep[1]))] = "";
    else if (line === "=== end ===") complete = true;
    else if (current !== null) traces[current] += `${line}\n`;
  }
  return { traces, complete };
}

const sides = {
  python: {
    file: "batch.py",
    render: renderPythonBatch,
    command: (file) => [
      "python3",
      ["-u", file],
      {
        cwd: confDir,
        env: {
          ...process.env,
          PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0",
          PYTHONPATH: [confDir, process.env.PYTHONPATH].filter(Boolean).join(delimiter),
          PYTHONDONTWRITEBYTECODE: "1",
          PYTHONIOENCODING: "utf-8",
        },
      },
    ],
  },
  js: {
    file: "batch.mjs",
    render: (programs) => renderJsBatch(programs, urls),
    command: (file) => [process.execPath, [file], { cwd: root }],
  },
};

/**
 * Runs `programs` on one side ("python" or "js"); returns one trace per
 * program, and fills `stderrTails[n]` with the last line of stderr of the
 * process that ended in program n. If the process dies or hangs, the program it was running gets its
 * partial trace plus a `<process ...>` line, and the rest run in a new process;
 * so do the programs after one that deadlocked (its trace ends DEADLOCK_LINE).
 */
export async function runSide(side, programs, stderrTails = []) {
  const { file, render, command } = sides[side];
  const dir = mkdtempSync(join(tmpdir(), "asyncio-fuzz-"));
  const traces = new Array(programs.length);
  try {
    let from = 0;
    while (from < programs.length) {
      const path = join(dir, file);
      writeFileSync(path, render(programs.slice(from)));
      const [cmd, args, options] = command(path);
      const result = await exec(cmd, args, options);
      const { traces: got, complete } = split(result.stdout);
      for (let i = 0; i < got.length; i++) if (got[i] !== undefined) traces[from + i] = got[i];
      if (complete && result.status === 0) break;
      const last = got.length - 1;
      if (last < 0) {
        throw new Error(
          `${side} batch failed before its first program (${result.status}):\n${result.stderr}`,
        );
      }
      const deadlocked =
        result.status === DEADLOCK_STATUS && got[last].endsWith(`${DEADLOCK_LINE}\n`);
      if (!deadlocked) {
        // The status is compared, stderr is not: CPython and Node word an
        // uncaught error differently. Its last line goes to `stderrTails`.
        traces[from + last] += `<process ended: status ${result.status}>\n`;
        stderrTails[from + last] = result.stderr.trim().split("\n").slice(-1)[0] ?? "";
      }
      from += last + 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return traces;
}

/** Runs `programs` on both sides in parallel: [{ python, js }] per program. */
export async function runBoth(programs) {
  const tails = { python: [], js: [] };
  const [python, js] = await Promise.all([
    runSide("python", programs, tails.python),
    runSide("js", programs, tails.js),
  ]);
  return programs.map((_, i) => ({
    python: python[i],
    js: js[i],
    stderr: { python: tails.python[i], js: tails.js[i] },
  }));
}

/** The first line where two traces differ, or null when equal. */
export function firstDifference(python, js) {
  const a = python.split("\n");
  const b = js.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return { line: i + 1, python: a[i] ?? "<end of output>", js: b[i] ?? "<end of output>" };
    }
  }
  return null;
}
