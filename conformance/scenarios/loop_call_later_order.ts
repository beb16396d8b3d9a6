// Pins: call_later timers fire in deadline order, not scheduling order, at
// their virtual deadlines; a timer scheduled from a timer callback is
// relative to the time that callback ran.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function fire(name: string): void {
  console.log(`${now()} ${name}`);
}

function fireAndSchedule(): void {
  console.log(`${now()} b schedules d in 1.5`);
  asyncio.getRunningLoop().callLater(1.5, fire, "d");
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  loop.callLater(3, fire, "a");
  loop.callLater(1, fireAndSchedule);
  loop.callLater(2, fire, "c");
  yield* asyncio.sleep(4);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
