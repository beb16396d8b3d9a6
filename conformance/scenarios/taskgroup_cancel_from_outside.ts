// Pins: cancelling the task that runs a TaskGroup cancels the body and every
// child (in creation order), waits for them, and propagates CancelledError
// out of the group and the task.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* child(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError)
      console.log(`${now()} ${name} cancelled: ${describe(e)}`);
    throw e;
  }
}

function* parent(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      for (const name of ["c1", "c2", "c3"]) {
        tg.createTask(child(name));
      }
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} parent sees ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(parent());
  yield* asyncio.sleep(1);
  t.cancel("outside");
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} main caught ${describe(e)}`);
  }
  console.log(`parent cancelled=${show(t.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
