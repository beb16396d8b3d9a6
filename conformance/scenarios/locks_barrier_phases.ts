// Pins: Barrier.wait() returns arrival indices; the last arrival flips the
// barrier to draining and returns first, then the others in arrival order;
// arrivals during draining wait for the next cycle; the barrier is reusable.

import * as asyncio from "../../src/index.js";
import { Barrier } from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* party(barrier: Barrier, name: string, delay: number): asyncio.Coroutine<void> {
  yield* asyncio.sleep(delay);
  for (let cycle = 0; cycle < 2; cycle++) {
    yield* asyncio.asyncWith(barrier, function* (i) {
      console.log(
        `${now()} ${name} cycle ${cycle} index ${i} ` +
          `n_waiting=${barrier.nWaiting} draining=${show(String(barrier).includes("draining"))}`,
      );
    });
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const barrier = new Barrier(3);
  console.log(
    `${now()} parties=${barrier.parties} n_waiting=${barrier.nWaiting} broken=${show(barrier.broken)}`,
  );
  const spec: [string, number][] = [
    ["J", 0],
    ["K", 1],
    ["L", 2],
  ];
  const tasks = spec.map(([n, d]) => asyncio.createTask(party(barrier, n, d)));
  yield* asyncio.gather(...tasks);
  console.log(
    `${now()} after n_waiting=${barrier.nWaiting} filling=${show(String(barrier).includes("filling"))}`,
  );
  try {
    new Barrier(0);
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} ValueError: ${e.message}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
