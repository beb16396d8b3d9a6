// Pins: no "never retrieved" report for a failed task whose exception was
// awaited, fetched with exception() or result(), nor for a cancelled task.
import * as asyncio from "../../src/index.js";
import { describe, report } from "./_trace.js";

function* boom(name: string): asyncio.Coroutine<void> {
  throw new asyncio.ValueError(name);
}

function* sleeper(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(10);
}

function* main(): asyncio.Coroutine<void> {
  asyncio.getRunningLoop().setExceptionHandler(report);
  const t1 = asyncio.createTask(boom("awaited"));
  const t2 = asyncio.createTask(boom("exception()"));
  const t3 = asyncio.createTask(boom("result()"));
  const t4 = asyncio.createTask(sleeper());
  try {
    yield* t1;
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`awaited: ${describe(e)}`);
  }
  console.log(`exception(): ${describe(t2.exception())}`);
  try {
    t3.result();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`result(): ${describe(e)}`);
  }
  t4.cancel();
  yield* asyncio.sleep(0);
  // Python: `del t1, t2, t3, t4; gc.collect()` flushes any finaliser report.
  console.log("dropped all references, nothing reported");
}

await asyncio.run(main(), { virtualTime: true });
