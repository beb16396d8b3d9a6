// divergence: JavaScript cannot observe the moment the last reference to a Task goes, so
// asyncio-ts reports an unretrieved exception when the loop closes (or when the garbage
// collector frees the Task): the same report, later. fixtures/NAME.asyncio-ts.txt holds it.
// Pins: "Task exception was never retrieved" is reported through the
// exception handler when a failed task whose exception nobody looked at is
// destroyed. In CPython that is the moment the last reference goes: here the
// `del t` (the gc.collect() only guards against cycles), so the report comes
// between the two prints. asyncio-ts has no such moment: see the .ts twin.
import * as asyncio from "../../src/index.js";
import { report, show } from "./_trace.js";

function* boom(): asyncio.Coroutine<void> {
  throw new asyncio.ValueError("lost");
}

function* main(): asyncio.Coroutine<void> {
  asyncio.getRunningLoop().setExceptionHandler(report);
  let t: asyncio.Task<void> | undefined = asyncio.createTask(boom());
  yield* asyncio.sleep(0);
  console.log(`task done=${show(t.done())}, dropping the last reference`);
  t = undefined;
  // Python: `del t; gc.collect()`; CPython reports "never retrieved" here.
  // JavaScript cannot observe the last reference going away synchronously.
  console.log("after dropping the reference");
}

await asyncio.run(main(), { virtualTime: true });
