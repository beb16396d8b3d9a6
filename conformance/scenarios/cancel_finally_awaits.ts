// Pins: a cancelled task's finally block may await (sleep 1); the awaiter
// waits for it; the task ends cancelled once the finally completes.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* worker(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } finally {
    console.log(`${now()} finally starts cleanup`);
    // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- as its Python twin does, the scenario awaits in clean-up to pin how CPython runs it
    yield* asyncio.sleep(1);
    console.log(`${now()} finally done`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t = asyncio.createTask(worker());
  yield* asyncio.sleep(2);
  t.cancel("shutdown");
  console.log(`${now()} cancel requested, done=${show(t.done())}`);
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} main caught ${describe(e)}`);
  }
  console.log(`cancelled=${show(t.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
