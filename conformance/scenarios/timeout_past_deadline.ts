// Pins: a deadline already reached fires at the next loop iteration, through
// call_soon, never synchronously: callbacks scheduled before entering run
// first; a block that never awaits exits normally and is not expired; a
// block that awaits sleep(0) times out (test_timeout_zero_sleep_zero,
// test_timeout_in_the_past_sleep_zero, test_timeout_zero).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  let cm = asyncio.timeout(0);
  yield* asyncio.asyncWith(cm, function* () {
    console.log("no await in the block");
  });
  console.log(`no await: expired=${show(cm.expired())}`);

  loop.callSoon(console.log, "callback scheduled before entering");
  cm = asyncio.timeout(-5);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      loop.callSoon(console.log, "callback scheduled inside");
      console.log("block awaits sleep(0)");
      yield* asyncio.sleep(0);
      console.log("not reached");
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} ${describe(e)} expired=${show(cm.expired())} when=${show(cm.when())}`);
  }

  try {
    yield* asyncio.asyncWith(asyncio.timeout(0), function* () {
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} timeout(0) around sleep(10): ${describe(e)}`);
  }

  cm = asyncio.timeout(10);
  yield* asyncio.asyncWith(cm, function* () {
    yield* asyncio.sleep(1);
    cm.reschedule(loop.time() - 1);
    console.log(`${now()} rescheduled into the past`);
    try {
      yield* asyncio.sleep(0);
      // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log(`${now()} cancelled at the next iteration`);
    }
  });
  console.log(`expired=${show(cm.expired())}`);
}

await asyncio.run(main(), { virtualTime: true });
