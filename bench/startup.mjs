#!/usr/bin/env node
// Start-up, as paired whole-process timings: each round starts, in a shuffled
// order, bare Node on an empty module and Node importing asyncio-ts and
// running an empty coroutine (`await run(function* () {}())`), each in a
// fresh process, timed from spawn to exit (wall) and by the CPU time the
// process reports at exit (CPU, which other processes on the machine inflate
// less). Medians over the rounds, and the median of each round's difference
// from bare Node, which cancels most of the load's drift between rounds.
//
// Usage: npm run build && node bench/startup.mjs [--rounds 30] [--entry SPEC]...
//   --entry  a specifier or a path to import instead of "asyncio-ts"; repeat it
//            for an A/B comparison, e.g. --entry /work/wt/base/dist/bundle/index.js
//            --entry dist/bundle/index.js (a relative path needs no "./" when the file exists)
//   --node-option  an option for the timed processes, e.g. --node-option=--enable-source-maps
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = join(dirname(fileURLToPath(import.meta.url)), "startup");
const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "30" },
    entry: { type: "string", multiple: true, default: ["asyncio-ts"] },
    "node-option": { type: "string", multiple: true, default: [] },
  },
});
const rounds = Number(values.rounds);
const nodeOptions = values["node-option"];

/** A specifier as import-run.mjs should import it (paths, and files that exist, become file URLs). */
function specifier(entry) {
  if (entry.startsWith(".") || isAbsolute(entry) || existsSync(entry)) {
    return pathToFileURL(resolve(entry)).href;
  }
  return entry;
}

const variants = [
  { name: "node (empty module)", args: [join(here, "empty.mjs")] },
  ...values.entry.map((entry) => ({
    name: `import ${entry} + run()`,
    args: [join(here, "import-run.mjs"), specifier(entry)],
  })),
];

/** Wall and CPU milliseconds of `node ...args`, from spawn to exit. */
function time(args) {
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...nodeOptions, ...args], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${child.stderr}`);
  return { wall, cpu: Number(child.stdout) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const load = () => loadavg().map((x) => x.toFixed(2));
const loadBefore = load();
for (const v of variants) time(v.args); // warms the file system's cache
const samples = variants.map(() => []);
for (let r = 0; r < rounds; r++) {
  const order = variants.map((_, i) => i).sort(() => Math.random() - 0.5);
  for (const i of order) samples[i].push(time(variants[i].args));
}

const f = (ms) => ms.toFixed(1).padStart(7);
const column = (i, key) => samples[i].map((s) => s[key]);
const overNode = (i, key) => median(samples[i].map((s, r) => s[key] - samples[0][r][key]));
console.log(
  `Node ${process.version}${nodeOptions.length ? ` ${nodeOptions.join(" ")}` : ""}, ${rounds} rounds; load average before ${loadBefore.join(" ")}, after ${load().join(" ")}`,
);
console.log(`${"ms".padEnd(44)}   wall    min  −node    CPU  −node`);
for (const [i, v] of variants.entries()) {
  const wall = column(i, "wall");
  const cpu = column(i, "cpu");
  const diff = (key) => (i === 0 ? "".padStart(7) : f(overNode(i, key)));
  console.log(
    `${v.name.padEnd(44)}${f(median(wall))}${f(Math.min(...wall))}${diff("wall")}${f(median(cpu))}${diff("cpu")}`,
  );
}
