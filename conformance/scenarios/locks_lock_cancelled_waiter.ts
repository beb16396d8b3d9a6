// Pins: a Lock waiter cancelled after release() woke it passes the wake-up on
// to the next waiter (test_finished_waiter_cancelled); a waiter cancelled
// while queued just leaves the queue.

import * as asyncio from "../../src/index.js";
import { Lock } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* waiter(lock: Lock, name: string): asyncio.Coroutine<void> {
  try {
    yield* lock.acquire();
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} ${name} cancelled: ${describe(e)} locked=${show(lock.locked())}`);
    }
    throw e;
  }
  console.log(`${now()} ${name} acquired`);
  yield* asyncio.sleep(1);
  lock.release();
  console.log(`${now()} ${name} released`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const lock = new Lock();
  yield* lock.acquire();
  const b = asyncio.createTask(waiter(lock, "B"));
  const c = asyncio.createTask(waiter(lock, "C"));
  const d = asyncio.createTask(waiter(lock, "D"));
  yield* asyncio.sleep(0);
  // Wake B, then cancel it before it runs: C must get the lock.
  lock.release();
  b.cancel("woken then cancelled");
  yield* asyncio.sleep(0.5);
  // D is still queued: cancelling it just removes it.
  d.cancel();
  const results = yield* asyncio.gather(b, c, d, { returnExceptions: true });
  console.log(`${now()} results ${show(results.map((r) => (r ? describe(r) : r)))}`);
  console.log(`${now()} locked=${show(lock.locked())}`);
}

await asyncio.run(main(), { virtualTime: true });
