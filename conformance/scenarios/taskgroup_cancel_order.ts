// Pins: when a child fails, the group cancels the remaining children in
// creation order (normalised: CPython iterates a set), so their handlers run
// in that order; the parent's body is cancelled after them.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* child(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${name} cancelled`);
    throw e;
  }
}

function* fail(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError("boom");
}

function* main(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      for (let i = 0; i < 6; i++) {
        tg.createTask(child(`child${i}`));
      }
      tg.createTask(fail());
      for (let i = 6; i < 9; i++) {
        tg.createTask(child(`child${i}`));
      }
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        if (e instanceof asyncio.CancelledError) console.log("body cancelled");
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(describe(e));
  }
}

await asyncio.run(main(), { virtualTime: true });
