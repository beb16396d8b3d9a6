// Pins: an exception escaping main propagates out of run() (after shutdown
// has cancelled the leftover tasks).
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* leftover(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(100);
  } finally {
    console.log("leftover finally");
  }
}

function* main(): asyncio.Coroutine<void> {
  asyncio.createTask(leftover());
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError("main failed");
}

try {
  await asyncio.run(main(), { virtualTime: true });
} catch (e) {
  if (!(e instanceof asyncio.ValueError)) throw e;
  console.log(`run raised ${describe(e)}`);
}
