// Pins: TaskGroup.create_task before entering or after the group finished
// raises RuntimeError naming the group's state; the coroutine is closed,
// never run.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* never(): asyncio.Coroutine<void> {
  console.log("never runs");
}

function* main(): asyncio.Coroutine<void> {
  const tg = new asyncio.TaskGroup();
  try {
    tg.createTask(never());
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(describe(e));
  }
  yield* asyncio.asyncWith(tg, function* () {
    tg.createTask(asyncio.sleep(1));
  });
  try {
    tg.createTask(never());
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(describe(e));
  }
  yield* asyncio.sleep(0);
}

await asyncio.run(main(), { virtualTime: true });
