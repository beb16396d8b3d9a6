// Pins: call_later(0) and call_later(<0) are timers: they run in the next
// iteration *after* the callbacks already ready (call_soon callbacks and the
// main task's step from sleep(0)); a negative delay sorts before a zero delay;
// a call_soon made by a callback of that iteration runs after the timers.
import * as asyncio from "../../src/index.js";

function log(name: string): void {
  console.log(name);
}

function soon1(): void {
  console.log("soon1, schedules nested");
  asyncio.getRunningLoop().callSoon(log, "nested");
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.callLater(0, log, "later0");
  loop.callSoon(soon1);
  loop.callSoon(log, "soon2");
  loop.callLater(-1, log, "later-negative");
  yield* asyncio.sleep(0);
  console.log("main resumed");
  yield* asyncio.sleep(0);
  console.log("main resumed again");
}

await asyncio.run(main(), { virtualTime: true });
