// Pins: Barrier.abort() breaks the barrier: current waiters get
// BrokenBarrierError('Abort or reset of barrier'), later wait() calls
// BrokenBarrierError('Barrier aborted'), until reset() makes it usable again.

import * as asyncio from "../../src/index.js";
import { Barrier, BrokenBarrierError } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* party(barrier: Barrier, name: string): asyncio.Coroutine<void> {
  try {
    const i = yield* barrier.wait();
    console.log(`${now()} ${name} passed ${i}`);
  } catch (e) {
    if (!(e instanceof BrokenBarrierError)) throw e;
    const isRuntimeError = e instanceof asyncio.RuntimeError;
    console.log(`${now()} ${name} ${describe(e)} isRuntimeError=${show(isRuntimeError)}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const barrier = new Barrier(3);
  const tasks = ["a", "b"].map((n) => asyncio.createTask(party(barrier, n)));
  yield* asyncio.sleep(1);
  console.log(`${now()} n_waiting=${barrier.nWaiting}`);
  yield* barrier.abort();
  console.log(`${now()} broken=${show(barrier.broken)} n_waiting=${barrier.nWaiting}`);
  yield* asyncio.gather(...tasks);
  yield* party(barrier, "late");
  yield* barrier.reset();
  console.log(`${now()} after reset broken=${show(barrier.broken)}`);
  yield* asyncio.gather(...["x", "y", "z"].map((n) => party(barrier, n)));
}

await asyncio.run(main(), { virtualTime: true });
