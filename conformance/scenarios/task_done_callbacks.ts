// Pins: a task's done-callbacks and the wake-ups of tasks awaiting it are all
// done-callbacks, run in registration order in the iteration after the task
// finishes.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  function* work(): asyncio.Coroutine<string> {
    yield* asyncio.sleep(1);
    console.log("work finishes");
    return "w";
  }

  const t = asyncio.createTask(work());
  t.addDoneCallback((f) => console.log(`callback1 result=${f.result()}`));

  function* awaiter(): asyncio.Coroutine<void> {
    const value = yield* t;
    console.log(`awaiter got ${value}`);
  }

  asyncio.createTask(awaiter());
  yield* asyncio.sleep(0);
  t.addDoneCallback((_f) => console.log("callback2"));
  const value = yield* t;
  console.log(`main got ${value}`);
  yield* asyncio.sleep(0);
}

await asyncio.run(main(), { virtualTime: true });
