// Pins: plain iteration over as_completed yields awaitables; the i-th one
// awaited gives the result of the i-th child to complete, so results come in
// completion order; a repeated argument is watched once.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* job(name: string, delay: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(job("task", 2.5));
  const results: string[] = [];
  for (const aw of asyncio.asCompleted([job("slow", 3), job("fast", 1), t, job("mid", 2), t])) {
    const value = yield* aw;
    console.log(`${now()} got ${value}`);
    results.push(value);
  }
  console.log(`${now()} ${show(results)}`);
}

await asyncio.run(main(), { virtualTime: true });
