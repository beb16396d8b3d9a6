// Pins: an exception raised by a call_soon/call_later callback goes to the
// loop's exception handler as "Exception in callback NAME()" and the loop
// keeps running. NAME is CPython's __qualname__, so the callbacks are
// module-level functions with the same one-word names in both twins. CPython
// 3.13 shows the arguments only in debug mode (explode(7, 'x') prints as
// "explode()") and appends " at FILE:LINE", which the trace helper drops.
import * as asyncio from "../../src/index.js";
import { now, report, startClock } from "./_trace.js";

function boom(): void {
  throw new asyncio.ValueError("from callback");
}

function explode(n: number, s: string): void {
  throw new asyncio.RuntimeError(`${s}${n}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  loop.setExceptionHandler(report);
  loop.callSoon(boom);
  loop.callSoon(console.log, "next callback still runs");
  loop.callLater(1, explode, 7, "x");
  yield* asyncio.sleep(2);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
