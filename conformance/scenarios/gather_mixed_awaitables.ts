// Pins: gather accepts futures, tasks and coroutines together; a future
// resolved later by a callback and an already-done future both work; results
// stay in argument order.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* coro(): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1);
  return "coro";
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const later = loop.createFuture<string>();
  loop.callLater(2, (v: string) => later.setResult(v), "future");
  const done = loop.createFuture<string>();
  done.setResult("done-future");
  const task = asyncio.createTask(coro());
  const results = yield* asyncio.gather(later, coro(), done, task);
  console.log(`${now()} ${show(results)}`);
}

await asyncio.run(main(), { virtualTime: true });
