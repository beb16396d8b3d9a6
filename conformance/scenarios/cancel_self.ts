// Pins: a task that cancels itself gets CancelledError at its next
// suspension point; a task that cancels itself and returns without awaiting
// ends cancelled anyway (the pending cancel wins over the return value).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* cancelsThenAwaits(): asyncio.Coroutine<void> {
  asyncio.currentTask()!.cancel("self");
  console.log("after self-cancel, still running");
  try {
    yield* asyncio.sleep(0);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`caught ${describe(e)} at the next await`);
    throw e;
  }
}

function* cancelsThenReturns(): asyncio.Coroutine<string> {
  asyncio.currentTask()!.cancel("self2");
  console.log("returning a value");
  return "value";
}

function* main(): asyncio.Coroutine<void> {
  for (const coro of [cancelsThenAwaits(), cancelsThenReturns()]) {
    const t = asyncio.createTask<unknown>(coro);
    try {
      console.log(`result ${show(yield* t)}`);
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log(`main caught ${describe(e)} cancelled=${show(t.cancelled())}`);
    }
  }
}

await asyncio.run(main(), { virtualTime: true });
