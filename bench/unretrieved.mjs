// Failed fire-and-forget Tasks on a long-running loop (issue 12, part 1):
// waves of Tasks nobody keeps fail; each wave is followed by a collection.
// Prints the V8 heap after each wave and how many "Task exception was never
// retrieved" reports arrived while the loop ran. Needs the build (npm run build).
//   node --expose-gc bench/unretrieved.mjs [waves=5] [perWave=20000]
// asyncio-ts by its package name, as bench/workloads/asyncio-ts.mjs imports it:
// Node resolves the "node" condition's single-file bundle (dist/bundle), what
// users run, not the per-module build in dist/src.
import * as asyncio from "asyncio-ts";

const waves = Number(process.argv[2] ?? 5);
const perWave = Number(process.argv[3] ?? 20000);
if (typeof globalThis.gc !== "function") throw new Error("run node with --expose-gc");

function* fail(i) {
  yield* asyncio.sleep(0);
  throw new Error(`boom ${i}`);
}

function spawnWave() {
  for (let i = 0; i < perWave; i++) asyncio.createTask(fail(i));
}

const heapMB = () => (process.memoryUsage().heapUsed / 1e6).toFixed(1);
let reported = 0;

function* main() {
  asyncio.getRunningLoop().setExceptionHandler(() => reported++);
  gc();
  const heap = [heapMB()];
  for (let w = 0; w < waves; w++) {
    spawnWave();
    yield* asyncio.sleep(0.3);
    gc();
    // The registry's reports arrive in host turns after the collection; a second
    // collection frees what they held.
    yield* asyncio.sleep(0.05);
    gc();
    heap.push(heapMB());
  }
  console.log(`heap after each wave (MB): ${heap.join(" → ")}`);
  console.log(`reported while the loop ran: ${reported} of ${waves * perWave}`);
}

await asyncio.run(main());
