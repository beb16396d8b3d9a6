// Twin of interrupt_caught.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  try {
    console.log("ready");
    yield* asyncio.sleep(3600);
  } catch (e) {
    console.log(`main got ${(e as Error).name}`);
    throw e;
  }
}

try {
  await asyncio.run(main());
} catch (e) {
  if (!(e instanceof asyncio.KeyboardInterrupt)) throw e;
  console.log(`run raised ${e.name}`);
}
