// Pins: Python 3.13's uncancel fixes: after a swallowed cancellation, a
// timeout in cleanup still converts its expiry into TimeoutError
// (test_timeout_after_cancellation); a new cancel() inside that timeout
// stays a CancelledError (test_cancel_in_timeout_after_cancellation).
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const task = asyncio.currentTask()!;
  try {
    task.cancel();
    yield* asyncio.sleep(1);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} first cancellation swallowed, cancelling=${task.cancelling()}`);
  }
  try {
    yield* asyncio.asyncWith(asyncio.timeout(0.5), function* () {
      yield* asyncio.sleep(1);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} cleanup timed out: ${describe(e)} cancelling=${task.cancelling()}`);
  }
  try {
    yield* asyncio.asyncWith(asyncio.timeout(1.0), function* () {
      task.cancel();
      yield* asyncio.sleep(2);
    });
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(
      `${now()} cancel inside the timeout: ${describe(e)} cancelling=${task.cancelling()}`,
    );
  }
}

await asyncio.run(main(), { virtualTime: true });
