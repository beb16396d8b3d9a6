// Pins: an expired timeout() cancels its task: the body sees a plain
// CancelledError with cancelling() == 1; on exit the Timeout converts it into
// TimeoutError whose cause is that CancelledError, cancelling() is back to 0,
// expired() is True, when() is the deadline, and the task itself is not
// cancelled (test_timeout_basic, test_waiter_cancelled,
// test_outer_task_is_not_cancelled).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* body(): asyncio.Coroutine<string> {
  const cm = asyncio.timeout(1.5);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      console.log(`${now()} entered when=${show(cm.when())}`);
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        const task = asyncio.currentTask()!;
        console.log(`${now()} body got ${describe(e)} cancelling=${task.cancelling()}`);
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} raised ${describe(e)} cause=${describe(e.cause)}`);
  }
  console.log(`expired=${show(cm.expired())} when=${show(cm.when())}`);
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
  return "body done";
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(body());
  console.log(`${now()} result ${show(yield* t)} cancelled=${show(t.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
