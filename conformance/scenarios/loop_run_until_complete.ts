// Pins: run_until_complete on a hand-made loop returns the coroutine's result,
// raises its exception, and "Event loop stopped before Future completed." when
// the loop is stopped first; loop.time() persists across runs.
import * as asyncio from "../../src/index.js";
import { describe, fmtTime, show } from "./_trace.js";

function* work(x: number): asyncio.Coroutine<number> {
  yield* asyncio.sleep(1);
  return x * 2;
}

function* fail(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError("failed");
}

async function main(): Promise<void> {
  const loop = new asyncio.EventLoop({ virtualTime: true });
  const start = loop.time();
  console.log(`result ${await loop.runUntilComplete(work(21))}`);
  console.log(`time ${fmtTime(loop.time() - start)}`);
  try {
    await loop.runUntilComplete(fail());
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(describe(e));
  }
  console.log(`time ${fmtTime(loop.time() - start)}`);
  loop.callSoon(() => loop.stop());
  const fut = loop.createFuture();
  try {
    await loop.runUntilComplete(fut);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(describe(e));
  }
  loop.close();
  console.log(`closed=${show(loop.isClosed())}`);
}

await main();
