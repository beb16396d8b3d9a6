// Pins: cancelling a task that waits on a future cancels that future at once
// (same call), and the task receives CancelledError(msg) in the next
// iteration at its await.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture();

  function* waiter(): asyncio.Coroutine<void> {
    try {
      yield* fut;
    } catch (e) {
      if (e instanceof asyncio.CancelledError) console.log(`waiter caught ${describe(e)}`);
      throw e;
    }
  }

  const t = asyncio.createTask(waiter());
  yield* asyncio.sleep(0);
  console.log(`cancel -> ${show(t.cancel("stop"))}`);
  console.log(`future cancelled=${show(fut.cancelled())} task done=${show(t.done())}`);
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main caught ${describe(e)}`);
  }
  console.log(`task cancelled=${show(t.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
