// Pins: a get() cancelled while still waiting takes nothing and wakes nobody;
// a get() that was woken by put_nowait and then cancelled before it ran hands
// the wake-up to the next waiting getter, so no item is left behind.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<number>();

  function* getter(name: string): asyncio.Coroutine<void> {
    try {
      const item = yield* q.get();
      console.log(`${now()} ${name} got ${item}`);
    } catch (e) {
      if (e instanceof asyncio.CancelledError) {
        console.log(`${now()} ${name} cancelled: ${describe(e)}, ${String(q)}`);
      }
      throw e;
    }
  }

  const g1 = asyncio.createTask(getter("g1"));
  const g2 = asyncio.createTask(getter("g2"));
  yield* asyncio.sleep(0);
  g1.cancel("early");
  yield* asyncio.sleep(0);
  console.log(`after early cancel: ${String(q)}`);
  q.putNowait(1);
  yield* asyncio.gather(g2);

  const g3 = asyncio.createTask(getter("g3"));
  const g4 = asyncio.createTask(getter("g4"));
  const g5 = asyncio.createTask(getter("g5"));
  yield* asyncio.sleep(1);
  q.putNowait(2);
  q.putNowait(3);
  console.log(`woken: ${String(q)}`);
  g3.cancel("late");
  const results = yield* asyncio.gather(g3, g4, g5, { returnExceptions: true });
  console.log(
    `${now()} results ${show(results.map((r) => (r instanceof Error ? describe(r) : r)))}`,
  );
  console.log(`g5 done=${show(g5.done())} ${String(q)}`);
}

await asyncio.run(main(), { virtualTime: true });
