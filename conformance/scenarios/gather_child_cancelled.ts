// Pins: a child task cancelled from outside makes gather raise CancelledError
// (not cancel the gather itself: cancelled() stays False); the other child
// keeps running.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* job(name: string, delay: number): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(delay);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} ${name} cancelled`);
    throw e;
  }
  console.log(`${now()} ${name} done`);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const p = asyncio.createTask(job("p", 2));
  const q = asyncio.createTask(job("q", 5));
  const g = asyncio.gather(p, q);
  yield* asyncio.sleep(1);
  q.cancel("q only");
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} gather raised ${describe(e)}`);
  }
  console.log(
    `gather cancelled=${show(g.cancelled())} main cancelling=${asyncio.currentTask()!.cancelling()}`,
  );
  console.log(`p -> ${show(yield* p)}`);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
