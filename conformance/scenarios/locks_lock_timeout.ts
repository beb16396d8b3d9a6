// Pins: wait_for() on lock.acquire() times out cleanly (the waiter leaves the
// queue) and the next waiter still gets the lock at release time.

import * as asyncio from "../../src/index.js";
import { Lock } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* impatient(lock: Lock): asyncio.Coroutine<void> {
  try {
    yield* asyncio.waitFor(lock.acquire(), 1);
    console.log(`${now()} impatient acquired`);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} impatient gave up: ${describe(e)}`);
  }
}

function* patient(lock: Lock): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(lock, function* () {
    console.log(`${now()} patient acquired`);
  });
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const lock = new Lock();
  let t1!: asyncio.Task<void>;
  let t2!: asyncio.Task<void>;
  yield* asyncio.asyncWith(lock, function* () {
    t1 = asyncio.createTask(impatient(lock));
    t2 = asyncio.createTask(patient(lock));
    yield* asyncio.sleep(2);
    console.log(`${now()} releasing, locked=${show(lock.locked())}`);
  });
  yield* asyncio.gather(t1, t2);
  console.log(`${now()} done locked=${show(lock.locked())}`);
}

await asyncio.run(main(), { virtualTime: true });
