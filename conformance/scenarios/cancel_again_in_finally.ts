// Pins: a task cancelled again while its finally block awaits gets a second
// CancelledError at that await (cancelling() is 2), which aborts the cleanup;
// the task ends cancelled.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* worker(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } finally {
    console.log(`${now()} cleanup starts`);
    try {
      // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- as its Python twin does, the scenario awaits in clean-up to pin how CPython runs it
      yield* asyncio.sleep(5);
      console.log("cleanup finished (never)");
    } catch (e) {
      if (e instanceof asyncio.CancelledError) {
        const me = asyncio.currentTask()!;
        console.log(`${now()} cleanup interrupted: ${describe(e)} cancelling=${me.cancelling()}`);
      }
      // biome-ignore lint/correctness/noUnsafeFinally: the Python twin re-raises inside finally
      throw e;
    }
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(worker());
  yield* asyncio.sleep(1);
  t.cancel("first");
  yield* asyncio.sleep(1);
  t.cancel("second");
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} main caught ${describe(e)} cancelled=${show(t.cancelled())}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
