// Pins: Condition.wait_for() checks the predicate before waiting and after each
// wake-up, returns the predicate's value, and under a timeout it re-acquires
// the lock before TimeoutError leaves the block.

import * as asyncio from "../../src/index.js";
import { Condition } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const cond = new Condition();
  const state = { n: 0 };
  console.log(`${now()} immediate ${show(yield* cond.waitFor(() => [1, 2]))}`);

  function* bump(): asyncio.Coroutine<void> {
    for (let i = 0; i < 3; i++) {
      yield* asyncio.sleep(1);
      yield* asyncio.asyncWith(cond, function* () {
        state.n += 1;
        console.log(`${now()} bump to ${state.n}`);
        cond.notifyAll();
      });
    }
  }

  const b = asyncio.createTask(bump());
  yield* asyncio.asyncWith(cond, function* () {
    const r = yield* cond.waitFor(() => state.n >= 2 && state.n);
    console.log(`${now()} predicate true: ${show(r)}`);
    try {
      yield* asyncio.asyncWith(asyncio.timeout(0.5), function* () {
        yield* cond.waitFor(() => state.n >= 10);
      });
    } catch (e) {
      if (!(e instanceof asyncio.TimeoutError)) throw e;
      console.log(`${now()} ${describe(e)} locked=${show(cond.locked())}`);
    }
  });
  yield* b;
}

await asyncio.run(main(), { virtualTime: true });
