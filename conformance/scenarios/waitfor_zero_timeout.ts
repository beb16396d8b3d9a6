// Pins: wait_for with a timeout <= 0: a done future gives its result at
// once; a coroutine is wrapped in a task that is cancelled before it ever
// starts; a running task is cancelled and waited for, then TimeoutError
// (test_wait_for_timeout_less_then_0_or_0_*); a task that swallows the
// cancellation has its result returned.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* neverStarted(): asyncio.Coroutine<void> {
  console.log("never printed");
}

function* sleeper(name: string): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(10);
  } finally {
    console.log(`${now()} ${name} finally`);
  }
  return name;
}

function* stubborn(): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} stubborn swallows`);
  }
  return "stubborn result";
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();
  fut.setResult("done");
  console.log(`done future -> ${show(yield* asyncio.waitFor(fut, 0))}`);
  try {
    yield* asyncio.waitFor(neverStarted(), 0);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`coroutine with 0 -> ${describe(e)}`);
  }
  for (const timeout of [0, -1]) {
    const t = asyncio.createTask(sleeper(`task${timeout}`));
    yield* asyncio.sleep(0);
    try {
      yield* asyncio.waitFor(t, timeout);
    } catch (e) {
      if (!(e instanceof asyncio.TimeoutError)) throw e;
      console.log(
        `${now()} running task with ${timeout} -> ${describe(e)} cancelled=${show(t.cancelled())}`,
      );
    }
  }
  const t = asyncio.createTask(stubborn());
  yield* asyncio.sleep(0);
  console.log(`${now()} stubborn -> ${show(yield* asyncio.waitFor(t, 0))}`);
}

await asyncio.run(main(), { virtualTime: true });
