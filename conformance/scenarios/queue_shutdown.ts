// Pins: shutdown() (not immediate) wakes every waiter: putters raise
// QueueShutDown, getters take the items still queued and raise QueueShutDown
// once it is empty; join() still waits for task_done() on every item.

import * as asyncio from "../../src/index.js";
import { Queue, QueueShutDown } from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<string>(2);

  function* putter(item: string): asyncio.Coroutine<void> {
    try {
      yield* q.put(item);
      console.log(`${now()} put ${item}`);
    } catch (e) {
      if (!(e instanceof QueueShutDown)) throw e;
      console.log(`${now()} put ${item}: ${describe(e)}`);
    }
  }

  function* getter(name: string): asyncio.Coroutine<void> {
    try {
      while (true) {
        const item = yield* q.get();
        console.log(`${now()} ${name} got ${item}`);
        yield* asyncio.sleep(1);
        q.taskDone();
      }
    } catch (e) {
      if (!(e instanceof QueueShutDown)) throw e;
      console.log(`${now()} ${name}: ${describe(e)}`);
    }
  }

  function* joiner(): asyncio.Coroutine<void> {
    yield* q.join();
    console.log(`${now()} joined, ${String(q)}`);
  }

  q.putNowait("a");
  q.putNowait("b");
  const putters = ["c", "d"].map((x) => asyncio.createTask(putter(x)));
  const j = asyncio.createTask(joiner());
  yield* asyncio.sleep(0);
  console.log(String(q));
  q.shutdown();
  console.log(String(q));
  try {
    q.putNowait("x");
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    console.log(`put_nowait: ${describe(e)}`);
  }
  console.log(`get_nowait: ${q.getNowait()}`);
  q.taskDone();
  const getters = ["g1", "g2", "g3"].map((n) => asyncio.createTask(getter(n)));
  yield* asyncio.gather(...putters, ...getters, j);
  console.log(`${now()} done, ${String(q)}`);
}

await asyncio.run(main(), { virtualTime: true });
