// Pins: wait_for returns the result in time (test_wait_for_blocking with
// timeout None too); on timeout it cancels the awaited task, waits until it
// has finished its cleanup, and raises TimeoutError chained from the
// CancelledError (test_wait_for, test_wait_for_waits_for_task_cancellation).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* work(delay: number, value: string): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(delay);
    return value;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} work(${value}) cancelled, cleaning up`);
      // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- as its Python twin does, the scenario awaits in clean-up to pin how CPython runs it
      yield* asyncio.sleep(0.5);
      console.log(`${now()} work(${value}) cleaned up`);
    }
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  console.log(`${now()} got ${show(yield* asyncio.waitFor(work(1, "a"), 2))}`);
  console.log(`${now()} got ${show(yield* asyncio.waitFor(work(1, "b"), undefined))}`);
  const t = asyncio.createTask(work(5, "c"));
  try {
    yield* asyncio.waitFor(t, 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} ${describe(e)} cause=${describe(e.cause)}`);
  }
  console.log(`task done=${show(t.done())} cancelled=${show(t.cancelled())}`);
  try {
    yield* asyncio.waitFor(work(5, "d"), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} ${describe(e)} cause=${describe(e.cause)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
