// Pins: while one anext() of an async generator runs (the generator awaits
// inside it), starting another anext, asend, athrow or aclose raises
// RuntimeError with the method's name; the running one is not disturbed. A
// generator awaiting its own anext() gets the same error.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

const slow = () =>
  asyncio.asyncGenerator(function* slow(emit) {
    try {
      yield* emit(1);
      yield* asyncio.sleep(1);
      yield* emit(2);
    } finally {
      console.log(`${now()} slow finally`);
    }
  });

const selfish = () =>
  asyncio.asyncGenerator(function* selfish(emit) {
    yield* emit(1);
    console.log(`${now()} selfish awaits its own anext`);
    yield* emit(yield* asyncio.anext(me!));
  });

let me: asyncio.AsyncGenerator<unknown> | undefined;

function* main(): asyncio.Coroutine<void> {
  startClock();
  const g = slow();
  console.log(`${now()} ${show(yield* asyncio.anext(g))}`);
  const t = asyncio.createTask(asyncio.anext(g));
  yield* asyncio.sleep(0);
  const attempts: [string, asyncio.Coroutine<unknown>][] = [
    ["anext", asyncio.anext(g)],
    ["asend", g.asend(undefined)],
    ["athrow", g.athrow(new asyncio.ValueError("x"))],
    ["aclose", g.aclose()],
  ];
  for (const [name, aw] of attempts) {
    try {
      yield* aw;
    } catch (e) {
      if (!(e instanceof asyncio.RuntimeError)) throw e;
      console.log(`${now()} ${name}: ${describe(e)}`);
    }
  }
  const got = yield* t;
  console.log(`${now()} running one -> ${show(got)}`);
  yield* g.aclose();

  me = selfish();
  yield* asyncio.anext(me);
  try {
    yield* asyncio.anext(me);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
