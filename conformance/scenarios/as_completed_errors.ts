// Pins: an exception of a child is raised by the await of the as_completed
// item that corresponds to its completion; iteration can continue and the
// others still arrive in completion order.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* job(name: string, delay: number, fail = false): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  if (fail) {
    throw new asyncio.ValueError(name);
  }
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  for (const aw of asyncio.asCompleted([job("a", 3), job("b", 1, true), job("c", 2)])) {
    try {
      const value = yield* aw;
      console.log(`${now()} got ${value}`);
    } catch (e) {
      if (!(e instanceof asyncio.ValueError)) throw e;
      console.log(`${now()} raised ${describe(e)}`);
    }
  }
}

await asyncio.run(main(), { virtualTime: true });
