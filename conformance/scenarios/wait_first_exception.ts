// Pins: FIRST_EXCEPTION returns at the first future that fails, whether it
// failed before the wait (test_wait_first_exception) or during it
// (test_wait_first_exception_in_wait); cancellations do not count as
// exceptions; with no failure it waits for all.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock, ZeroDivisionError } from "./_trace.js";

function* value(delay: number, v: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  return v;
}

function* fail(delay: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  throw new ZeroDivisionError("err");
}

type Named = [string, asyncio.Task<string>][];

function names(fs: Set<asyncio.Task<string>>, order: Named): string {
  return show(order.filter(([, t]) => fs.has(t)).map(([n]) => n));
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = asyncio.createTask(value(10, "a"));
  const b = asyncio.createTask(fail(0));
  yield* asyncio.sleep(0);
  yield* asyncio.sleep(0);
  let order: Named = [
    ["a", a],
    ["b", b],
  ];
  let [done, pending] = yield* asyncio.wait([b, a], { returnWhen: asyncio.FIRST_EXCEPTION });
  console.log(
    `${now()} already failed: done=${names(done, order)} pending=${names(pending, order)}`,
  );
  const c = asyncio.createTask(value(3, "c"));
  const d = asyncio.createTask(fail(1));
  const e = asyncio.createTask(value(5, "e"));
  e.cancel();
  order = [
    ["a", a],
    ["c", c],
    ["d", d],
    ["e", e],
  ];
  [done, pending] = yield* asyncio.wait([a, c, d, e], { returnWhen: asyncio.FIRST_EXCEPTION });
  console.log(
    `${now()} during: done=${names(done, order)} pending=${names(pending, order)} d=${describe(d.exception())}`,
  );
  const f = asyncio.createTask(value(1, "f"));
  const g = asyncio.createTask(value(2, "g"));
  const h = asyncio.createTask(value(3, "h"));
  h.cancel();
  order = [
    ["f", f],
    ["g", g],
    ["h", h],
  ];
  [done, pending] = yield* asyncio.wait([f, g, h], { returnWhen: asyncio.FIRST_EXCEPTION });
  console.log(`${now()} no failure: done=${names(done, order)} pending=${names(pending, order)}`);
  a.cancel();
  c.cancel();
}

await asyncio.run(main(), { virtualTime: true });
