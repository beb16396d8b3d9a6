// Pins: an exception raised in an async generator's body comes out of the
// anext() that ran it (after its finally block) and ends the generator:
// later anext() calls find it exhausted. An exception in the body of an
// `async for` leaves the generator suspended where it was (anext resumes
// it). StopAsyncIteration raised in the body becomes a RuntimeError.
import * as asyncio from "../../src/index.js";
import { describe, KeyError, now, show, startClock } from "./_trace.js";

const failing = () =>
  asyncio.asyncGenerator(function* failing(emit) {
    try {
      yield* emit(1);
      yield* asyncio.sleep(1);
      throw new asyncio.ValueError("boom");
    } finally {
      console.log(`${now()} failing finally`);
    }
  });

const counter = () =>
  asyncio.asyncGenerator(function* counter(emit) {
    try {
      for (let i = 0; i < 3; i++) yield* emit(i);
    } finally {
      console.log(`${now()} counter finally`);
    }
  });

const stopper = () =>
  asyncio.asyncGenerator(function* stopper(emit) {
    yield* emit(1);
    throw new asyncio.StopAsyncIteration();
  });

function* main(): asyncio.Coroutine<void> {
  startClock();
  const agen = failing();
  try {
    yield* asyncio.asyncFor(agen, function* (x) {
      console.log(`${now()} got ${x}`);
    });
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} async for raised ${describe(e)}`);
  }
  console.log(`${now()} then anext -> ${show(yield* asyncio.anext(agen, "end"))}`);

  const c = counter();
  try {
    yield* asyncio.asyncFor(c, function* (x) {
      console.log(`${now()} got ${x}`);
      throw new KeyError("k");
    });
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    console.log(`${now()} body raised ${describe(e)}`);
  }
  console.log(`${now()} anext resumes -> ${show(yield* asyncio.anext(c))}`);
  yield* c.aclose();
  console.log(`${now()} closed -> ${show(yield* asyncio.anext(c, "end"))}`);

  const s = stopper();
  console.log(`${now()} stopper -> ${show(yield* asyncio.anext(s))}`);
  try {
    yield* asyncio.anext(s);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${now()} stopper raised ${describe(e)}`);
  }
  console.log(`${now()} stopper then -> ${show(yield* asyncio.anext(s, "end"))}`);
}

await asyncio.run(main(), { virtualTime: true });
