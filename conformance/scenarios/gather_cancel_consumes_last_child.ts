// Found by the fuzzer (node scripts/conformance-fuzz.mjs --seed 103 --count 500, program 422), shrunk.
// Pins: a gather cancelled while its last child is long cancelled builds its
// CancelledError from that last child (CPython's loop variable), taking the
// child's stored error, so awaiting the child later raises a fresh CancelledError
// without the cancel message.
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

const q0 = new asyncio.Queue<string>(0);

function* c0(p: asyncio.Task<string>): asyncio.Coroutine<string> {
  out(`x13 cancel -> ${show(p.cancel("m14"))}`);
  out(`g15 -> ${show(yield* asyncio.gather(c1(), p, { returnExceptions: true }))}`);
  return "r0";
}

function* c1(): asyncio.Coroutine<string> {
  try {
    out(`q0 -> ${show(yield* asyncio.waitFor(q0.get(), 1))}`);
  } catch (e) {
    if (isBase(e)) throw e;
    out(`q0 raised ${describe(e)}`);
  }
  yield* asyncio.sleep(0.5);
  return "r1";
}

function* main(): asyncio.Coroutine<string> {
  startClock();
  try {
    const t0 = asyncio.createTask(c1());
    try {
      out(`w32 -> ${show(yield* asyncio.waitFor(c0(t0), 1.5))}`);
    } catch (e) {
      if (isBase(e)) throw e;
      out(`w32 raised ${describe(e)}`);
    }
    try {
      out(`s34 -> ${show(yield* asyncio.shield(t0))}`);
    } catch (e) {
      if (isBase(e)) throw e;
      out(`s34 raised ${describe(e)}`);
    }
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
