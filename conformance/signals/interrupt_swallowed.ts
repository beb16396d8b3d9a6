// Twin of interrupt_swallowed.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<string> {
  try {
    console.log("ready");
    yield* asyncio.sleep(3600);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("main returns");
  }
  return "done";
}

console.log(await asyncio.run(main()));
