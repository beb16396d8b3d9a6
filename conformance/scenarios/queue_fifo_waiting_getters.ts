// Pins: getters waiting on an empty queue are served in the order they began
// waiting; each put_nowait wakes one getter, which takes its item only when it
// runs; the str() of the queue shows waiters, items and unfinished tasks.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<string>();

  function* getter(name: string): asyncio.Coroutine<void> {
    console.log(`${now()} ${name} waits`);
    const item = yield* q.get();
    console.log(`${now()} ${name} got ${item} (qsize ${q.qsize()})`);
  }

  const tasks = ["g1", "g2", "g3"].map((n) => asyncio.createTask(getter(n)));
  yield* asyncio.sleep(0);
  console.log(String(q));
  q.putNowait("a");
  q.putNowait("b");
  console.log(String(q));
  yield* asyncio.sleep(0);
  console.log(String(q));
  yield* asyncio.sleep(1);
  yield* q.put("c");
  yield* asyncio.sleep(0);
  for (const item of ["d", "e"]) yield* q.put(item);
  console.log(String(q));
  console.log(q.getNowait(), q.getNowait(), q.empty() ? "True" : "False");
  yield* asyncio.gather(...tasks);
  console.log(`${now()} done ${String(q)}`);
}

await asyncio.run(main(), { virtualTime: true });
