// Pins: a TaskGroup inside a timeout: at the deadline the body and every
// child are cancelled, the group exits cleanly after its children finish
// cleaning up, and the timeout raises TimeoutError; when a child crashes in
// its cleanup, the ExceptionGroup propagates instead (test_timeout_taskgroup).
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

function* child(name: string, cleanupError = false): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} ${name} cancelled`);
    yield* asyncio.sleep(0.5);
    console.log(`${now()} ${name} cleaned up`);
    if (cleanupError) throw new asyncio.ValueError(`${name} cleanup failed`);
    throw e;
  }
}

function* run(cleanupError: boolean): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(child("a"));
        tg.createTask(child("b", cleanupError));
        yield* asyncio.sleep(10);
      });
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError) && !(e instanceof asyncio.ExceptionGroup)) throw e;
    console.log(`${now()} ${describe(e)}`);
  }
  console.log(`cancelling=${asyncio.currentTask()!.cancelling()}`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  yield* run(false);
  startClock();
  yield* run(true);
}

await asyncio.run(main(), { virtualTime: true });
