// Pins: sleep(0) and sleep(negative) yield exactly one iteration without a
// timer (two tasks ping-pong), return the result argument, and do not advance
// the clock.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* player(name: string, delay: number): asyncio.Coroutine<void> {
  for (let i = 0; i < 3; i++) {
    const value = yield* asyncio.sleep(delay, i);
    console.log(`${now()} ${name} ${value}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = asyncio.createTask(player("ping", 0));
  const b = asyncio.createTask(player("pong", -1));
  yield* a;
  yield* b;
}

await asyncio.run(main(), { virtualTime: true });
