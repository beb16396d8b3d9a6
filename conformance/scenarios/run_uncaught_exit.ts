// expect-exit: 1
// allow-stderr
// Pins: an exception escaping run() at top level ends the process with exit
// status 1 (after printing everything up to it).
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  console.log("main starts");
  yield* asyncio.sleep(1);
  throw new asyncio.RuntimeError("fatal");
}

await asyncio.run(main(), { virtualTime: true });
console.log("not reached");
