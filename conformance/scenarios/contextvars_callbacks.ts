// Pins: call_soon/call_later callbacks and done-callbacks run in a copy of
// the context current when they were scheduled/registered; a set() inside a
// callback does not leak; reset() restores the previous value.
import * as asyncio from "../../src/index.js";

const cvar = new asyncio.ContextVar<string>("var", { default: "default" });

function showVar(label: string): void {
  console.log(`${label} sees ${cvar.get()}`);
  cvar.set("set inside callback");
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const token = cvar.set("first");
  loop.callSoon(showVar, "call_soon");
  loop.callLater(1, showVar, "call_later");
  const fut = loop.createFuture();
  fut.addDoneCallback((_f) => showVar("done-callback"));
  cvar.set("second");
  fut.setResult(undefined);
  yield* asyncio.sleep(2);
  console.log(`main sees ${cvar.get()}`);
  cvar.reset(token);
  console.log(`after reset main sees ${cvar.get()}`);
}

await asyncio.run(main(), { virtualTime: true });
