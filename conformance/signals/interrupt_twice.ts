// Twin of interrupt_twice.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  try {
    try {
      console.log("ready");
      yield* asyncio.sleep(3600);
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log("swallowed CancelledError");
      asyncio.currentTask()!.uncancel();
    }
    console.log("ready again");
    yield* asyncio.sleep(3600);
  } finally {
    console.log("finally");
  }
}

await asyncio.run(main());
