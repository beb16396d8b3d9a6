// Pins: Condition.notify(n) wakes the n oldest waiters, notify_all() the rest,
// and a notified waiter returns from wait() only after it re-acquired the
// lock (after the notifier releases it), one at a time in FIFO order.

import * as asyncio from "../../src/index.js";
import { Condition } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* consumer(cond: Condition, name: string): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(cond, function* () {
    const r = yield* cond.wait();
    console.log(`${now()} ${name} woke with ${show(r)} locked=${show(cond.locked())}`);
    yield* asyncio.sleep(0.5);
  });
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const cond = new Condition();
  const tasks = [0, 1, 2, 3, 4].map((i) => asyncio.createTask(consumer(cond, `c${i}`)));
  yield* asyncio.sleep(0);
  yield* asyncio.asyncWith(cond, function* () {
    cond.notify();
    console.log(`${now()} notified 1`);
  });
  yield* asyncio.sleep(1);
  yield* asyncio.asyncWith(cond, function* () {
    cond.notify(2);
    console.log(`${now()} notified 2`);
  });
  yield* asyncio.sleep(2);
  yield* asyncio.asyncWith(cond, function* () {
    cond.notifyAll();
    console.log(`${now()} notified all`);
  });
  yield* asyncio.gather(...tasks);
  try {
    cond.notify();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  try {
    yield* cond.wait();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
