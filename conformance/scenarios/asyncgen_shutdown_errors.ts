// Pins: shutdown_asyncgens() closes every async generator still suspended,
// concurrently (their finally blocks interleave), in the order they were
// first iterated; an exception out of one goes to the loop's exception
// handler as "an error occurred during closing of asynchronous generator";
// a generator that never started, or already finished, is not touched.
import * as asyncio from "../../src/index.js";
import { now, report, startClock } from "./_trace.js";

const kept: unknown[] = [];

const worker = (name: string, fail: boolean) =>
  asyncio.asyncGenerator(function* worker(emit) {
    try {
      yield* emit(name);
    } finally {
      console.log(`${now()} ${name} closing`);
      yield* asyncio.sleep(1);
      console.log(`${now()} ${name} closed`);
      // biome-ignore lint/correctness/noUnsafeFinally: the Python twin raises in its finally block
      if (fail) throw new asyncio.ValueError(`${name} failed to close`);
    }
  });

function* main(): asyncio.Coroutine<void> {
  startClock();
  asyncio.getRunningLoop().setExceptionHandler(report);
  for (const [name, fail] of [
    ["first", true],
    ["second", false],
    ["third", true],
  ] as const) {
    const agen = worker(name, fail);
    kept.push(agen);
    console.log(`${now()} ${yield* asyncio.anext(agen)} started`);
  }
  kept.push(worker("never", true));
  const finished = worker("finished", false);
  kept.push(finished);
  yield* asyncio.anext(finished);
  yield* asyncio.anext(finished, undefined);
  console.log(`${now()} main ends`);
}

await asyncio.run(main(), { virtualTime: true });
console.log("after run");
