// Pins: a task that catches CancelledError and returns normally is not
// cancelled: await returns its value, cancelled() is False, and cancelling()
// stays 1 (nobody called uncancel()).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function* swallow(): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("swallowed the cancel");
  }
  yield* asyncio.sleep(1);
  return "finished anyway";
}

function* main(): asyncio.Coroutine<void> {
  const t = asyncio.createTask(swallow());
  yield* asyncio.sleep(0);
  t.cancel();
  console.log(`await -> ${show(yield* t)}`);
  console.log(`cancelled=${show(t.cancelled())} cancelling=${t.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
