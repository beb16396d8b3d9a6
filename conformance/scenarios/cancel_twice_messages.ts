// Pins: two cancel() calls on a waiting task both return True and both count
// (cancelling() == 2); the task sees one CancelledError carrying the first
// message; uncancel() then returns 1.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* stubborn(): asyncio.Coroutine<string> {
  const me = asyncio.currentTask()!;
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`caught ${describe(e)} cancelling=${me.cancelling()}`);
  }
  console.log(`uncancel -> ${me.uncancel()}`);
  return "finished";
}

function* main(): asyncio.Coroutine<void> {
  const t = asyncio.createTask(stubborn());
  yield* asyncio.sleep(0);
  console.log(`cancel m1 -> ${show(t.cancel("m1"))}`);
  console.log(`cancel m2 -> ${show(t.cancel("m2"))}`);
  console.log(`cancelling=${t.cancelling()} cancelled=${show(t.cancelled())}`);
  console.log(`await -> ${show(yield* t)}`);
  console.log(`cancelled=${show(t.cancelled())} cancelling=${t.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
