// Pins: the first failing child cancels its siblings and interrupts the body
// at its await (CancelledError in the body, not added to the group); the group
// raises ExceptionGroup with just the child's error; the parent's cancelling()
// is back to 0 afterwards.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* sleeper(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} ${name} cancelled`);
    throw e;
  }
}

function* fail(delay: number): asyncio.Coroutine<void> {
  yield* asyncio.sleep(delay);
  console.log(`${now()} fail raises`);
  throw new asyncio.ValueError("child failed");
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(sleeper("s1"));
      tg.createTask(fail(1));
      tg.createTask(sleeper("s2"));
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        if (e instanceof asyncio.CancelledError) console.log(`${now()} body cancelled`);
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
