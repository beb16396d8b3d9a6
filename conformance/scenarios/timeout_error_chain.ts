// Pins: Python 3.13 splices a TimeoutError into the chain of an error that
// escapes while the timeout's CancelledError is being handled; the error
// itself propagates, not TimeoutError (test_foreign_exception_on_timeout).
// Python chains implicitly (__context__); JavaScript has no implicit chain,
// so the twin chains explicitly with `cause`, which asyncio-ts walks.
// An error raised without a timeout expiring is left alone
// (test_foreign_exception_passed).
import * as asyncio from "../../src/index.js";
import { describe, KeyError, now, show, startClock } from "./_trace.js";

function chain(e: unknown): string {
  const names: string[] = [];
  while (e !== undefined) {
    names.push(describe(e));
    e = (e as Error).cause;
  }
  return names.join(" <- ");
}

function* crash(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
  } catch (e) {
    if (e instanceof asyncio.CancelledError) {
      throw new asyncio.ValueError("cleanup failed", { cause: e });
    }
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  try {
    yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
      yield* crash();
    });
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`${now()} ${chain(e)}`);
  }
  const cm = asyncio.timeout(1);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      throw new KeyError("k");
    });
  } catch (e) {
    if (!(e instanceof KeyError)) throw e;
    console.log(`${now()} ${chain(e)} expired=${show(cm.expired())}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
