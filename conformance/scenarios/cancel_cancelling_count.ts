// Pins: cancelling() counts cancel requests: it is not reset when the
// CancelledError is delivered or caught, uncancel() decrements it and returns
// the new count, and it never goes below 0.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const me = asyncio.currentTask()!;
  console.log(`start cancelling=${me.cancelling()}`);
  loop.callSoon(() => me.cancel());
  try {
    yield* asyncio.sleep(1);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`caught, cancelling=${me.cancelling()}`);
  }
  yield* asyncio.sleep(0);
  console.log(`after another await cancelling=${me.cancelling()}`);
  console.log(`uncancel -> ${me.uncancel()}`);
  console.log(`uncancel again -> ${me.uncancel()}`);
  me.cancel();
  me.cancel();
  console.log(`two more cancels, cancelling=${me.cancelling()}`);
  console.log(`uncancel -> ${me.uncancel()}`);
  try {
    yield* asyncio.sleep(0);
    console.log("not reached");
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`still delivered, cancelling=${me.cancelling()}`);
  }
  me.uncancel();
  console.log(`end cancelling=${me.cancelling()}`);
}

await asyncio.run(main(), { virtualTime: true });
