// Pins: the bracketed state in the reprs of every primitive (CPython's repr
// also shows the module and an address, which the trace leaves out).

import * as asyncio from "../../src/index.js";
import { Barrier, BoundedSemaphore, Condition, Event, Lock, Semaphore } from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function state(obj: object): string {
  return `${obj.constructor.name} ${String(obj).match(/\[.*\]/)![0]}`;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const lock = new Lock();
  const ev = new Event();
  const cond = new Condition();
  const sem = new Semaphore(2);
  const bsem = new BoundedSemaphore(1);
  const barrier = new Barrier(3);
  const prims = [lock, ev, cond, sem, bsem, barrier];
  for (const p of prims) console.log(`${now()} ${state(p)}`);
  yield* lock.acquire();
  yield* sem.acquire();
  yield* sem.acquire();
  yield* bsem.acquire();
  const tasks: asyncio.Task<unknown>[] = [
    asyncio.createTask(lock.acquire()),
    asyncio.createTask(ev.wait()),
    asyncio.createTask(ev.wait()),
    asyncio.createTask(sem.acquire()),
    asyncio.createTask(bsem.acquire()),
    asyncio.createTask(barrier.wait()),
    asyncio.createTask(barrier.wait()),
  ];

  function* condWaiter(): asyncio.Coroutine<void> {
    yield* asyncio.asyncWith(cond, function* () {
      yield* cond.wait();
    });
  }

  tasks.push(asyncio.createTask(condWaiter()));
  yield* asyncio.sleep(0);
  for (const p of prims) console.log(`${now()} ${state(p)}`);
  ev.set();
  yield* barrier.abort();
  for (const p of [ev, barrier]) console.log(`${now()} ${state(p)}`);
  for (const t of tasks) t.cancel();
  yield* asyncio.gather(...tasks, { returnExceptions: true });
  for (const p of prims) console.log(`${now()} ${state(p)}`);
}

await asyncio.run(main(), { virtualTime: true });
