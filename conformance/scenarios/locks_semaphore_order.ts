// Pins: Semaphore(2) admits two at once and hands released units to waiters in
// FIFO order; a newcomer queues behind woken waiters even when the value is
// positive (locked() is True while a waiter is pending).

import * as asyncio from "../../src/index.js";
import { Semaphore } from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* worker(sem: Semaphore, name: string, hold: number): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(sem, function* () {
    console.log(`${now()} ${name} in`);
    yield* asyncio.sleep(hold);
  });
  console.log(`${now()} ${name} out`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const sem = new Semaphore(2);
  const tasks = [0, 1, 2, 3, 4].map((i) => asyncio.createTask(worker(sem, `w${i}`, 1 + (i % 2))));
  yield* asyncio.sleep(0);
  console.log(`${now()} locked=${show(sem.locked())} value=${sem._value}`);
  sem.release(); // an extra unit, handed straight to w2
  console.log(`${now()} after release locked=${show(sem.locked())} value=${sem._value}`);
  tasks.push(asyncio.createTask(worker(sem, "newcomer", 0)));
  yield* asyncio.gather(...tasks);
  console.log(`${now()} done value=${sem._value} locked=${show(sem.locked())}`);
}

await asyncio.run(main(), { virtualTime: true });
