// Pins: children may add tasks to their own group while it is open (even
// while the group waits in its exit); the group waits for all of them.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();

  function* leaf(name: string, delay: number): asyncio.Coroutine<void> {
    yield* asyncio.sleep(delay);
    console.log(`${now()} ${name} done`);
  }

  function* spawner(tg: asyncio.TaskGroup): asyncio.Coroutine<void> {
    yield* asyncio.sleep(1);
    console.log(`${now()} spawner adds two leaves`);
    tg.createTask(leaf("leaf1", 2));
    tg.createTask(leaf("leaf2", 1));
  }

  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    tg.createTask(spawner(tg));
    console.log(`${now()} body done`);
  });
  console.log(`${now()} group exited`);
}

await asyncio.run(main(), { virtualTime: true });
