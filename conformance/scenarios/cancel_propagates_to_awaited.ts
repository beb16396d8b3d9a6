// Pins: cancelling a task that awaits another task cancels the awaited task
// too (cancel goes to the future being waited on); the inner task sees the
// message, and the outer task re-raises the inner's CancelledError with it.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* inner(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`inner caught ${describe(e)}`);
    throw e;
  }
}

function* outer(t: asyncio.Task<void>): asyncio.Coroutine<void> {
  try {
    yield* t;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`outer caught ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  const i = asyncio.createTask(inner());
  const o = asyncio.createTask(outer(i));
  yield* asyncio.sleep(0);
  o.cancel("from main");
  console.log(`inner cancelling=${i.cancelling()} outer cancelling=${o.cancelling()}`);
  try {
    yield* o;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main caught ${describe(e)}`);
  }
  console.log(`inner cancelled=${show(i.cancelled())} outer cancelled=${show(o.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
