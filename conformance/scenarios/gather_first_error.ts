// Pins: without return_exceptions, the first child error is raised from
// gather at once; the other children are not cancelled and keep running to
// completion.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* job(name: string, delay: number, fail = false): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(delay);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} ${name} cancelled`);
    throw e;
  }
  if (fail) {
    console.log(`${now()} ${name} raises`);
    throw new asyncio.ValueError(name);
  }
  console.log(`${now()} ${name} done`);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.gather(job("a", 3), job("b", 1, true), job("c", 2));
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} gather raised ${describe(e)}`);
  }
  yield* asyncio.sleep(5);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
