// Pins: wait_for(shield(task), t) times out with TimeoutError but the task
// goes on and its result is there later; with timeout 0 the shield future is
// cancelled at once and the task is untouched; with None it just waits
// (WaitForShieldTests).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* work(name: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1);
  console.log(`${now()} ${name} finished`);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  let task = asyncio.createTask(work("a"));
  try {
    yield* asyncio.waitFor(asyncio.shield(task), 0.25);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(
      `${now()} ${describe(e)} task done=${show(task.done())} cancelled=${show(task.cancelled())}`,
    );
  }
  console.log(`${now()} awaiting task -> ${show(yield* task)}`);

  task = asyncio.createTask(work("b"));
  const shielded = asyncio.shield(task);
  try {
    yield* asyncio.waitFor(shielded, 0);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(
      `${now()} zero: ${describe(e)} shield cancelled=${show(shielded.cancelled())} task done=${show(task.done())}`,
    );
  }
  yield* asyncio.sleep(2);
  console.log(`${now()} task result=${show(task.result())}`);

  task = asyncio.createTask(work("c"));
  console.log(`${now()} none -> ${show(yield* asyncio.waitFor(asyncio.shield(task), undefined))}`);
}

await asyncio.run(main(), { virtualTime: true });
