// Pins: reschedule() moves the deadline while the block runs: later, earlier,
// to None (no deadline) and back; when() follows; the timer fires at the
// last deadline set; rescheduling from another task works
// (test_reschedule).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const cm = asyncio.timeout(1);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      cm.reschedule(loop.time() + 3);
      console.log(`${now()} moved later, when=${show(cm.when())}`);
      yield* asyncio.sleep(2);
      console.log(`${now()} still running`);
      cm.reschedule(undefined);
      console.log(`${now()} disabled, when=${show(cm.when())}`);
      yield* asyncio.sleep(5);
      console.log(`${now()} still running after the old deadline`);
      cm.reschedule(loop.time() + 0.5);
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} ${describe(e)} when=${show(cm.when())}`);
  }

  const started = loop.createFuture<asyncio.Timeout>();

  function* worker(): asyncio.Coroutine<void> {
    try {
      const cm = asyncio.timeout(10);
      yield* asyncio.asyncWith(cm, function* () {
        started.setResult(cm);
        yield* asyncio.sleep(50);
      });
    } catch (e) {
      if (!(e instanceof asyncio.TimeoutError)) throw e;
      console.log(`${now()} worker timed out`);
    }
  }

  const t = asyncio.createTask(worker());
  const cm2 = yield* started;
  cm2.reschedule(loop.time() + 2);
  yield* t;
  console.log(`${now()} worker expired=${show(cm2.expired())}`);
}

await asyncio.run(main(), { virtualTime: true });
