// A quick look at the hot paths until the full suite (the benchmark issue)
// lands: task switches, spawning, TaskGroup children, and the memory of a
// suspended Task. Run: npm run bench (builds first).
import * as asyncio from "../dist/src/index.js";

function* switcher(n) {
  for (let i = 0; i < n; i++) yield* asyncio.sleep(0);
}
function* child(i) {
  yield* asyncio.sleep(0);
  return i;
}
function* spawn(n) {
  const coros = [];
  for (let i = 0; i < n; i++) coros.push(child(i));
  const results = yield* asyncio.gather(...coros);
  if (results.length !== n) throw new Error("lost results");
}
function* group(n) {
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    for (let i = 0; i < n; i++) tg.createTask(child(i));
  });
}

async function rate(name, unit, f, n) {
  await asyncio.run(f(n / 10));
  const times = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    await asyncio.run(f(n));
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} ${Math.round(n / times[1])
      .toLocaleString("en")
      .padStart(12)} ${unit}/s`,
  );
}

function* waiter(f) {
  yield* f;
}
async function memory(n) {
  if (typeof globalThis.gc !== "function") {
    console.log("suspended task memory        (run node with --expose-gc)");
    return;
  }
  await asyncio.run(
    (function* () {
      const loop = asyncio.getRunningLoop();
      const f = loop.createFuture();
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(loop.createTask(waiter(f)));
      yield* asyncio.sleep(0);
      globalThis.gc();
      const per = (process.memoryUsage().heapUsed - before) / n;
      console.log(
        `${"suspended task memory".padEnd(28)} ${Math.round(per).toLocaleString("en").padStart(12)} bytes/task`,
      );
      f.setResult(undefined);
      yield* asyncio.gather(...tasks);
    })(),
  );
}

console.log(`asyncio-ts quick bench, Node ${process.version}, median of 3`);
await rate("switch (sleep(0))", "yields", switcher, 1_000_000);
await rate("spawn + gather", "tasks", spawn, 100_000);
await rate("TaskGroup children", "tasks", group, 100_000);
await memory(100_000);
