// Pins: LifoQueue gives the most recent item first, also to getters that
// waited, and its bounded form blocks putters like Queue does.

import * as asyncio from "../../src/index.js";
import { LifoQueue } from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new LifoQueue<number | string>(3);
  for (const i of [1, 2, 3]) yield* q.put(i);
  console.log(String(q), show(q.full()));

  function* putter(item: number): asyncio.Coroutine<void> {
    yield* q.put(item);
    console.log(`${now()} put ${item}, ${String(q)}`);
  }

  const p = asyncio.createTask(putter(4));
  yield* asyncio.sleep(1);
  console.log(`${now()} got ${q.getNowait()}`);
  yield* p;
  console.log(show([0, 1, 2].map(() => q.getNowait())));

  function* getter(name: string): asyncio.Coroutine<void> {
    console.log(`${now()} ${name} got ${yield* q.get()}`);
  }

  const gs = ["g1", "g2"].map((n) => asyncio.createTask(getter(n)));
  yield* asyncio.sleep(0);
  q.putNowait("a");
  q.putNowait("b");
  q.putNowait("c");
  yield* asyncio.gather(...gs);
  console.log(String(q));
}

await asyncio.run(main(), { virtualTime: true });
