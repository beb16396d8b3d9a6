// Pins: calling run() while a loop is running raises RuntimeError at once.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* sub(): asyncio.Coroutine<void> {
  console.log("sub never runs");
}

function* main(): asyncio.Coroutine<string> {
  const coro = sub();
  try {
    // Python raises at the call; run() must throw synchronously here too
    // (a rejected Promise would surface as an unhandled rejection).
    void asyncio.run(coro, { virtualTime: true });
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(describe(e));
  }
  coro.return(undefined);
  return "main ok";
}

console.log(await asyncio.run(main(), { virtualTime: true }));
