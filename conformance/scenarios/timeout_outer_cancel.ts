// Pins: when the deadline passes and someone else cancels the task in the
// same iteration, CancelledError wins over TimeoutError and the task ends
// cancelled; a cancel() of a task inside an unexpired timeout is a plain
// CancelledError and the timeout is not expired
// (test_foreign_cancel_doesnt_timeout_if_not_expired).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* guarded(name: string): asyncio.Coroutine<void> {
  const cm = asyncio.timeout(1);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    if (e instanceof asyncio.TimeoutError) {
      console.log(`${now()} ${name} timed out`);
      return;
    }
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} ${name} got ${describe(e)} expired=${show(cm.expired())}`);
    }
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  let t = asyncio.createTask(guarded("racing"));
  loop.callLater(1, () => t.cancel("from outside"));
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} awaiting racing raised ${describe(e)} cancelled=${show(t.cancelled())}`);
  }

  t = asyncio.createTask(guarded("early"));
  const early = t;
  loop.callLater(0.5, () => early.cancel());
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} awaiting early raised ${describe(e)} cancelled=${show(t.cancelled())}`);
  }

  t = asyncio.createTask(guarded("late"));
  const late = t;
  loop.callLater(1.5, () => late.cancel());
  yield* t;
  console.log(`${now()} late cancelled=${show(t.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
