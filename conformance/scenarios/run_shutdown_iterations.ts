// Found by the fuzzer (node scripts/conformance-fuzz.mjs --seed 2 --count 500, program 234), shrunk.
// Pins: asyncio.run() shutdown runs the loop through shutdown_asyncgens() and
// shutdown_default_executor() after cancelling leftover tasks, so tasks spawned
// during shutdown get about four more iterations before the loop closes.
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function out(text: string): void {
  console.log(`${now()} ${text}`);
}

function isBase(e: unknown): e is asyncio.BaseException | asyncio.BaseExceptionGroup {
  return (
    e instanceof asyncio.BaseException ||
    (e instanceof asyncio.BaseExceptionGroup && !(e instanceof asyncio.ExceptionGroup))
  );
}

function* c0(): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(0);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    out(`k8 cancelled ${describe(e)}`);
  }
  const t2 = asyncio.createTask(c2());
  asyncio.createTask(c1(t2));
  return "r0";
}

function* c1(p: asyncio.Task<string>): asyncio.Coroutine<string> {
  try {
    out(`a5 -> ${show(yield* p)}`);
  } catch (e) {
    if (isBase(e)) throw e;
    out(`a5 raised ${describe(e)}`);
  }
  return "r1";
}

function* c2(): asyncio.Coroutine<string> {
  yield* asyncio.sleep(0);
  return "r2";
}

function* main(): asyncio.Coroutine<string> {
  startClock();
  try {
    asyncio.createTask(c0());
  } catch (e) {
    if (isBase(e)) throw e;
    out(`main caught ${describe(e)}`);
  }
  return "main";
}

try {
  console.log(`run -> ${show(await asyncio.run(main(), { virtualTime: true }))}`);
} catch (e) {
  console.log(`run raised ${describe(e)}`);
}
