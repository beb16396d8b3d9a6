// Pins: wait() with a timeout returns (done, pending) at the deadline and
// never raises TimeoutError or cancels anything (test_wait_with_timeout,
// test_wait_concurrent_complete); pending tasks go on; cancelling the task
// that waits leaves the futures alone.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* value(delay: number, v: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  console.log(`${now()} ${v} finished`);
  return v;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = asyncio.createTask(value(1, "a"));
  const b = asyncio.createTask(value(1.5, "b"));
  let [done, pending] = yield* asyncio.wait([b, a], { timeout: 1.25 });
  console.log(
    `${now()} done a=${show(done.has(a))} pending b=${show(pending.has(b))} b cancelled=${show(b.cancelled())}`,
  );
  const c = asyncio.createTask(value(1, "c"));
  [done, pending] = yield* asyncio.wait([c], { timeout: 1 });
  console.log(`${now()} timeout equal to completion: done=${done.size} pending=${pending.size}`);
  yield* b;
  const d = asyncio.createTask(value(5, "d"));

  function* waiting() {
    return yield* asyncio.wait([d]);
  }

  const w = asyncio.createTask(waiting());
  yield* asyncio.sleep(1);
  w.cancel();
  try {
    yield* w;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} waiter ${describe(e)}, d cancelled=${show(d.cancelled())}`);
  }
  console.log(`${now()} d -> ${show(yield* d)}`);
}

await asyncio.run(main(), { virtualTime: true });
