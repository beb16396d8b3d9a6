// Pins: with virtual time the clock stands still between iterations, so sleeps
// of equal length started in different iterations get identical deadlines and
// wake in sleep-call order (not task-creation order; normalised in CPython,
// whose timer heap leaves equal deadlines to chance); shorter ones first.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* sleeper(name: string, preHops: number, delay: number): asyncio.Coroutine<void> {
  for (let i = 0; i < preHops; i++) {
    yield* asyncio.sleep(0);
  }
  console.log(`${now()} ${name} sleeps ${delay}`);
  yield* asyncio.sleep(delay);
  console.log(`${now()} ${name} woke`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const tasks = [
    asyncio.createTask(sleeper("late-starter", 2, 1)),
    asyncio.createTask(sleeper("a", 0, 1)),
    asyncio.createTask(sleeper("b", 0, 1)),
    asyncio.createTask(sleeper("c", 1, 0.5)),
  ];
  for (const t of tasks) {
    yield* t;
  }
}

await asyncio.run(main(), { virtualTime: true });
