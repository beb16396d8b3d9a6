// Twin of system_exit_none.py (atexit: an "exit" listener).
import * as asyncio from "../../src/index.js";

process.on("exit", () => console.log("atexit"));

function* child(): asyncio.Coroutine<void> {
  throw new asyncio.SystemExit();
}

function* main(): asyncio.Coroutine<void> {
  yield* asyncio.createTask(child());
}

await asyncio.run(main());
console.log("not reached");
