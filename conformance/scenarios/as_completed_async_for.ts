// Pins: (3.13+) async iteration over as_completed yields the original tasks
// and futures themselves, in completion order; coroutines come back as the
// tasks created for them.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* job(name: string, delay: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const t1 = asyncio.createTask(job("t1", 2));
  const t2 = asyncio.createTask(job("t2", 1));
  const fut = loop.createFuture<string>();
  loop.callLater(1.5, (v: string) => fut.setResult(v), "fut");
  // Python: `async for done in asyncio.as_completed([...]):`
  yield* asyncio.asyncFor(asyncio.asCompleted([t1, t2, fut, job("coro", 0.5)]), function* (done) {
    let kind: string;
    if (done === t1 || done === t2) {
      kind = "original task";
    } else if (done === fut) {
      kind = "original future";
    } else {
      kind = `new task ${(done as asyncio.Task<string>).getName()}`;
    }
    console.log(`${now()} ${kind} -> ${show(done.result())}`);
  });
}

await asyncio.run(main(), { virtualTime: true });
