// Twin of interrupt_once.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  try {
    console.log("ready");
    yield* asyncio.sleep(3600);
  } finally {
    console.log("finally");
  }
}

await asyncio.run(main());
