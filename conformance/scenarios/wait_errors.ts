// Pins: wait() rejects an empty collection (ValueError), a single future or
// coroutine instead of a collection, a collection holding a bare coroutine
// (TypeError: "Passing coroutines is forbidden, use tasks explicitly.") and
// an invalid return_when (test_wait_errors, test_wait_invalid_args).
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function* coro(): asyncio.Coroutine<number> {
  return 1;
}

function* attempt(label: string, make: () => asyncio.Coroutine<unknown>): asyncio.Coroutine<void> {
  try {
    yield* make();
    console.log(`${label}: ok`);
  } catch (e) {
    if (!(e instanceof TypeError) && !(e instanceof asyncio.ValueError)) throw e;
    console.log(`${label}: ${describe(e)}`);
  }
}

type AnyFs = Iterable<asyncio.Future<unknown>>;

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<void>();
  yield* attempt("empty list", () => asyncio.wait([]));
  yield* attempt("empty set", () => asyncio.wait(new Set<asyncio.Future<void>>()));
  yield* attempt("a future", () => asyncio.wait(fut as unknown as AnyFs));
  const c = coro();
  yield* attempt("a coroutine", () => asyncio.wait(c as unknown as AnyFs));
  yield* attempt("list with a coroutine", () => asyncio.wait([c] as unknown as AnyFs));
  c.return(0);
  yield* attempt("bad return_when", () =>
    asyncio.wait([fut], { returnWhen: "SOMETIME" as asyncio.ReturnWhen }),
  );
  fut.setResult(undefined);
  yield* attempt("a done future in a list", () => asyncio.wait([fut]));
}

await asyncio.run(main(), { virtualTime: true });
