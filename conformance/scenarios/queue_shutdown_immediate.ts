// Pins: shutdown(immediate=True) drops the queued items, counting each as
// done (floored at zero), releases join() only when nothing is unfinished,
// and makes every waiting get() and put() raise QueueShutDown.

import * as asyncio from "../../src/index.js";
import { Queue, QueueShutDown } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<number>();

  function* getter(queue: Queue<unknown>, name: string): asyncio.Coroutine<void> {
    try {
      console.log(`${now()} ${name} got ${yield* queue.get()}`);
    } catch (e) {
      if (!(e instanceof QueueShutDown)) throw e;
      console.log(`${now()} ${name}: ${describe(e)}`);
    }
  }

  function* joiner(): asyncio.Coroutine<void> {
    yield* q.join();
    console.log(`${now()} joined, ${String(q)}`);
  }

  for (const item of [1, 2, 3]) q.putNowait(item);
  console.log(`took ${q.getNowait()}`);
  const j = asyncio.createTask(joiner());
  yield* asyncio.sleep(0);
  q.shutdown(true);
  console.log(String(q));
  yield* asyncio.sleep(1);
  console.log(`${now()} join done: ${show(j.done())}`);
  q.taskDone();
  yield* j;
  try {
    q.taskDone();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(describe(e));
  }
  yield* getter(q, "late");

  const full = new Queue<string>(1);
  full.putNowait("x");
  const p = asyncio.createTask(full.put("y"));
  const empty = new Queue<string>();
  const gs = ["g1", "g2"].map((n) => asyncio.createTask(getter(empty, n)));
  yield* asyncio.sleep(0);
  console.log(`${String(full)} ${String(empty)}`);
  full.shutdown(true);
  empty.shutdown(true);
  console.log(`${String(full)} ${String(empty)}`);
  try {
    yield* p;
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log(`${now()} putter: ${describe(e)}`);
  }
  yield* asyncio.gather(...gs);
  console.log(`${now()} done ${String(full)}`);
}

await asyncio.run(main(), { virtualTime: true });
