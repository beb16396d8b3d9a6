// Pins: a get() under wait_for or timeout() that expires takes no item and
// leaves no getter behind; a put() that times out on a full queue inserts
// nothing; an item put later goes to the next getter still waiting;
// wait_for(get(), 0) times out even with an item ready.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new Queue<string>(1);

  function* patient(name: string): asyncio.Coroutine<void> {
    const item = yield* q.get();
    console.log(`${now()} ${name} got ${item}`);
  }

  try {
    yield* asyncio.waitFor(q.get(), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} wait_for get: ${describe(e)}, ${String(q)}`);
  }
  const waiting = asyncio.createTask(patient("patient"));
  try {
    yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
      yield* q.get();
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} timeout get: ${describe(e)}, ${String(q)}`);
  }
  q.putNowait("x");
  yield* waiting;

  q.putNowait("full");
  try {
    yield* asyncio.waitFor(q.put("late"), 0.5);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} wait_for put: ${describe(e)}, ${String(q)}`);
  }

  function* drainSoon(): asyncio.Coroutine<void> {
    yield* asyncio.sleep(0.25);
    console.log(`${now()} drained ${q.getNowait()}`);
  }

  asyncio.createTask(drainSoon());
  yield* asyncio.waitFor(q.put("in time"), 0.5);
  console.log(`${now()} put in time, ${String(q)}`);
  // wait_for(..., 0) cancels the get() before it runs, item or not.
  try {
    yield* asyncio.waitFor(q.get(), 0);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} wait_for 0: ${describe(e)}, ${String(q)}`);
  }
  console.log(`${now()} got ${yield* asyncio.waitFor(q.get(), 0.1)}`);
}

await asyncio.run(main(), { virtualTime: true });
