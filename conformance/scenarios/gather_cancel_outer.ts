// Pins: cancelling the gather future cancels every child with the message;
// cancel() returns True but the gather is not done until the children
// finish; then awaiting it raises CancelledError(msg) even with
// return_exceptions=True, and cancelled() is False while exception() returns
// the CancelledError.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* job(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(1);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${name} cancelled with ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  const g = asyncio.gather(job("x"), job("y"), { returnExceptions: true });
  yield* asyncio.sleep(0);
  console.log(`cancel -> ${show(g.cancel("stop"))} done=${show(g.done())}`);
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await gather raised ${describe(e)}`);
  }
  console.log(`cancelled=${show(g.cancelled())} exception=${describe(g.exception())}`);
  console.log(`cancel again -> ${show(g.cancel())}`);
}

await asyncio.run(main(), { virtualTime: true });
