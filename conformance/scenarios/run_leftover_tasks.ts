// Pins: when main returns, run() cancels the tasks still pending, in creation
// order, lets their except/finally blocks run (including awaits), then
// returns main's result; a task that finished normally is untouched.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* leftover(name: string, cleanup: number): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(100);
  } catch (e) {
    if (e instanceof asyncio.CancelledError)
      console.log(`${now()} ${name} cancelled: ${describe(e)}`);
    throw e;
  } finally {
    if (cleanup) {
      // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- as its Python twin does, the scenario awaits in clean-up to pin how CPython runs it
      yield* asyncio.sleep(cleanup);
    }
    console.log(`${now()} ${name} finally`);
  }
}

function* main(): asyncio.Coroutine<string> {
  startClock();
  for (const [name, cleanup] of [
    ["L1", 0],
    ["L2", 2],
    ["L3", 1],
  ] as const) {
    asyncio.createTask(leftover(name, cleanup));
  }
  asyncio.createTask(asyncio.sleep(0.5));
  yield* asyncio.sleep(1);
  console.log(`${now()} main returns`);
  return "main result";
}

console.log(`run returned ${show(await asyncio.run(main(), { virtualTime: true }))}`);
