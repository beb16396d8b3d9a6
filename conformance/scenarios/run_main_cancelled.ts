// Pins: a main task that ends cancelled makes run() raise CancelledError.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  asyncio.currentTask()!.cancel("main cancelled itself");
  yield* asyncio.sleep(1);
  console.log("not reached");
}

try {
  await asyncio.run(main(), { virtualTime: true });
} catch (e) {
  if (!(e instanceof asyncio.CancelledError)) throw e;
  console.log(`run raised ${describe(e)}`);
}
