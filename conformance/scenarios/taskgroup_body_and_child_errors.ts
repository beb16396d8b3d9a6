// Pins: when the body raises while a child has already failed, the group
// lists the children's errors first and the body's error last.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* fail(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError("child");
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(fail());
      try {
        yield* asyncio.sleep(5);
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        console.log(`${now()} body cancelled, raises instead`);
        throw new asyncio.RuntimeError("body");
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
