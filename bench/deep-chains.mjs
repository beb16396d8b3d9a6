#!/usr/bin/env node
// Deep chains: what resuming a coroutine N `yield*` levels down costs per
// level, and how deep a chain can go on Node's default stack. A Task's step
// resumes its outermost generator, which resumes the next, down to the
// innermost: V8 does not flatten `yield*`, so each resumption costs a
// native frame and some nanoseconds per level. Compared with the same
// chains of generators driven by hand (V8's floor) and with CPython (`await`
// chains under asyncio, and coroutines driven by hand).
//
// Per level: the slope between a shallow and a deep chain, each resumed
// RESUMES times, median of 5 rounds (the variants take turns in each round).
//
// Usage: npm run build && node bench/deep-chains.mjs
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
// asyncio-ts by its package name, as bench/workloads/asyncio-ts.mjs imports it:
// Node resolves the "node" condition's single-file bundle (dist/bundle), what
// users run, not the per-module build in dist/src.
import { run, sleep } from "asyncio-ts";

const SHALLOW = 10;
const DEEP = 1_000;
const RESUMES = 20_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** A chain of `depth` generators over an innermost one that yields `resumes` times. */
function* chain(depth, resumes, pause) {
  if (depth === 0) {
    for (let i = 0; i < resumes; i++) yield* pause();
    return 0;
  }
  return (yield* chain(depth - 1, resumes, pause)) + 1;
}

// A bare `yield`: the loop's one-turn pause (sleep(0) without its argument check), and a step by hand.
function* bareYield() {
  yield;
}

/** Milliseconds to drive a chain to its end by calling `next()` by hand. */
function byHand(depth) {
  const t0 = performance.now();
  const gen = chain(depth, RESUMES, bareYield);
  while (!gen.next().done);
  return performance.now() - t0;
}

/** Milliseconds for a Task to run a chain to its end, a loop turn per resumption. */
async function inTask(depth) {
  const t0 = performance.now();
  await run(chain(depth, RESUMES, () => sleep(0)));
  return performance.now() - t0;
}

/**
 * Nanoseconds per level per resumption of each of `measures`: the slope
 * between SHALLOW and DEEP, median of 5 rounds after a warm-up; the
 * measures take turns within each round, so the machine's load drifts
 * alike for all of them.
 */
async function perLevel(measures) {
  const rounds = measures.map(() => []);
  for (let r = 0; r < 6; r++) {
    for (const [i, measure] of measures.entries()) {
      const shallow = await measure(SHALLOW);
      const deep = await measure(DEEP);
      if (r > 0) rounds[i].push(((deep - shallow) * 1e6) / (RESUMES * (DEEP - SHALLOW)));
    }
  }
  return rounds.map(median);
}

/** The deepest chain `fits(depth)` accepts, by bisection. */
async function deepest(fits) {
  let lo = 1;
  let hi = 1_000_000;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (await fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const maxInTask = await deepest((depth) =>
  run(chain(depth, 1, () => sleep(0))).then(
    () => true,
    (e) => {
      if (e?.name !== "RecursionError") throw e;
      return false;
    },
  ),
);
const maxByHand = await deepest((depth) => {
  try {
    byHand(depth);
    return true;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return false;
  }
});

const [taskNs, handNs] = await perLevel([inTask, byHand]);
const rows = [
  ["asyncio-ts: a Task resuming its chain (sleep(0) innermost)", taskNs, maxInTask],
  ["V8: generators driven by next() (yield innermost)", handNs, maxByHand],
];

const PYTHON = `
import asyncio, statistics, sys, time, types
SHALLOW, DEEP, RESUMES = ${SHALLOW}, ${DEEP}, ${RESUMES}
@types.coroutine
def bare_yield():
    yield
async def chain(depth, resumes, pause):
    if depth == 0:
        for _ in range(resumes):
            await pause()
        return 0
    return await chain(depth - 1, resumes, pause) + 1
def by_hand(depth):
    t0 = time.perf_counter()
    coro = chain(depth, RESUMES, bare_yield)
    try:
        while True:
            coro.send(None)
    except StopIteration:
        pass
    return time.perf_counter() - t0
def in_task(depth):
    t0 = time.perf_counter()
    asyncio.run(chain(depth, RESUMES, lambda: asyncio.sleep(0)))
    return time.perf_counter() - t0
def per_level(*measures):
    rounds = [[] for _ in measures]
    for r in range(6):
        for i, measure in enumerate(measures):
            shallow, deep = measure(SHALLOW), measure(DEEP)
            if r: rounds[i].append((deep - shallow) * 1e9 / (RESUMES * (DEEP - SHALLOW)))
    return [statistics.median(x) for x in rounds]
sys.setrecursionlimit(10_000)  # the deep chain is deeper than the default 1000
task, hand = per_level(in_task, by_hand)
print(f"{task:.2f} {hand:.2f} {sys.version.split()[0]}")
`;
const python = spawnSync("python3", ["-c", PYTHON], {
  encoding: "utf8",
  env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" },
});
if (python.status === 0) {
  const [task, hand, version] = python.stdout.trim().split(" ");
  rows.push([`CPython ${version}: asyncio Task (sleep(0) innermost)`, Number(task), "limit 1000"]);
  rows.push([`CPython ${version}: coroutines driven by send()`, Number(hand), "limit 1000"]);
} else {
  console.log(`CPython skipped: ${python.stderr.trim().split("\n").at(-1)}`);
}

console.log(
  `Node ${process.version}; chains of ${SHALLOW} and ${DEEP} levels resumed ${RESUMES} times; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(`${"".padEnd(62)}ns/level  deepest chain`);
for (const [name, ns, max] of rows) {
  console.log(`${name.padEnd(62)}${ns.toFixed(1).padStart(8)}  ${String(max).padStart(13)}`);
}
console.log("CPython's limit is sys.getrecursionlimit() (raised to 10,000 for these timings).");
