#!/usr/bin/env node
// Random-program fuzzer of the differential conformance harness: generates
// asyncio programs (conformance/fuzz/), runs each on CPython 3.13 (vtloop) and
// on asyncio-ts (dist/, so build first), compares the traces, and shrinks and
// prints every divergence in both languages. A program that deadlocks (nothing
// ready, no timer, no I/O possible) ends its trace with "<deadlock>" on both
// sides at once; one that stalls for 5 s is killed (conformance/fuzz/run.mjs).
//
// Usage: node scripts/conformance-fuzz.mjs [options]
//   --count N        programs per seed (default 100)
//   --seed S         a seed, a list 1,5,9 or a range 1..4 (default 1)
//   --only N         only program N of each seed
//   --batch B        programs per process (default 50)
//   --jobs J         batches run in parallel (default 4)
//   --max-shrink K   shrink at most K divergences (default 10; the rest are listed)
//   --large          larger programs: nesting depth 3, 2-6 defs, 4-12 statements in
//                    main (the default makes 1-4 defs, 2-7 statements, depth 2)
//   --faults         every program may have faults (raising callbacks, an exception
//                    handler, BaseExceptions; conformance/fuzz/ast.mjs), not half
//   --save DIR       write each shrunk divergence as DIR/fuzz_<seed>_<n>.py + .ts
//   --show           print every generated program's traces (debugging)
//   --dist DIR       run asyncio-ts from DIR/src/index.js (default: dist/)
// Exit status 1 if any program diverges.

import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { size } from "../conformance/fuzz/ast.mjs";
import { generate } from "../conformance/fuzz/generate.mjs";
import { renderTs, renderTsProgram } from "../conformance/fuzz/render-js.mjs";
import { renderPython, renderPythonProgram } from "../conformance/fuzz/render-python.mjs";
import { firstDifference, runBoth, useDist } from "../conformance/fuzz/run.mjs";
import { shrink } from "../conformance/fuzz/shrink.mjs";

function parseArgs(argv) {
  const opts = {
    count: 100,
    seeds: [1],
    only: null,
    batch: 50,
    jobs: 4,
    maxShrink: 10,
    save: null,
    show: false,
    shape: "small",
    allFaults: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--count") opts.count = Number(value());
    else if (a === "--seed") opts.seeds = parseSeeds(value());
    else if (a === "--only") opts.only = Number(value());
    else if (a === "--batch") opts.batch = Number(value());
    else if (a === "--jobs") opts.jobs = Number(value());
    else if (a === "--max-shrink") opts.maxShrink = Number(value());
    else if (a === "--save") opts.save = value();
    else if (a === "--show") opts.show = true;
    else if (a === "--large") opts.shape = "large";
    else if (a === "--faults") opts.allFaults = true;
    else if (a === "--dist") useDist(resolve(value()));
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function parseSeeds(text) {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  if (range) {
    const seeds = [];
    for (let s = Number(range[1]); s <= Number(range[2]); s++) seeds.push(s);
    return seeds;
  }
  return text.split(",").map(Number);
}

/** Runs jobs (async thunks) with at most `limit` at a time, keeping result order. */
async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

async function runAll(programs, opts) {
  const jobs = [];
  for (let i = 0; i < programs.length; i += opts.batch) {
    jobs.push(() => runBoth(programs.slice(i, i + opts.batch)));
  }
  return (await pool(jobs, opts.jobs)).flat();
}

const diverges = async (programs) => (await runBoth(programs)).map((r) => r.python !== r.js);

function indent(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

function report({ seed, n, program, original, python, js, stderr, rounds }) {
  const diff = firstDifference(python, js);
  console.log(
    `\n### divergence: seed ${seed} program ${n} (size ${original} -> ${size(program)}, ${rounds} shrink steps)`,
  );
  console.log(
    `  first difference at line ${diff.line}:\n    CPython:    ${diff.python}\n    asyncio-ts: ${diff.js}`,
  );
  // The helpers every program shares (conformance/fuzz/render-*.mjs) are left out.
  console.log(`  Python:\n${indent(renderPythonProgram(program))}`);
  console.log(`  asyncio-ts:\n${indent(renderTsProgram(program))}`);
  console.log(`  CPython trace:\n${indent(python)}`);
  console.log(`  asyncio-ts trace:\n${indent(js)}`);
  for (const side of ["python", "js"]) {
    if (stderr[side] !== undefined) console.log(`  ${side} stderr's last line: ${stderr[side]}`);
  }
}

function save(dir, { seed, n, program }, opts) {
  mkdirSync(dir, { recursive: true });
  const comment = [
    `Found by the fuzzer (node scripts/conformance-fuzz.mjs --seed ${seed} --count ${opts.count}${opts.shape === "large" ? " --large" : ""}${opts.allFaults ? " --faults" : ""}, program ${n}), shrunk.`,
    "Pins: TODO say what this program pins.",
  ];
  const base = join(dir, `fuzz_${seed}_${n}`);
  writeFileSync(`${base}.py`, renderPython(program, comment));
  writeFileSync(`${base}.ts`, renderTs(program, comment));
  console.log(`  saved ${base}.py and ${base}.ts`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const programs = [];
  for (const seed of opts.seeds) {
    const ns = opts.only !== null ? [opts.only] : Array.from({ length: opts.count }, (_, n) => n);
    for (const n of ns) programs.push({ seed, n, program: generate(seed, n, opts.shape, opts) });
  }
  const results = await runAll(
    programs.map((p) => p.program),
    opts,
  );
  const failing = [];
  programs.forEach((p, i) => {
    const { python, js, stderr } = results[i];
    if (opts.show)
      console.log(`=== seed ${p.seed} program ${p.n} ===\n${python}--- asyncio-ts ---\n${js}`);
    if (python !== js) failing.push({ ...p, python, js, stderr });
  });
  console.log(
    `fuzz: ${programs.length} ${opts.shape} programs (seeds ${opts.seeds.join(",")}, count ${opts.count}), ` +
      `${opts.allFaults ? "all with faults, " : ""}${failing.length} divergent, ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  const brief = (f, why) => {
    const diff = firstDifference(f.python, f.js);
    console.log(`\n### divergence (${why}): seed ${f.seed} program ${f.n}, line ${diff.line}:`);
    console.log(`    CPython:    ${diff.python}\n    asyncio-ts: ${diff.js}`);
    for (const side of ["python", "js"]) {
      if (f.stderr[side] !== undefined) console.log(`    ${side} stderr: ${f.stderr[side]}`);
    }
  };
  for (const [k, f] of failing.entries()) {
    if (k >= opts.maxShrink) {
      brief(f, "not shrunk");
      continue;
    }
    const { program, rounds } = await shrink(f.program, diverges);
    const [{ python, js, stderr }] = await runBoth([program]);
    if (python === js) {
      // Run alone, the program did not diverge again: something else in its batch, or the machine's load (a 5 s stall).
      brief(f, "not reproduced alone");
      continue;
    }
    const shrunk = { ...f, program, original: size(f.program), python, js, stderr, rounds };
    report(shrunk);
    if (opts.save) save(opts.save, shrunk, opts);
  }
  process.exitCode = failing.length > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
