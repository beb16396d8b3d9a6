// Pins: after gather propagated its first error, later child errors are
// marked retrieved: the exception handler reports nothing for them.
import * as asyncio from "../../src/index.js";
import { describe, now, report, startClock } from "./_trace.js";

function* fail(name: string, delay: number): asyncio.Coroutine<void> {
  yield* asyncio.sleep(delay);
  console.log(`${now()} ${name} raises`);
  throw new asyncio.ValueError(name);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  asyncio.getRunningLoop().setExceptionHandler(report);
  try {
    yield* asyncio.gather(fail("first", 1), fail("second", 2), fail("third", 3));
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} gather raised ${describe(e)}`);
  }
  yield* asyncio.sleep(5);
  // gc.collect() in the Python twin: flushes any finaliser report (no-op here)
  console.log(`${now()} main done, nothing reported`);
}

await asyncio.run(main(), { virtualTime: true });
