// Pins: call_soon is FIFO and passes positional args; one iteration runs only
// the callbacks that were ready when it began, so a callback scheduled by a
// running callback runs in the next iteration, after the rest of the batch
// (including the main task's step queued by sleep(0)).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function cb(name: string, arg: unknown): void {
  console.log(`${name} arg=${show(arg)}`);
}

function outer(): void {
  console.log("outer runs, schedules inner");
  asyncio.getRunningLoop().callSoon(cb, "inner", 3);
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.callSoon(cb, "first", 1);
  loop.callSoon(outer);
  loop.callSoon(cb, "second", "x");
  console.log("scheduled");
  yield* asyncio.sleep(0);
  console.log("main after one iteration");
  yield* asyncio.sleep(0);
  console.log("main after two iterations");
}

await asyncio.run(main(), { virtualTime: true });
