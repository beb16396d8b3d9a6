// Pins: loop.stop() inside a callback lets the rest of the current batch run;
// callbacks scheduled by that batch run on the next run_forever(); stop()
// before run_forever() runs exactly one iteration.
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

async function main(): Promise<void> {
  const loop = new asyncio.EventLoop({ virtualTime: true });

  function a(): void {
    console.log("a, schedules b, stops");
    loop.callSoon(b);
    loop.stop();
  }

  function a2(): void {
    console.log("a2");
  }

  function b(): void {
    console.log("b");
  }

  function c(): void {
    console.log("c");
  }

  loop.callSoon(a);
  loop.callSoon(a2);
  await loop.runForever();
  console.log("first run_forever returned");
  loop.callSoon(c);
  loop.stop();
  await loop.runForever();
  console.log("second run_forever returned");
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  console.log("third run_forever returned");
  loop.close();
  console.log(`closed=${show(loop.isClosed())}`);
}

await main();
