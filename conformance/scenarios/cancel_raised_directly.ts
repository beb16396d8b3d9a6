// Pins: a coroutine that raises CancelledError itself (nobody called
// cancel()) ends its task cancelled, cancelling() stays 0, and the first
// await re-raises that same error with its message. Quirk: the task hands out
// its stored CancelledError only once (Future._make_cancelled_error clears
// it), so a later result() raises a fresh CancelledError with no message.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* givesUp(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(1);
  throw new asyncio.CancelledError("gave up");
}

function* main(): asyncio.Coroutine<void> {
  const t = asyncio.createTask(givesUp());
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await raised ${describe(e)}`);
  }
  console.log(`cancelled=${show(t.cancelled())} cancelling=${t.cancelling()}`);
  try {
    t.result();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`result() raised ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
