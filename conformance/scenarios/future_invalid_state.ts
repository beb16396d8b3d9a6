// Pins: Future state errors: result()/exception() on a pending future raise
// InvalidStateError (CPython's C Future says "Result is not set." and
// "Exception is not set."); set_result/set_exception on a done future raise
// InvalidStateError("invalid state"); cancel() on a done future returns False.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();
  console.log(`done=${show(fut.done())} cancelled=${show(fut.cancelled())}`);
  try {
    fut.result();
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    console.log(describe(e));
  }
  try {
    fut.exception();
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    console.log(describe(e));
  }
  fut.setResult("ok");
  console.log(
    `done=${show(fut.done())} result=${show(fut.result())} exception=${show(fut.exception())}`,
  );
  try {
    fut.setResult("again");
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    console.log(describe(e));
  }
  try {
    fut.setException(new asyncio.ValueError("late"));
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    console.log(describe(e));
  }
  console.log(`cancel -> ${show(fut.cancel())}`);
}

await asyncio.run(main(), { virtualTime: true });
