#!/usr/bin/env node
// Start-up counted in instructions rather than timed: bench/startup.mjs's two
// programs (bare Node on an empty module; importing an entry and running an
// empty coroutine), each once under valgrind's cachegrind, with V8 on one
// thread (`--single-threaded`: compilation and collection are counted) and
// its random seeds fixed (`--hash-seed`, `--random-seed`: otherwise the hash
// seed's search for a prime moves a run by up to 5M instructions). Two runs
// of one build give the same count to 0.01M, whatever else runs on the
// machine, where the timings of bench/startup.mjs move by a few ms with the
// load. Each entry's line gives its count and its excess over bare Node.
//
// Usage: npm run build && node bench/startup-instructions.mjs [--entry SPEC]...
//   (the entries as bench/startup.mjs takes them; "asyncio-ts" by default)
// Needs valgrind (Debian's package); about 10 s a program.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = join(dirname(fileURLToPath(import.meta.url)), "startup");
const { values } = parseArgs({
  options: { entry: { type: "string", multiple: true, default: ["asyncio-ts"] } },
});

function specifier(entry) {
  if (entry.startsWith(".") || isAbsolute(entry) || existsSync(entry)) {
    return pathToFileURL(resolve(entry)).href;
  }
  return entry;
}

/** Instructions (millions) of `node ...args`, start to exit. */
function instructions(args) {
  const child = spawnSync(
    "valgrind",
    [
      "--tool=cachegrind",
      "--cache-sim=no",
      "--cachegrind-out-file=/dev/null",
      process.execPath,
      "--single-threaded",
      "--hash-seed=1",
      "--random-seed=1",
      ...args,
    ],
    { encoding: "utf8" },
  );
  const refs = /I\s+refs:\s+([\d,]+)/.exec(child.stderr);
  if (child.status !== 0 || refs === null) throw new Error(`valgrind failed:\n${child.stderr}`);
  return Number(refs[1].replaceAll(",", "")) / 1e6;
}

const bare = instructions([join(here, "empty.mjs")]);
console.log(`Node ${process.version}, instructions (millions), one process each under cachegrind`);
console.log(`${"node (empty module)".padEnd(44)}${bare.toFixed(2).padStart(9)}`);
for (const entry of values.entry) {
  const count = instructions([join(here, "import-run.mjs"), specifier(entry)]);
  console.log(
    `${`import ${entry} + run()`.padEnd(44)}${count.toFixed(2).padStart(9)}  +${(count - bare).toFixed(2)}`,
  );
}
