// Pins: set_result never runs done-callbacks synchronously; each callback is
// call_soon-ed in registration order; a callback added to a done future is
// call_soon-ed at once (after those already scheduled); callbacks get the future.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<number>();

  function cb(name: string) {
    return (f: asyncio.Future<number>) => console.log(`${name} sees result ${f.result()}`);
  }

  fut.addDoneCallback(cb("cb1"));
  fut.addDoneCallback(cb("cb2"));
  loop.callSoon(console.log, "soon before set_result");
  fut.setResult(7);
  console.log("after set_result");
  fut.addDoneCallback(cb("cb3-late"));
  loop.callSoon(console.log, "soon after late callback");
  yield* asyncio.sleep(0);
  console.log("main resumed");
}

await asyncio.run(main(), { virtualTime: true });
