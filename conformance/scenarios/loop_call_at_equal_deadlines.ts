// Pins: timers with equal deadlines fire in scheduling order (asyncio-ts's
// rule; CPython's heap leaves it to chance and vtloop normalises it), whether
// scheduled by call_at or call_later, and a due timer runs after callbacks
// that were already ready.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function fire(name: string): void {
  console.log(`${now()} ${name}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const t = loop.time() + 1;
  for (let i = 0; i < 4; i++) {
    loop.callAt(t, fire, `at${i}`);
  }
  loop.callLater(1, fire, "later");
  loop.callAt(t, fire, "at4");
  loop.callLater(0.5, fire, "half");
  yield* asyncio.sleep(2);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
