// Pins: a Task's result, exception(), result() re-raising, done() and
// cancelled() after normal completion and after an exception; awaiting a
// failed task raises the same exception object.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* ok(): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1);
  return "value";
}

function* bad(): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError("bad value");
}

function* main(): asyncio.Coroutine<void> {
  const t1 = asyncio.createTask(ok());
  const t2 = asyncio.createTask(bad());
  console.log(`before: done=${show(t1.done())} ${show(t2.done())}`);
  console.log(`await t1 -> ${show(yield* t1)}`);
  try {
    yield* t2;
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`await t2 raised ${describe(e)} same=${show(e === t2.exception())}`);
  }
  console.log(
    `t1 result=${show(t1.result())} exception=${show(t1.exception())} cancelled=${show(t1.cancelled())}`,
  );
  console.log(
    `t2 exception=${show(t2.exception())} done=${show(t2.done())} cancelled=${show(t2.cancelled())}`,
  );
  try {
    t2.result();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`t2.result() raised ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
