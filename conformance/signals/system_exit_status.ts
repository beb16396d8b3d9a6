// Twin of system_exit_status.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(0);
    throw new asyncio.SystemExit(3);
  } finally {
    console.log("finally");
  }
}

await asyncio.run(main());
console.log("not reached");
