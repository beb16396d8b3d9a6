// A million awaitables: gather.from, wait and asCompleted over 1,000,000
// Tasks in asyncio-ts and CPython (bench/million.py), each in a fresh
// process; and what `gather(...aws)` does at that size (the engine's stack
// holds about 120,000 spread arguments). Not part of `npm test`: about 20 s.
// Usage: npm run build && node bench/million.mjs [n]
import { spawnSync } from "node:child_process";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// asyncio-ts by its package name, as bench/workloads/asyncio-ts.mjs imports it:
// Node resolves the "node" condition's single-file bundle (dist/bundle), what
// users run, not the per-module build in dist/src.
import * as asyncio from "asyncio-ts";

const here = dirname(fileURLToPath(import.meta.url));
const n = Number(process.argv[2] ?? 1_000_000);
const want = (n * (n - 1)) / 2;

function* child(i) {
  yield* asyncio.sleep(0);
  return i;
}

function* main() {
  const out = {};
  let t0 = performance.now();
  const results = yield* asyncio.gather.from(Array.from({ length: n }, (_, i) => child(i)));
  out.gather = [(performance.now() - t0) / 1000, results.reduce((a, b) => a + b, 0)];
  t0 = performance.now();
  const tasks = Array.from({ length: n }, (_, i) => asyncio.createTask(child(i)));
  const [done] = yield* asyncio.wait(tasks);
  let sum = 0;
  for (const t of done) sum += t.result();
  out.wait = [(performance.now() - t0) / 1000, sum];
  t0 = performance.now();
  let total = 0;
  for (const next of asyncio.asCompleted(Array.from({ length: n }, (_, i) => child(i)))) {
    total += yield* next;
  }
  out.asCompleted = [(performance.now() - t0) / 1000, total];
  try {
    const coros = Array.from({ length: n }, (_, i) => child(i));
    yield* asyncio.gather(...coros);
    out.spread = "ok";
  } catch (e) {
    out.spread = `${e.name}: ${e.message}`;
  }
  return out;
}

if (process.argv[3] === "--child") {
  console.log(JSON.stringify(await asyncio.run(main())));
} else {
  const node = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(n), "--child"], {
    encoding: "utf8",
  });
  const ts = JSON.parse(node.stdout.trim().split("\n").at(-1));
  const py = spawnSync(process.env.PYTHON ?? "python3", [join(here, "million.py"), String(n)], {
    encoding: "utf8",
    env: { PYENV_VERSION: "3.13.0", ...process.env },
  });
  const cpython = py.status === 0 ? JSON.parse(py.stdout.trim()) : null;
  console.log(
    `Node ${process.version}; Python ${cpython?.python ?? "not run"}; load ${os.loadavg()[0].toFixed(2)}`,
  );
  console.log(
    `| ${n.toLocaleString("en")} tasks | asyncio-ts s | µs/task | CPython s | µs/task | ratio | check |`,
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const what of ["gather", "wait", "asCompleted"]) {
    const [s, value] = ts[what];
    const [ps, pvalue] = cpython?.[what] ?? [undefined, undefined];
    const ok = value === want && (pvalue === undefined || pvalue === want) ? "ok" : "WRONG";
    const us = (x) => (x === undefined ? "—" : ((x * 1e6) / n).toFixed(2));
    const ratio = ps === undefined ? "—" : `${(ps / s).toFixed(1)}×`;
    console.log(
      `| ${what} | ${s.toFixed(3)} | ${us(s)} | ${ps?.toFixed(3) ?? "—"} | ${us(ps)} | ${ratio} | ${ok} |`,
    );
  }
  console.log(`\ngather(...aws) at ${n.toLocaleString("en")}: ${ts.spread}`);
  process.exitCode =
    ts.gather[1] === want && ts.wait[1] === want && ts.asCompleted[1] === want ? 0 : 1;
}
