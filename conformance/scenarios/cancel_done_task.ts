// Pins: cancel() on a finished task (result, exception, or already
// cancelled) returns False and does not change cancelling().
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function* ok(): asyncio.Coroutine<number> {
  return 1;
}

function* bad(): asyncio.Coroutine<number> {
  throw new asyncio.ValueError("x");
}

function* main(): asyncio.Coroutine<void> {
  const t1 = asyncio.createTask(ok());
  const t2 = asyncio.createTask(bad());
  const t3 = asyncio.createTask(ok());
  t3.cancel();
  yield* asyncio.sleep(0);
  yield* asyncio.sleep(0);
  for (const t of [t1, t2, t3]) {
    console.log(
      `${t.getName()} done=${show(t.done())} cancel -> ${show(t.cancel())} cancelling=${t.cancelling()}`,
    );
  }
  t2.exception();
}

await asyncio.run(main(), { virtualTime: true });
