// Pins: cancelling a sleeping task wakes it at the time of the cancel, not at
// the end of its sleep; the CancelledError arrives at its await.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* sleeper(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
    console.log("never");
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} sleeper caught ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(sleeper());
  yield* asyncio.sleep(1);
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} main caught ${describe(e)}`);
  }
  yield* asyncio.sleep(20);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
