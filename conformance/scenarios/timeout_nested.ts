// Pins: nested timeouts convert only their own expiry. With equal deadlines
// the inner one sees its block cancelled but re-raises CancelledError and
// only the outermost raises TimeoutError (test_nested_timeouts). A shorter
// inner timeout raises TimeoutError inside the outer block, which goes on
// until its own deadline (test_nested_timeouts_loop_busy).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const deadline = loop.time() + 1;
  const cm1 = asyncio.timeoutAt(deadline);
  const cm2 = asyncio.timeoutAt(deadline);
  try {
    yield* asyncio.asyncWith(cm1, function* () {
      try {
        yield* asyncio.asyncWith(cm2, function* () {
          yield* asyncio.sleep(10);
        });
      } catch (e) {
        if (e instanceof asyncio.CancelledError) {
          console.log(`${now()} inner block left with ${describe(e)}`);
        }
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} outer raised ${describe(e)}`);
  }
  console.log(`cm1 expired=${show(cm1.expired())} cm2 expired=${show(cm2.expired())}`);

  const outer = asyncio.timeout(5);
  let inner: asyncio.Timeout | undefined;
  try {
    yield* asyncio.asyncWith(outer, function* () {
      try {
        inner = asyncio.timeout(1);
        yield* asyncio.asyncWith(inner, function* () {
          yield* asyncio.sleep(10);
        });
      } catch (e) {
        if (!(e instanceof asyncio.TimeoutError)) throw e;
        console.log(`${now()} inner raised ${describe(e)}`);
      }
      console.log(`${now()} outer block goes on, outer expired=${show(outer.expired())}`);
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} outer raised ${describe(e)}`);
  }
  console.log(`inner expired=${show(inner!.expired())} outer expired=${show(outer.expired())}`);
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
