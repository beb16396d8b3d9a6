// Pins: cancelling the task that awaits a gather cancels the gather and so
// every unfinished child, in argument order; already finished children keep
// their results; the awaiting task ends cancelled.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* job(name: string, delay: number): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(delay);
  } catch (e) {
    if (e instanceof asyncio.CancelledError)
      console.log(`${now()} ${name} cancelled: ${describe(e)}`);
    throw e;
  }
  console.log(`${now()} ${name} done`);
  return name;
}

function* parent(): asyncio.Coroutine<string[]> {
  return yield* asyncio.gather(job("a", 5), job("b", 1), job("c", 5));
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(parent());
  yield* asyncio.sleep(2);
  t.cancel("parent cancelled");
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} main caught ${describe(e)}`);
  }
  console.log(`parent cancelled=${show(t.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
