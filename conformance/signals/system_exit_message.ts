// Twin of system_exit_message.py.
import * as asyncio from "../../src/index.js";

function stop(): never {
  throw new asyncio.SystemExit("stopping: bad config");
}

function* main(): asyncio.Coroutine<void> {
  asyncio.getRunningLoop().callSoon(stop);
  console.log("main waits");
  yield* asyncio.sleep(3600);
}

await asyncio.run(main());
console.log("not reached");
