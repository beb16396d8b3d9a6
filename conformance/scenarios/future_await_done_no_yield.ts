// Pins: awaiting a coroutine or an already-done future does not yield to the
// loop (a call_soon callback scheduled before still has not run), while
// sleep(0) yields exactly one iteration.
import * as asyncio from "../../src/index.js";

function* noop(): asyncio.Coroutine<number> {
  return 1;
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.callSoon(console.log, "callback");
  let r = yield* noop();
  console.log(`awaited coroutine -> ${r}`);
  const done = loop.createFuture<number>();
  done.setResult(2);
  r = yield* done;
  console.log(`awaited done future -> ${r}`);
  yield* asyncio.sleep(0);
  console.log("after sleep(0)");
}

await asyncio.run(main(), { virtualTime: true });
