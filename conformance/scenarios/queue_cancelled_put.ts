// Pins: a put() cancelled while waiting on a full queue inserts nothing; a
// put() woken by get_nowait and cancelled before it ran hands the free slot
// to the next waiting putter.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<string>(1);
  q.putNowait("first");

  function* putter(item: string): asyncio.Coroutine<void> {
    try {
      yield* q.put(item);
      console.log(`${now()} put ${item}, ${String(q)}`);
    } catch (e) {
      if (e instanceof asyncio.CancelledError) {
        console.log(`${now()} put ${item} cancelled: ${describe(e)}, ${String(q)}`);
      }
      throw e;
    }
  }

  const p1 = asyncio.createTask(putter("p1"));
  const p2 = asyncio.createTask(putter("p2"));
  const p3 = asyncio.createTask(putter("p3"));
  yield* asyncio.sleep(0);
  console.log(String(q));
  p2.cancel();
  yield* asyncio.sleep(0);
  console.log(`after waiting cancel: ${String(q)}`);

  yield* asyncio.sleep(1);
  console.log(`${now()} got ${q.getNowait()}, ${String(q)}`);
  p1.cancel();
  const results = yield* asyncio.gather(p1, p2, p3, { returnExceptions: true });
  console.log(
    `${now()} results ${show(results.map((r) => (r instanceof Error ? describe(r) : r)))}`,
  );
  const items: string[] = [];
  while (!q.empty()) items.push(q.getNowait());
  console.log(`left in queue: ${show(items)}, ${String(q)}`);
}

await asyncio.run(main(), { virtualTime: true });
