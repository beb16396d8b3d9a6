// Pins: 3.13 Condition.wait(): a waiter cancelled after notify() woke it (both
// before it ran, and while it re-acquires the lock) passes the notification
// on to the next waiter, so no wake-up is lost.

import * as asyncio from "../../src/index.js";
import { Condition } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* consumer(cond: Condition, name: string, box: string[]): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(cond, function* () {
      while (box.length === 0) yield* cond.wait();
      console.log(`${now()} ${name} took ${box.pop()}`);
    });
  } catch (e) {
    if (e instanceof asyncio.CancelledError)
      console.log(`${now()} ${name} cancelled: ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const cond = new Condition();
  const box: string[] = [];
  const cs = [0, 1, 2, 3].map((i) => asyncio.createTask(consumer(cond, `c${i}`, box)));
  yield* asyncio.sleep(0);
  yield* asyncio.asyncWith(cond, function* () {
    box.push("item1");
    cond.notify(1);
    cs[0]!.cancel(); // woken but not yet run
  });
  yield* asyncio.sleep(1);
  yield* asyncio.asyncWith(cond, function* () {
    box.push("item2");
    cond.notify(1);
    yield* asyncio.sleep(0); // c2 now waits for the lock
    cs[2]!.cancel();
  });
  yield* asyncio.sleep(1);
  const results = yield* asyncio.gather(...cs.slice(0, 3), { returnExceptions: true });
  console.log(`${now()} ${show(results.map((r) => (r ? describe(r) : r)))} box=${show(box)}`);
  cs[3]!.cancel();
  yield* asyncio.gather(cs[3]!, { returnExceptions: true });
}

await asyncio.run(main(), { virtualTime: true });
