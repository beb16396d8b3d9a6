// Pins: one Runner runs several coroutines on the same loop: the clock keeps
// going, a context variable set in one run() is visible in the next, and a
// task left pending by the first run keeps running during the second; close()
// cancels what is left.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

const cvar = new asyncio.ContextVar<string>("var", { default: "unset" });

function* background(): asyncio.Coroutine<void> {
  try {
    while (true) {
      yield* asyncio.sleep(1);
      console.log(`${now()} background tick`);
    }
  } catch (e) {
    if (e instanceof asyncio.CancelledError)
      console.log(`${now()} background cancelled: ${describe(e)}`);
    throw e;
  }
}

function* first(): asyncio.Coroutine<string> {
  startClock();
  cvar.set("set in first");
  asyncio.createTask(background());
  yield* asyncio.sleep(1.5);
  return "first done";
}

function* second(): asyncio.Coroutine<string> {
  console.log(`${now()} second sees var=${cvar.get()}`);
  yield* asyncio.sleep(2);
  console.log(`${now()} second ends`);
  return "second done";
}

const runner = new asyncio.Runner({ virtualTime: true });
try {
  console.log(await runner.run(first()));
  console.log(await runner.run(second()));
} finally {
  await runner.close();
}
console.log("runner closed");
