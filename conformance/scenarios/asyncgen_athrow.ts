// Pins: athrow(exc) throws exc into the generator at its yield. If the body
// catches it and yields, athrow returns that value; if it catches it and
// returns, athrow raises StopAsyncIteration; if it lets it out, athrow
// raises it and the generator is finished. Thrown into a generator that never
// started, it raises at once and closes it; on a closed generator it returns
// None (3.13).
// asyncio-ts: athrow gives an IteratorResult, done where Python raises
// StopAsyncIteration (and where 3.13 returns None on a closed generator).
import * as asyncio from "../../src/index.js";
import { describe, KeyError, now, show, startClock } from "./_trace.js";

const tolerant = () =>
  asyncio.asyncGenerator(function* tolerant(emit) {
    for (;;) {
      try {
        yield* emit("ready");
      } catch (e) {
        if (e instanceof asyncio.ValueError) {
          console.log(`${now()} tolerant caught ${describe(e)}`);
          yield* asyncio.sleep(1);
          yield* emit("recovered");
        } else if (e instanceof KeyError) {
          console.log(`${now()} tolerant returns`);
          return;
        } else {
          throw e;
        }
      }
    }
  });

const fragile = () =>
  asyncio.asyncGenerator(function* fragile(emit) {
    try {
      yield* emit(1);
      yield* emit(2);
    } finally {
      console.log(`${now()} fragile finally`);
    }
  });

function* main(): asyncio.Coroutine<void> {
  startClock();
  const g = tolerant();
  console.log(`${now()} ${show(yield* asyncio.anext(g))}`);
  let got = yield* g.athrow(new asyncio.ValueError("v"));
  console.log(`${now()} athrow -> ${show(got.value)}`);
  got = yield* g.anext();
  console.log(`${now()} anext -> ${show(got.value)}`);
  got = yield* g.athrow(new KeyError("k"));
  if (got.done) console.log(`${now()} athrow raised StopAsyncIteration`);
  console.log(`${now()} after return -> ${show(yield* asyncio.anext(g, "end"))}`);

  const f = fragile();
  yield* asyncio.anext(f);
  try {
    yield* f.athrow(new asyncio.ValueError("out"));
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} athrow raised ${describe(e)}`);
  }
  console.log(`${now()} fragile then -> ${show(yield* asyncio.anext(f, "end"))}`);
  const late = yield* f.athrow(new asyncio.ValueError("late"));
  console.log(`${now()} athrow on closed -> ${show(late.value)}`);

  const fresh = fragile();
  try {
    yield* fresh.athrow(new asyncio.ValueError("early"));
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} fresh athrow raised ${describe(e)}`);
  }
  console.log(`${now()} fresh then -> ${show(yield* asyncio.anext(fresh, "end"))}`);
}

await asyncio.run(main(), { virtualTime: true });
