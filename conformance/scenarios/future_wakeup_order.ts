// Pins: a task waiting on a future resumes in the slot that set_result
// scheduled, so before a callback call_soon-ed right after set_result, and
// after one call_soon-ed right before it.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();

  function* waiter(): asyncio.Coroutine<void> {
    console.log("waiter waits");
    const value = yield* fut;
    console.log(`waiter resumed with ${value}`);
  }

  asyncio.createTask(waiter());
  yield* asyncio.sleep(0);
  loop.callSoon(console.log, "callback before set_result");
  fut.setResult("v");
  loop.callSoon(console.log, "callback after set_result");
  yield* asyncio.sleep(0);
  console.log("main resumed");
}

await asyncio.run(main(), { virtualTime: true });
