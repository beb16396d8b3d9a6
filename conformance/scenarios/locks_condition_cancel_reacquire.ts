// Pins: a waiter cancelled in Condition.wait() re-acquires the lock before the
// CancelledError reaches it (it waits for a contending holder to release),
// and re-raises the very error it got (3.13), message included.

import * as asyncio from "../../src/index.js";
import { Condition } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* waiter(cond: Condition): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(cond, function* () {
    try {
      yield* cond.wait();
    } catch (e) {
      if (e instanceof asyncio.CancelledError) {
        console.log(`${now()} waiter caught ${describe(e)} locked=${show(cond.locked())}`);
      }
      throw e;
    }
  });
  console.log("never");
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const cond = new Condition();
  const t = asyncio.createTask(waiter(cond));
  yield* asyncio.sleep(0);
  yield* cond.acquire();
  t.cancel("stop");
  yield* asyncio.sleep(1);
  console.log(`${now()} holder releasing, waiter done=${show(t.done())}`);
  cond.release();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} main caught ${describe(e)} locked=${show(cond.locked())}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
