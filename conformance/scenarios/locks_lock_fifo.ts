// Pins: Lock waiters acquire in FIFO order; release() only wakes the first
// waiter (locked() is False until it runs), yet a newcomer calling acquire()
// in that window queues behind every waiter instead of barging in.

import * as asyncio from "../../src/index.js";
import { Lock } from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* worker(lock: Lock, name: string, hold: number): asyncio.Coroutine<void> {
  console.log(`${now()} ${name} acquiring locked=${show(lock.locked())}`);
  yield* lock.acquire();
  try {
    console.log(`${now()} ${name} acquired`);
    yield* asyncio.sleep(hold);
  } finally {
    lock.release();
    console.log(`${now()} ${name} released`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const lock = new Lock();
  console.log(`${now()} main acquired ${show(yield* lock.acquire())}`);
  const tasks = [..."ABC"].map((n) => asyncio.createTask(worker(lock, n, 1)));
  yield* asyncio.sleep(1);
  lock.release();
  console.log(`${now()} main released locked=${show(lock.locked())}`);
  const r = yield* lock.acquire();
  console.log(`${now()} main re-acquired ${show(r)}`);
  lock.release();
  yield* asyncio.gather(...tasks);
  console.log(`${now()} done locked=${show(lock.locked())}`);
}

await asyncio.run(main(), { virtualTime: true });
