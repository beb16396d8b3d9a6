// Pins: a leftover task that raises (instead of ending cancelled) while run()
// shuts down is reported to the exception handler as "unhandled exception
// during asyncio.run() shutdown"; run() still returns main's result.
import * as asyncio from "../../src/index.js";
import { report, show } from "./_trace.js";

function* badCleanup(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(100);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("bad_cleanup raises during cancellation");
    throw new asyncio.ValueError("cleanup failed");
  }
}

function* main(): asyncio.Coroutine<string> {
  asyncio.getRunningLoop().setExceptionHandler(report);
  asyncio.createTask(badCleanup());
  yield* asyncio.sleep(0);
  return "done";
}

console.log(`run returned ${show(await asyncio.run(main(), { virtualTime: true }))}`);
