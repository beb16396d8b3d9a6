// Pins: aclose() from another task while the generator is suspended at a
// yield throws GeneratorExit in there: its finally runs (and may await)
// inside aclose(), and the iterating task's next anext finds it exhausted,
// ending its `async for` normally. aclose() while an anext() is running
// raises RuntimeError; on a generator that never started it just marks it
// closed (the body never runs); a body that yields again after GeneratorExit
// makes aclose() raise RuntimeError and stays suspended at that yield.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

const numbers = (name: string) =>
  asyncio.asyncGenerator(function* numbers(emit) {
    try {
      let i = 0;
      for (;;) {
        console.log(`${now()} ${name} yields ${i}`);
        yield* emit(i);
        i += 1;
        yield* asyncio.sleep(1);
      }
    } catch (e) {
      console.log(`${now()} ${name} got ${describe(e)}`);
      throw e;
    } finally {
      yield* asyncio.sleep(0.5);
      console.log(`${now()} ${name} finally`);
    }
  });

function* consume(agen: asyncio.AsyncGenerator<number>): asyncio.Coroutine<void> {
  yield* asyncio.asyncFor(agen, function* (x) {
    console.log(`${now()} consumer got ${x}`);
    yield* asyncio.sleep(2);
  });
  console.log(`${now()} consumer's async for ended`);
}

const stubborn = () =>
  asyncio.asyncGenerator(function* stubborn(emit) {
    try {
      yield* emit(1);
    } catch (e) {
      if (!(e instanceof asyncio.GeneratorExit)) throw e;
      console.log(`${now()} stubborn ignores GeneratorExit`);
      yield* emit(2);
      console.log(`${now()} stubborn resumed`);
    }
  });

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = numbers("a");
  const t = asyncio.createTask(consume(a));
  yield* asyncio.sleep(0.5);
  yield* a.aclose();
  console.log(`${now()} aclose returned`);
  yield* t;

  const b = numbers("b");
  console.log(`${now()} ${show(yield* asyncio.anext(b))}`);
  const running = asyncio.createTask(asyncio.anext(b));
  yield* asyncio.sleep(0.5);
  try {
    yield* b.aclose();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  const got = yield* running;
  console.log(`${now()} running anext -> ${show(got)}`);
  yield* b.aclose();
  yield* b.aclose();
  console.log(`${now()} closed twice`);

  const fresh = numbers("fresh");
  yield* fresh.aclose();
  console.log(`${now()} fresh closed -> ${show(yield* asyncio.anext(fresh, "end"))}`);

  const s = stubborn();
  yield* asyncio.anext(s);
  try {
    yield* s.aclose();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  console.log(`${now()} stubborn then -> ${show(yield* asyncio.anext(s, "end"))}`);
}

await asyncio.run(main(), { virtualTime: true });
