// Pins: Future.cancel(msg) returns True once, then False; cancelled() and
// done() become True at once; result(), exception() and await raise
// CancelledError carrying the message; done-callbacks still run.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture();
  fut.addDoneCallback((f) => console.log(`callback cancelled=${show(f.cancelled())}`));
  console.log(`cancel -> ${show(fut.cancel("why"))}`);
  console.log(`cancel again -> ${show(fut.cancel("other"))}`);
  console.log(`done=${show(fut.done())} cancelled=${show(fut.cancelled())}`);
  try {
    fut.result();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`result: ${describe(e)}`);
  }
  try {
    fut.exception();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`exception: ${describe(e)}`);
  }
  try {
    yield* fut;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await: ${describe(e)}`);
  }
  const plain = loop.createFuture();
  plain.cancel();
  try {
    yield* plain;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await without message: ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
