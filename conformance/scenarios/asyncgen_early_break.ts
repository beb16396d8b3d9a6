// Pins: leaving `async for` early (break) does not close the async generator:
// it stays suspended at its yield until the loop shuts down, when
// shutdown_asyncgens() (after the leftover tasks are cancelled) throws
// GeneratorExit in at that yield; its finally block may await. A generator
// that ran to its end has nothing left to close.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

const kept: unknown[] = [];

function ticker(n: number) {
  return asyncio.asyncGenerator(function* ticker(emit) {
    try {
      for (let i = 0; i < n; i++) {
        console.log(`${now()} ticker yields ${i}`);
        yield* emit(i);
        yield* asyncio.sleep(1);
      }
    } catch (e) {
      console.log(`${now()} ticker got ${describe(e)}`);
      throw e;
    } finally {
      yield* asyncio.sleep(0);
      console.log(`${now()} ticker finally`);
    }
  });
}

function* leftover(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } finally {
    console.log(`${now()} leftover cancelled`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  asyncio.createTask(leftover());
  const agen = ticker(5);
  kept.push(agen);
  yield* asyncio.asyncFor(agen, function* (i) {
    console.log(`${now()} main got ${i}`);
    if (i === 1) return false;
  });
  console.log(`${now()} main after break`);
  const done = ticker(1);
  kept.push(done);
  yield* asyncio.asyncFor(done, function* (i) {
    console.log(`${now()} main got ${i} from the short one`);
  });
  yield* asyncio.sleep(2);
  console.log(`${now()} main ends`);
}

await asyncio.run(main(), { virtualTime: true });
console.log("after run");
