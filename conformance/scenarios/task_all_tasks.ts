// Pins: all_tasks() lists the loop's unfinished tasks, including the running
// main task, in creation order (normalised: CPython returns a set); finished
// tasks drop out.
import * as asyncio from "../../src/index.js";

function names(): string {
  return [...asyncio.allTasks()].map((t) => t.getName()).join(" ");
}

function* main(): asyncio.Coroutine<void> {
  function* sleeper(d: number): asyncio.Coroutine<void> {
    yield* asyncio.sleep(d);
  }

  const tasks = [3, 1, 2].map((d) => asyncio.createTask(sleeper(d), { name: `s${d}` }));
  asyncio.createTask(sleeper(0), { name: "quick" });
  console.log(`all: ${names()}`);
  yield* asyncio.sleep(0);
  console.log(`after one iteration: ${names()}`);
  yield* asyncio.sleep(0);
  console.log(`after two iterations: ${names()}`);
  yield* asyncio.sleep(1.5);
  console.log(`at 1.5: ${names()}`);
  yield* asyncio.gather(...tasks);
  console.log(`at end: ${names()}`);
}

await asyncio.run(main(), { virtualTime: true });
