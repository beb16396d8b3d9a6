// Pins: children failing in the same iteration are all collected, in the
// order they finished; a child that catches the group's cancellation and
// raises another error adds that error too.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* fail(delay: number, exc: Error): asyncio.Coroutine<void> {
  yield* asyncio.sleep(delay);
  throw exc;
}

function* failsOnCancel(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} cleanup raises RuntimeError`);
    throw new asyncio.RuntimeError("cleanup failed");
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(failsOnCancel());
      tg.createTask(fail(1, new asyncio.ValueError("a")));
      tg.createTask(fail(1, new TypeError("b")));
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
