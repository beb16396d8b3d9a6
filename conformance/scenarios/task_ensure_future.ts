// Pins: ensure_future returns a Future or Task unchanged, wraps a coroutine in
// a new Task, and raises TypeError for anything else.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* coro(): asyncio.Coroutine<string> {
  return "from coroutine";
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture();
  console.log(`future unchanged: ${show(asyncio.ensureFuture(fut) === fut)}`);
  const task = asyncio.createTask(coro());
  console.log(`task unchanged: ${show(asyncio.ensureFuture(task) === task)}`);
  const wrapped = asyncio.ensureFuture(coro());
  console.log(
    `coroutine wrapped in a Task: ${show(wrapped instanceof asyncio.Task)} ${(wrapped as asyncio.Task<string>).getName()}`,
  );
  console.log(`result ${show(yield* wrapped)}`);
  try {
    // eslint-disable-next-line asyncio-ts/no-floating-coroutine -- ensureFuture(42) throws before it returns anything: the call is the test
    asyncio.ensureFuture(42 as unknown as asyncio.Awaitable<unknown>);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    console.log(describe(e));
  }
  fut.cancel();
  yield* task;
}

await asyncio.run(main(), { virtualTime: true });
