// Pins: a future completed with set_exception re-raises that same exception
// object on await and from result(); exception() returns it; a custom
// exception class keeps its name.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

class MyError extends Error {
  override name = "MyError";
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture();
  const err = new MyError("custom failure");
  loop.callLater(1, (e: Error) => fut.setException(e), err);
  try {
    yield* fut;
  } catch (e) {
    if (!(e instanceof MyError)) throw e;
    console.log(`await raised ${describe(e)} same=${show(e === err)}`);
  }
  console.log(`exception() ${describe(fut.exception())} same=${show(fut.exception() === err)}`);
  try {
    fut.result();
  } catch (e) {
    if (!(e instanceof MyError)) throw e;
    console.log(`result raised ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
