// Pins: (3.13+) uncancel() bringing the count to 0 withdraws a cancel that
// has not been delivered yet: a task cancelled before its first step and then
// uncancelled runs normally. A task whose awaited future was already
// cancelled by cancel() still gets CancelledError after uncancel().
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* body(name: string): asyncio.Coroutine<string> {
  console.log(`${name} body runs`);
  yield* asyncio.sleep(1);
  return `${name} ok`;
}

function* main(): asyncio.Coroutine<void> {
  const t1 = asyncio.createTask(body("t1"));
  t1.cancel();
  console.log(`t1 uncancel -> ${t1.uncancel()}`);
  console.log(`t1 -> ${show(yield* t1)} cancelled=${show(t1.cancelled())}`);

  const t2 = asyncio.createTask(body("t2"));
  yield* asyncio.sleep(0);
  t2.cancel();
  console.log(`t2 uncancel -> ${t2.uncancel()}`);
  try {
    yield* t2;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`t2 raised ${describe(e)} cancelled=${show(t2.cancelled())}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
