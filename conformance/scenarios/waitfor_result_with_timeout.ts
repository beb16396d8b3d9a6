// Pins: when the awaited work swallows the timeout's cancellation and
// returns a value, wait_for returns that value instead of raising
// (test_wait_for_cancel_suppressed, test_wait_for_cancellation_race_condition);
// a result set by a callback before the deadline wins
// (test_wait_for_race_condition); an error raised during cancellation
// propagates as itself (test_wait_for_reraises_exception_during_cancellation).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* return42(): asyncio.Coroutine<number | undefined> {
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} return_42 swallows the cancellation`);
    return 42;
  }
  return undefined;
}

function* failInCleanup(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } finally {
    // biome-ignore lint/correctness/noUnsafeFinally: mirrors Python's raise in finally
    throw new asyncio.ValueError("cleanup");
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  console.log(`${now()} coroutine -> ${show(yield* asyncio.waitFor(return42(), 1))}`);
  const t = asyncio.createTask(return42());
  console.log(`${now()} task -> ${show(yield* asyncio.waitFor(t, 1))}`);
  const fut = loop.createFuture<string>();
  loop.callSoon(() => fut.setResult("ok"));
  console.log(`${now()} future -> ${show(yield* asyncio.waitFor(fut, 0.25))}`);
  try {
    yield* asyncio.waitFor(asyncio.createTask(failInCleanup()), 1);
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} error in cleanup -> ${describe(e)}`);
  }
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
