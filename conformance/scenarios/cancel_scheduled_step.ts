// Pins: cancelling a task whose next step is already scheduled (it yielded
// with sleep(0)) throws CancelledError into it at that sleep(0): the code
// after it never runs.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* busy(): asyncio.Coroutine<void> {
  console.log("busy step 1");
  try {
    yield* asyncio.sleep(0);
    console.log("busy step 2 (never)");
  } catch (e) {
    if (e instanceof asyncio.CancelledError)
      console.log(`busy caught ${describe(e)} at its sleep(0)`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  const t = asyncio.createTask(busy());
  yield* asyncio.sleep(0);
  console.log(`cancel -> ${show(t.cancel("now"))}`);
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main caught ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
