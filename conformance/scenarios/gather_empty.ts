// Pins: gather() with no arguments is an already-completed future whose
// result is [] (awaiting it does not yield).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  asyncio.getRunningLoop().callSoon(console.log, "callback");
  const g = asyncio.gather();
  console.log(`done=${show(g.done())}`);
  console.log(`result ${show(yield* g)}`);
  yield* asyncio.sleep(0);
  console.log("after sleep(0)");
}

await asyncio.run(main(), { virtualTime: true });
