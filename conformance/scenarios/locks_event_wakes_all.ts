// Pins: Event.set() wakes every waiter, resuming them in the order they
// started waiting; clear() right after set() does not un-wake them; wait()
// on a set Event returns True without suspending; a task that starts waiting
// only after a set() and clear() keeps waiting.

import * as asyncio from "../../src/index.js";
import { Event } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* waiter(ev: Event, name: string): asyncio.Coroutine<void> {
  const r = yield* ev.wait();
  console.log(`${now()} ${name} woke with ${show(r)}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const ev = new Event();
  const tasks = ["w1", "w2", "w3"].map((n) => asyncio.createTask(waiter(ev, n)));
  yield* asyncio.sleep(1);
  const late = asyncio.createTask(waiter(ev, "late"));
  console.log(`${now()} set is_set=${show(ev.isSet())}`);
  ev.set();
  ev.clear();
  console.log(`${now()} cleared is_set=${show(ev.isSet())}`);
  yield* asyncio.gather(...tasks);
  yield* asyncio.sleep(1);
  console.log(`${now()} late missed the set+clear: done=${show(late.done())}`);
  ev.set();
  yield* late;
  console.log(`${now()} wait on set Event -> ${show(yield* ev.wait())}`);
  const t = asyncio.createTask(ev.wait());
  ev.clear();
  yield* asyncio.sleep(0);
  console.log(`${now()} task done=${show(t.done())}`);
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} cancelled waiter: ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
