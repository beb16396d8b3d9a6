// Pins: a task's first step is call_soon-ed when the task is created, so tasks
// start in creation order, interleaved with other call_soon callbacks in
// scheduling order; tasks that sleep(0) then alternate round-robin.
import * as asyncio from "../../src/index.js";

function* worker(name: string): asyncio.Coroutine<void> {
  console.log(`${name} step 1`);
  yield* asyncio.sleep(0);
  console.log(`${name} step 2`);
  yield* asyncio.sleep(0);
  console.log(`${name} step 3`);
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.callSoon(console.log, "callback before");
  const a = asyncio.createTask(worker("A"));
  loop.callSoon(console.log, "callback between");
  const b = asyncio.createTask(worker("B"));
  const c = asyncio.createTask(worker("C"));
  console.log("main created tasks");
  yield* a;
  console.log("main: A finished");
  yield* b;
  yield* c;
  console.log("main done");
}

await asyncio.run(main(), { virtualTime: true });
