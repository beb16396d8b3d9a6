// Pins: remove_done_callback removes every registration of that callback and
// returns how many it removed; the remaining callbacks keep their order.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture();

  function a(_f: asyncio.Future): void {
    console.log("a");
  }

  function b(_f: asyncio.Future): void {
    console.log("b");
  }

  fut.addDoneCallback(a);
  fut.addDoneCallback(b);
  fut.addDoneCallback(a);
  fut.addDoneCallback(b);
  console.log(`removed a: ${fut.removeDoneCallback(a)}`);
  console.log(`removed a again: ${fut.removeDoneCallback(a)}`);
  fut.addDoneCallback(a);
  fut.setResult(undefined);
  yield* asyncio.sleep(0);
  console.log("main resumed");
}

await asyncio.run(main(), { virtualTime: true });
