// Pins: cancelling a task blocked in wait_for cancels the awaited task too
// (test_cancel_wait_for, test_cancel_blocking_wait_for) and waits for it;
// wait_for does not hand the caller's cancellation back as TimeoutError
// (test_asyncio_wait_for_cancelled); a task awaited through wait_for that
// finishes in the same iteration still lets the cancel through
// (test_wait_for_issue86296).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* blocking(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.getRunningLoop().createFuture<void>();
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} ${name} cancelled`);
    throw e;
  }
}

function* waiter(task: asyncio.Task<void>, timeout: number | undefined): asyncio.Coroutine<void> {
  try {
    yield* asyncio.waitFor(task, timeout);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} waiter got ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  for (const [timeout, label] of [
    [undefined, "None"],
    [60.0, "60.0"],
  ] as const) {
    const task = asyncio.createTask(blocking(`blocking[${label}]`));
    const w = asyncio.createTask(waiter(task, timeout));
    loop.callLater(1, () => w.cancel("stop"));
    try {
      yield* w;
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log(`${now()} awaiting waiter raised ${describe(e)}`);
    }
    console.log(`task cancelled=${show(task.cancelled())} waiter cancelled=${show(w.cancelled())}`);
  }

  function* quick(): asyncio.Coroutine<string> {
    return "done";
  }

  const inner = asyncio.createTask(quick());
  let reached = false;

  function* waitThenSleep(): asyncio.Coroutine<void> {
    yield* asyncio.waitFor(inner, 100);
    yield* asyncio.sleep(1);
    reached = true;
  }

  const t = asyncio.createTask(waitThenSleep());
  yield* asyncio.sleep(0);
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("wait_then_sleep cancelled");
  }
  console.log(`inner result=${show(inner.result())} reached=${show(reached)}`);
}

await asyncio.run(main(), { virtualTime: true });
