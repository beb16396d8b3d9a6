// Pins: loop iterations ("hops") a task needs: sleep(0) is one iteration; a
// task awaiting another task resumes one iteration after that task finishes;
// awaiting a coroutine costs nothing.
import * as asyncio from "../../src/index.js";

function* inner(): asyncio.Coroutine<string> {
  console.log("inner start");
  yield* asyncio.sleep(0);
  console.log("inner end");
  return "r";
}

function* outer(): asyncio.Coroutine<void> {
  console.log("outer start");
  const r = yield* asyncio.createTask(inner());
  console.log(`outer got ${r}`);
}

function* main(): asyncio.Coroutine<void> {
  const t = asyncio.createTask(outer());
  for (let i = 0; i < 6; i++) {
    console.log(`tick${i}`);
    yield* asyncio.sleep(0);
  }
  yield* t;
}

await asyncio.run(main(), { virtualTime: true });
