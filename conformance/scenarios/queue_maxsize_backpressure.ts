// Pins: with maxsize 2, producers block in put() while the queue is full and
// are let in one at a time, oldest first, as a slow consumer frees slots; the
// items come out in the order the puts completed.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<string>(2);

  function* producer(name: string, n: number): asyncio.Coroutine<void> {
    for (let i = 0; i < n; i++) {
      const item = `${name}${i}`;
      console.log(`${now()} ${name} puts ${item} (full=${q.full() ? "True" : "False"})`);
      yield* q.put(item);
      console.log(`${now()} ${name} put ${item} (qsize ${q.qsize()})`);
    }
  }

  function* consumer(): asyncio.Coroutine<void> {
    for (let i = 0; i < 6; i++) {
      yield* asyncio.sleep(1);
      const item = yield* q.get();
      console.log(`${now()} consumer got ${item}, ${String(q)}`);
    }
  }

  yield* asyncio.gather(producer("a", 3), producer("b", 3), consumer());
  console.log(`${now()} done ${String(q)}`);
}

await asyncio.run(main(), { virtualTime: true });
