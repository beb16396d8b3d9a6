// Twin of sigterm_wait.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  const stop = new asyncio.Event();
  asyncio.getRunningLoop().addSignalHandler("SIGTERM", () => stop.set());
  console.log("ready");
  yield* stop.wait();
  console.log("got SIGTERM");
}

await asyncio.run(main());
