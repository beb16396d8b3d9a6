// Pins: BoundedSemaphore.release() raises ValueError once the value is back at
// its initial value (a plain Semaphore just grows), and Semaphore rejects a
// negative initial value.

import * as asyncio from "../../src/index.js";
import { BoundedSemaphore, Semaphore } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const bs = new BoundedSemaphore(2);
  try {
    bs.release();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} fresh: ${describe(e)}`);
  }
  yield* bs.acquire();
  yield* bs.acquire();
  console.log(`${now()} acquired twice value=${bs._value} locked=${show(bs.locked())}`);
  bs.release();
  bs.release();
  console.log(`${now()} released twice value=${bs._value}`);
  try {
    bs.release();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} third: ${describe(e)} value=${bs._value}`);
  }
  const s = new Semaphore(1);
  s.release();
  console.log(`${now()} plain semaphore value=${s._value}`);
  for (const cls of [Semaphore, BoundedSemaphore]) {
    try {
      new cls(-1);
    } catch (e) {
      if (!(e instanceof asyncio.ValueError)) throw e;
      console.log(`${now()} ${cls.name}(-1): ${describe(e)}`);
    }
  }
}

await asyncio.run(main(), { virtualTime: true });
