// Pins: a cancelled Handle/TimerHandle never runs; cancel() is idempotent and
// cancelled() reports it; a callback can cancel a handle that is already in
// the current batch and it is skipped.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function fire(name: string): void {
  console.log(`${now()} ${name}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const h1 = loop.callSoon(fire, "h1");
  loop.callSoon(fire, "h2");
  h1.cancel();
  h1.cancel();
  const t1 = loop.callLater(1, fire, "t1");
  const t2 = loop.callLater(2, fire, "t2");
  t1.cancel();
  console.log(
    `h1 cancelled=${show(h1.cancelled())} t1 cancelled=${show(t1.cancelled())} t2 cancelled=${show(t2.cancelled())}`,
  );

  let h4: asyncio.Handle | undefined;

  function canceller(): void {
    console.log(`${now()} canceller cancels h4`);
    h4?.cancel();
  }

  loop.callSoon(canceller);
  h4 = loop.callSoon(fire, "h4");
  loop.callSoon(fire, "h5");
  yield* asyncio.sleep(3);
  console.log(`${now()} main done`);
}

await asyncio.run(main(), { virtualTime: true });
