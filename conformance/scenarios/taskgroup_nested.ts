// Pins: a failing inner TaskGroup (run as a child of the outer group) raises
// its ExceptionGroup, which the outer group collects as one nested member
// next to its own children's errors.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* fail(delay: number, exc: Error): asyncio.Coroutine<void> {
  yield* asyncio.sleep(delay);
  throw exc;
}

function* innerGroup(): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    tg.createTask(fail(1, new asyncio.ValueError("inner")));
    tg.createTask(fail(1, new TypeError("inner2")));
  });
}

function* sleeper(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} outer sibling cancelled`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(innerGroup());
      tg.createTask(sleeper());
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
