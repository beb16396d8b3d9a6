// Pins: call_at with a deadline in the past runs in the next iteration (after
// ready callbacks), and the clock does not move; TimerHandle.when() returns
// the absolute deadline given.
import * as asyncio from "../../src/index.js";
import { fmtTime, now, startClock } from "./_trace.js";

function fire(name: string): void {
  console.log(`${now()} ${name}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const base = loop.time();
  yield* asyncio.sleep(5);
  const h1 = loop.callAt(base + 2, fire, "past");
  const h2 = loop.callAt(base + 7, fire, "future");
  loop.callSoon(fire, "soon");
  console.log(`when past=${fmtTime(h1.when() - base)} future=${fmtTime(h2.when() - base)}`);
  yield* asyncio.sleep(3);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
