// Pins: asend(v) resumes the generator with v as the value of its yield
// expression (anext sends None) and returns what it yields next; a
// non-None value to a generator that has not started is a TypeError; at the
// end, asend raises StopAsyncIteration like anext.
// asyncio-ts: `const received = yield* emit(total)`; asend gives an
// IteratorResult, done where Python raises StopAsyncIteration.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

const accumulator = () =>
  asyncio.asyncGenerator(function* accumulator(emit: asyncio.Emit<number, number>) {
    let total = 0;
    while (total < 10) {
      const received = yield* emit(total);
      console.log(`${now()} received ${show(received)}`);
      if (received !== undefined) {
        yield* asyncio.sleep(received);
        total += received;
      }
    }
  });

function* main(): asyncio.Coroutine<void> {
  startClock();
  const acc = accumulator();
  try {
    yield* acc.asend(3);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  let got = yield* acc.asend(undefined);
  console.log(`${now()} first -> ${show(got.value)}`);
  got = yield* acc.asend(3);
  console.log(`${now()} asend(3) -> ${show(got.value)}`);
  got = yield* acc.anext();
  console.log(`${now()} anext -> ${show(got.value)}`);
  got = yield* acc.asend(4);
  console.log(`${now()} asend(4) -> ${show(got.value)}`);
  got = yield* acc.asend(5);
  if (got.done) console.log(`${now()} asend(5) raised StopAsyncIteration`);
  got = yield* acc.asend(1);
  if (got.done) console.log(`${now()} asend after the end raised StopAsyncIteration`);
}

await asyncio.run(main(), { virtualTime: true });
