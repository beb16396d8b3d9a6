// Pins: current_task() is the running task inside coroutines (also inside a
// coroutine awaited by the task) and None inside a plain callback.
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function callback(): void {
  console.log(`in callback: ${show(asyncio.currentTask())}`);
}

function* helper(): asyncio.Coroutine<string> {
  return asyncio.currentTask()!.getName();
}

function* child(): asyncio.Coroutine<void> {
  console.log(`child sees ${asyncio.currentTask()!.getName()}`);
  const name = yield* helper();
  console.log(`helper awaited by child sees ${name}`);
}

function* main(): asyncio.Coroutine<void> {
  asyncio.getRunningLoop().callSoon(callback);
  console.log(`main sees ${asyncio.currentTask()!.getName()}`);
  yield* asyncio.createTask(child(), { name: "child" });
  console.log(`main still ${asyncio.currentTask()!.getName()}`);
}

await asyncio.run(main(), { virtualTime: true });
