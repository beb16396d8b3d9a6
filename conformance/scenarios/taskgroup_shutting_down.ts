// Pins: while a TaskGroup is aborting, create_task raises RuntimeError
// "... is shutting down" (the coroutine is closed, never run).
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* never(): asyncio.Coroutine<void> {
  console.log("never runs");
}

function* main(): asyncio.Coroutine<void> {
  function* child(tg: asyncio.TaskGroup): asyncio.Coroutine<void> {
    try {
      yield* asyncio.sleep(10);
      // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
    } catch (e) {
      if (e instanceof asyncio.CancelledError) {
        try {
          tg.createTask(never());
        } catch (e2) {
          if (!(e2 instanceof asyncio.RuntimeError)) throw e2;
          console.log(describe(e2));
        }
      }
      throw e;
    }
  }

  function* fail(): asyncio.Coroutine<void> {
    yield* asyncio.sleep(1);
    throw new asyncio.ValueError("x");
  }

  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(child(tg));
      tg.createTask(fail());
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(describe(e));
  }
}

await asyncio.run(main(), { virtualTime: true });
