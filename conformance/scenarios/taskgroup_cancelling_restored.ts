// Pins: after a TaskGroup aborted because a child failed, the parent's
// cancelling() is back to its value at entry and the parent keeps running
// normally: later awaits are not cancelled.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* fail(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError("x");
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const me = asyncio.currentTask()!;
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(fail());
      yield* asyncio.sleep(5);
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} caught group, cancelling=${me.cancelling()}`);
  }
  yield* asyncio.sleep(1);
  console.log(`${now()} slept normally after the group`);
}

await asyncio.run(main(), { virtualTime: true });
