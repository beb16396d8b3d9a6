// Pins: FIRST_COMPLETED returns as soon as one future is done, leaving the
// others pending and running (test_wait_first_completed); futures done in
// the same iteration are all in `done` (test_wait_really_done); an already
// done future makes it return without waiting.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* value(delay: number, v: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  console.log(`${now()} ${v} finished`);
  return v;
}

function* zeroHops(n: number): asyncio.Coroutine<number> {
  for (let i = 0; i < n; i++) yield* asyncio.sleep(0);
  return n;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = asyncio.createTask(value(10, "a"));
  const b = asyncio.createTask(value(1, "b"));
  let [done, pending] = yield* asyncio.wait([a, b], { returnWhen: asyncio.FIRST_COMPLETED });
  console.log(
    `${now()} done=${show([...done].map((t) => t.result()))} pending a=${show(pending.has(a))} a done=${show(a.done())}`,
  );
  const x = asyncio.createTask(zeroHops(1));
  const y = asyncio.createTask(zeroHops(2));
  const [xyDone, xyPending] = yield* asyncio.wait([y, x], {
    returnWhen: asyncio.FIRST_COMPLETED,
  });
  console.log(`${now()} same iteration: done=${xyDone.size} pending=${xyPending.size}`);
  [done, pending] = yield* asyncio.wait([a, b], { returnWhen: asyncio.FIRST_COMPLETED });
  console.log(`${now()} with b already done: done=${done.size} pending=${pending.size}`);
  yield* a;
  console.log(`${now()} a awaited`);
}

await asyncio.run(main(), { virtualTime: true });
