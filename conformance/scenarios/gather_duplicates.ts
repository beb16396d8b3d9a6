// Pins: gather wraps a repeated awaitable once: the same coroutine object or
// task given twice runs once and fills both result slots.
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

let runs = 0;

function* counted(name: string): asyncio.Coroutine<string> {
  runs += 1;
  yield* asyncio.sleep(1);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  const c = counted("coro");
  const t = asyncio.createTask(counted("task"));
  const results = yield* asyncio.gather(c, t, c, t, counted("other"));
  console.log(`results ${show(results)} runs=${runs}`);
}

await asyncio.run(main(), { virtualTime: true });
