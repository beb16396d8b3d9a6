// Twin of interrupt_at_shutdown.py.
import * as asyncio from "../../src/index.js";

function interrupt(): never {
  throw new asyncio.KeyboardInterrupt();
}

function* leftover(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("leftover cancelled");
    asyncio.getRunningLoop().callSoon(interrupt);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  asyncio.createTask(leftover());
  yield* asyncio.sleep(0);
  console.log("main returns");
}

await asyncio.run(main());
console.log("not reached");
