// Pins: cancelling the task that awaits shield(inner) raises CancelledError
// in that task while the inner task goes on undisturbed and finishes
// (test_shield_effect); awaiting the inner task later gives its result or
// its error, even though the shield's outer future was cancelled.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* inner(name: string, fail: boolean): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(2);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      console.log(`${now()} ${name} cancelled (must not happen)`);
    }
    throw e;
  }
  console.log(`${now()} ${name} finished`);
  if (fail) throw new asyncio.ValueError(`${name} failed`);
  return name;
}

function* outer(task: asyncio.Task<string>): asyncio.Coroutine<string> {
  try {
    return yield* asyncio.shield(task);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} outer got ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  const ok = asyncio.createTask(inner("ok", false));
  const bad = asyncio.createTask(inner("bad", true));
  const o1 = asyncio.createTask(outer(ok));
  const o2 = asyncio.createTask(outer(bad));
  loop.callLater(1, () => o1.cancel("stop"));
  loop.callLater(1, () => o2.cancel());
  for (const o of [o1, o2]) {
    try {
      yield* o;
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
    }
  }
  console.log(
    `${now()} outers cancelled=${show(o1.cancelled())},${show(o2.cancelled())} inner done=${show(ok.done())}`,
  );
  console.log(`${now()} ok -> ${show(yield* ok)}`);
  try {
    yield* bad;
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} bad -> ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
