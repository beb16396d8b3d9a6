// Pins: gather returns results in argument order whatever the completion
// order; children given as coroutines start in argument order.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* job(name: string, delay: number): asyncio.Coroutine<string> {
  console.log(`${now()} ${name} starts`);
  yield* asyncio.sleep(delay);
  console.log(`${now()} ${name} finishes`);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const results = yield* asyncio.gather(job("slow", 3), job("fast", 1), job("mid", 2));
  console.log(`${now()} results ${show(results)}`);
}

await asyncio.run(main(), { virtualTime: true });
