// Pins: tasks sleeping different durations wake in deadline order at their
// virtual times; equal sleeps started in the same iteration wake in the order
// they started; sleep(d, result) returns result.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* sleeper(name: string, delay: number): asyncio.Coroutine<void> {
  const value = yield* asyncio.sleep(delay, `${name}-result`);
  console.log(`${now()} ${name} woke with ${value}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const tasks = [
    asyncio.createTask(sleeper("three", 3)),
    asyncio.createTask(sleeper("one", 1)),
    asyncio.createTask(sleeper("two-a", 2)),
    asyncio.createTask(sleeper("two-b", 2)),
    asyncio.createTask(sleeper("half", 0.5)),
  ];
  for (const t of tasks) {
    yield* t;
  }
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
