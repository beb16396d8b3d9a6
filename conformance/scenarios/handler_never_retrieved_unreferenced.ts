// divergence: JavaScript cannot observe the moment the last reference to a Task goes, so
// asyncio-ts reports an unretrieved exception when the loop closes (or when the garbage
// collector frees the Task): the same report, later. fixtures/NAME.asyncio-ts.txt holds it.
// Pins: a fire-and-forget task (no reference kept) that fails is reported as
// "Task exception was never retrieved" by CPython right after its failing
// step, before the next callback of the same iteration runs (its Handle was
// the last reference, dropped when _run_once takes the next one).
import * as asyncio from "../../src/index.js";
import { report } from "./_trace.js";

function* boom(): asyncio.Coroutine<void> {
  console.log("boom raises");
  throw new asyncio.ValueError("nobody listens");
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.setExceptionHandler(report);
  loop.callSoon(console.log, "callback queued before the task");
  asyncio.createTask(boom());
  loop.callSoon(console.log, "callback queued after the task");
  yield* asyncio.sleep(0);
  console.log("main resumed");
}

await asyncio.run(main(), { virtualTime: true });
