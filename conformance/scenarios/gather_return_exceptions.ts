// Pins: return_exceptions=True puts exceptions in the result list in argument
// order; a child that cancelled itself (with a message) appears as a
// CancelledError whose message is empty, since the task does not keep the
// message it was cancelled with by its own raise.
import * as asyncio from "../../src/index.js";
import { KeyError, show } from "./_trace.js";

function* ok(delay: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  return "ok";
}

function* fails(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(0);
  throw new KeyError("k");
}

function* cancelsSelf(): asyncio.Coroutine<void> {
  asyncio.currentTask()!.cancel("x");
  yield* asyncio.sleep(0);
}

function* main(): asyncio.Coroutine<void> {
  const results = yield* asyncio.gather(ok(1), fails(), cancelsSelf(), ok(0), {
    returnExceptions: true,
  });
  console.log(show(results));
}

await asyncio.run(main(), { virtualTime: true });
