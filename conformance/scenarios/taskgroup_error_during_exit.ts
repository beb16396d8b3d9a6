// Pins: a child failing while the body has finished and the group waits in
// its exit: the siblings are cancelled, the wait is interrupted internally
// (not reported), and the group raises the error; cancelling() ends at 0.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* child(name: string, delay: number, fail = false): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(delay);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} ${name} cancelled`);
    throw e;
  }
  if (fail) {
    throw new asyncio.ValueError(name);
  }
  console.log(`${now()} ${name} done`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(child("quick", 1));
      tg.createTask(child("failing", 2, true));
      tg.createTask(child("slow", 5));
      console.log(`${now()} body done`);
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
