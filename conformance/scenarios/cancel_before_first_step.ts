// Pins: cancelling a task before its first step: the body never runs,
// cancel() returns True, cancelled() only becomes True once the task has
// actually been stepped, and awaiting it raises CancelledError with the message.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* body(): asyncio.Coroutine<void> {
  console.log("body ran");
}

function* main(): asyncio.Coroutine<void> {
  const t = asyncio.createTask(body());
  console.log(`cancel -> ${show(t.cancel("early"))}`);
  console.log(
    `cancelled=${show(t.cancelled())} done=${show(t.done())} cancelling=${t.cancelling()}`,
  );
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await raised ${describe(e)}`);
  }
  console.log(`cancelled=${show(t.cancelled())} done=${show(t.done())}`);
}

await asyncio.run(main(), { virtualTime: true });
