// Pins: timeout(None) and timeout_at(None) never fire; when() is None;
// reschedule() can later give such a Timeout a deadline
// (test_timeout_disabled, test_timeout_at_disabled, test_repr_disabled).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  let cm = asyncio.timeout(undefined);
  yield* asyncio.asyncWith(cm, function* (cm) {
    console.log(`repr ${cm}`);
    yield* asyncio.sleep(100);
  });
  console.log(`${now()} timeout(None) expired=${show(cm.expired())} when=${show(cm.when())}`);
  cm = asyncio.timeoutAt(undefined);
  yield* asyncio.asyncWith(cm, function* () {
    yield* asyncio.sleep(100);
  });
  console.log(`${now()} timeout_at(None) expired=${show(cm.expired())} when=${show(cm.when())}`);
  try {
    yield* asyncio.asyncWith(asyncio.timeout(undefined), function* (cm) {
      yield* asyncio.sleep(1);
      cm.reschedule(loop.time() + 1);
      yield* asyncio.sleep(100);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} ${describe(e)} after reschedule`);
  }
}

await asyncio.run(main(), { virtualTime: true });
