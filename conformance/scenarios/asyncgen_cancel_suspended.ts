// Pins: cancelling a task while an async generator it iterates awaits
// inside anext() throws CancelledError into the generator's body at that
// await: its finally runs (and may await), the generator ends, and the task
// ends cancelled with the message. Cancelled while its own body awaits
// instead, the task leaves the generator suspended at its yield, to be
// closed at loop shutdown. A generator that swallows the cancellation and
// yields hands that value to the task.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

const kept: unknown[] = [];

const ticker = (name: string) =>
  asyncio.asyncGenerator(function* ticker(emit) {
    try {
      let i = 0;
      for (;;) {
        yield* emit(i);
        i += 1;
        console.log(`${now()} ${name} sleeps`);
        yield* asyncio.sleep(1);
      }
    } catch (e) {
      console.log(`${now()} ${name} got ${describe(e)}`);
      throw e;
    } finally {
      yield* asyncio.sleep(0);
      console.log(`${now()} ${name} finally`);
    }
  });

const stubborn = () =>
  asyncio.asyncGenerator(function* stubborn(emit) {
    try {
      yield* emit("first");
      yield* asyncio.sleep(5);
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log(`${now()} stubborn swallows the cancellation`);
      yield* emit("after cancel");
    }
  });

function* consume<T>(agen: asyncio.AsyncGenerator<T>, pause: number): asyncio.Coroutine<void> {
  yield* asyncio.asyncFor(agen, function* (x) {
    console.log(`${now()} consumer got ${show(x)}`);
    yield* asyncio.sleep(pause);
  });
}

function* consumeThenCancel<T>(
  name: string,
  agen: asyncio.AsyncGenerator<T>,
  pause: number,
): asyncio.Coroutine<void> {
  const t = asyncio.createTask(consume(agen, pause));
  yield* asyncio.sleep(1.5);
  t.cancel(`stop ${name}`);
  try {
    yield* t;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} consumer of ${name}: ${describe(e)}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = ticker("a");
  yield* consumeThenCancel("a", a, 0);
  console.log(`${now()} a then -> ${show(yield* asyncio.anext(a, "end"))}`);

  const b = ticker("b");
  kept.push(b);
  yield* consumeThenCancel("b", b, 10);

  const s = stubborn();
  console.log(`${now()} ${show(yield* asyncio.anext(s))}`);
  const next = asyncio.createTask(asyncio.anext(s));
  yield* asyncio.sleep(1);
  next.cancel();
  console.log(`${now()} task got ${show(yield* next)}, cancelling=${next.cancelling()}`);
  yield* s.aclose();
  console.log(`${now()} main ends`);
}

await asyncio.run(main(), { virtualTime: true });
