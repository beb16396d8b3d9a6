// Pins: virtual time: an hour-long sleep and a two-day timer (longer than
// CPython's 24 h select cap) finish at once with loop.time() advanced exactly.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  yield* asyncio.sleep(3600);
  console.log(`${now()} slept an hour`);
  const fut = loop.createFuture<string>();
  loop.callLater(2 * 86400, (v: string) => fut.setResult(v), "two days");
  const value = yield* fut;
  console.log(`${now()} ${value}`);
  yield* asyncio.sleep(0.25);
  console.log(`${now()} quarter second later`);
}

await asyncio.run(main(), { virtualTime: true });
