// Pins: when the awaited task is cancelled from outside, the awaiting task
// gets CancelledError although nobody cancelled it (its cancelling() is 0);
// it can catch it and carry on, and then it is not cancelled.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* inner(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(10);
}

function* outer(t: asyncio.Task<void>): asyncio.Coroutine<string> {
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    const me = asyncio.currentTask()!;
    console.log(`outer caught ${describe(e)} cancelling=${me.cancelling()}`);
  }
  yield* asyncio.sleep(1);
  return "outer carried on";
}

function* main(): asyncio.Coroutine<void> {
  const i = asyncio.createTask(inner());
  const o = asyncio.createTask(outer(i));
  yield* asyncio.sleep(0);
  i.cancel("inner only");
  console.log(`await outer -> ${show(yield* o)}`);
  console.log(`inner cancelled=${show(i.cancelled())} outer cancelled=${show(o.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
