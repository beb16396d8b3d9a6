// Pins: a body that swallows the timeout's CancelledError ends normally:
// no TimeoutError, expired() True, cancelling() back to 0, repr states
// (test_repr_active, test_repr_expired, test_repr_finished); a whole-number
// deadline prints as a float (when=3.0).
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  let cm = asyncio.timeout(1.25);
  yield* asyncio.asyncWith(cm, function* (cm) {
    console.log(`repr ${cm}`);
    try {
      yield* asyncio.sleep(10);
      // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log(`${now()} swallowed, repr ${cm}`);
    }
    yield* asyncio.sleep(1);
    console.log(`${now()} block goes on`);
  });
  console.log(`${now()} no error, expired=${show(cm.expired())} repr ${cm}`);
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
  cm = asyncio.timeout(10);
  yield* asyncio.asyncWith(cm, function* (cm) {
    console.log(`repr ${cm}`);
    yield* asyncio.sleep(0);
  });
  console.log(`repr ${cm}`);
  yield* asyncio.asyncWith(asyncio.timeout(0.75), function* (cm) {
    console.log(`${now()} repr ${cm}`);
  });
}

await asyncio.run(main(), { virtualTime: true });
