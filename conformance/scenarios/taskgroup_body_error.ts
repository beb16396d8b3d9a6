// Pins: an error raised in the body cancels the children (the parent task is
// not cancelled), waits for them, and is raised inside an ExceptionGroup;
// cancelled children do not appear in the group.
import * as asyncio from "../../src/index.js";
import { describe, KeyError, now, startClock } from "./_trace.js";

function* sleeper(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} ${name} cancelled, cleans up for 1s`);
      // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- as its Python twin does, the scenario awaits in clean-up to pin how CPython runs it
      yield* asyncio.sleep(1);
    }
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(sleeper("child"));
      yield* asyncio.sleep(1);
      throw new KeyError("body");
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
