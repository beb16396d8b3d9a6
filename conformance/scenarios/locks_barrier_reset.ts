// Pins: Barrier.reset() with tasks waiting puts it in 'resetting': they get
// BrokenBarrierError, newcomers block until all have left, then it is filling
// again; a task cancelled while filling leaves without breaking the barrier.

import * as asyncio from "../../src/index.js";
import { Barrier, BrokenBarrierError } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* party(barrier: Barrier, name: string): asyncio.Coroutine<void> {
  try {
    const i = yield* barrier.wait();
    console.log(`${now()} ${name} passed ${i}`);
  } catch (e) {
    if (e instanceof BrokenBarrierError) {
      console.log(`${now()} ${name} ${describe(e)}`);
      return;
    }
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} ${name} cancelled n_waiting=${barrier.nWaiting}`);
    }
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const barrier = new Barrier(3);
  const ts = ["a", "b"].map((n) => asyncio.createTask(party(barrier, n)));
  yield* asyncio.sleep(1);
  yield* barrier.reset();
  const resetting = String(barrier).includes("resetting");
  console.log(`${now()} resetting=${show(resetting)} n_waiting=${barrier.nWaiting}`);
  const newcomer = asyncio.createTask(party(barrier, "newcomer"));
  yield* asyncio.gather(...ts);
  yield* asyncio.sleep(1);
  const filling = String(barrier).includes("filling");
  console.log(`${now()} n_waiting=${barrier.nWaiting} filling=${show(filling)}`);
  const y = asyncio.createTask(party(barrier, "y"));
  yield* asyncio.sleep(1);
  console.log(`${now()} n_waiting=${barrier.nWaiting}`);
  y.cancel();
  yield* asyncio.gather(y, { returnExceptions: true });
  console.log(`${now()} n_waiting=${barrier.nWaiting} broken=${show(barrier.broken)}`);
  yield* asyncio.gather(newcomer, party(barrier, "p"), party(barrier, "q"));
}

await asyncio.run(main(), { virtualTime: true });
