// Pins: since 3.12, wait_for runs a coroutine inside the caller's task (no
// new task: current_task() is the caller), while a task passed in runs as
// itself; the timeout cancels the caller's task during the coroutine and
// cancelling() is back to 0 after the TimeoutError.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* who(label: string): asyncio.Coroutine<void> {
  const task = asyncio.currentTask()!;
  console.log(`${label}: running in ${task.getName()}`);
  yield* asyncio.sleep(2);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const me = asyncio.currentTask()!;
  me.setName("caller");
  const count = asyncio.allTasks().size;
  yield* asyncio.waitFor(who("coroutine"), 5);
  console.log(`tasks before=${count} after=${asyncio.allTasks().size}`);
  yield* asyncio.waitFor(asyncio.createTask(who("task"), { name: "inner" }), 5);
  try {
    yield* asyncio.waitFor(who("slow coroutine"), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(
      `${now()} ${describe(e)} cancelling=${me.cancelling()} cancelled=${me.cancelled() ? "True" : "False"}`,
    );
  }
}

await asyncio.run(main(), { virtualTime: true });
