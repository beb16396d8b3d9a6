// Pins: Semaphore waiters cancelled before or after being woken never lose or
// duplicate a unit: a woken-then-cancelled waiter gives its unit back and the
// next waiter gets it (test_acquire_cancel_before_awoken, test_acquire_hang).

import * as asyncio from "../../src/index.js";
import { Semaphore } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* waiter(sem: Semaphore, name: string): asyncio.Coroutine<void> {
  try {
    yield* sem.acquire();
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} ${name} cancelled ${describe(e)} value=${sem._value}`);
    }
    throw e;
  }
  console.log(`${now()} ${name} acquired value=${sem._value}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const sem = new Semaphore(0);
  const ts = [0, 1, 2, 3, 4].map((i) => asyncio.createTask(waiter(sem, `t${i}`)));
  yield* asyncio.sleep(0);
  ts[0]!.cancel(); // still queued
  ts[1]!.cancel();
  sem.release(); // wakes t2
  ts[2]!.cancel(); // woken, then cancelled: its unit goes on to t3
  yield* asyncio.sleep(1);
  const done = ts.map((t) => t.done());
  console.log(`${now()} value=${sem._value} locked=${show(sem.locked())} done=${show(done)}`);
  sem.release();
  sem.release();
  yield* asyncio.sleep(1);
  console.log(`${now()} value=${sem._value} locked=${show(sem.locked())}`);
  const results = yield* asyncio.gather(...ts, { returnExceptions: true });
  console.log(`${now()} ${show(results.map((r) => (r ? describe(r) : r)))}`);
}

await asyncio.run(main(), { virtualTime: true });
