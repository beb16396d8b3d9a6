// Pins: cancelling an outer gather whose children are gathers cancels every
// leaf (depth first, in argument order); the inner gathers end with
// CancelledError (not cancelled()), and the outer raises CancelledError(msg).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* leaf(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${name} cancelled: ${describe(e)}`);
    throw e;
  }
}

function* main(): asyncio.Coroutine<void> {
  const g1 = asyncio.gather(leaf("a"), leaf("b"));
  const g2 = asyncio.gather(leaf("c"));
  const outer = asyncio.gather(g1, g2);
  yield* asyncio.sleep(0);
  console.log(`cancel -> ${show(outer.cancel("stop all"))}`);
  try {
    yield* outer;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`outer raised ${describe(e)}`);
  }
  for (const [name, g] of [
    ["g1", g1],
    ["g2", g2],
  ] as const) {
    console.log(`${name} cancelled=${show(g.cancelled())} exception=${describe(g.exception())}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
