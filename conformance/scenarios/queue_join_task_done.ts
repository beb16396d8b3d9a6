// Pins: join() returns at once when no task is unfinished, otherwise when the
// last task_done() brings the count to zero (several joiners wake together,
// in the order they joined); one task_done() too many raises ValueError.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<number>();
  yield* q.join();
  console.log(`${now()} empty join returned`);

  function* worker(name: string): asyncio.Coroutine<void> {
    while (true) {
      const item = yield* q.get();
      yield* asyncio.sleep(item);
      console.log(`${now()} ${name} finished ${item}`);
      q.taskDone();
    }
  }

  function* joiner(name: string): asyncio.Coroutine<void> {
    yield* q.join();
    console.log(`${now()} ${name} joined, ${String(q)}`);
  }

  for (const item of [3, 1, 2, 1]) q.putNowait(item);
  const workers = [0, 1].map((i) => asyncio.createTask(worker(`w${i}`)));
  const joiners = [0, 1].map((i) => asyncio.createTask(joiner(`j${i}`)));
  yield* q.join();
  console.log(`${now()} main joined`);
  yield* asyncio.gather(...joiners);
  for (const w of workers) w.cancel();
  yield* asyncio.gather(...workers, { returnExceptions: true });
  try {
    q.taskDone();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(describe(e));
  }
  q.putNowait(5);
  const j = asyncio.createTask(q.join());
  yield* asyncio.sleep(0);
  console.log(`join waiting: ${show(!j.done())}`);
  console.log(`got ${q.getNowait()}, ${String(q)}`);
  q.taskDone();
  yield* j;
  console.log(`${now()} joined again, ${String(q)}`);
}

await asyncio.run(main(), { virtualTime: true });
