// Pins: shield() copies the inner outcome to the outer future: result
// (test_shield_result), exception (test_shield_exception), cancellation of
// the inner one cancels the outer (test_shield_cancel_inner); a done inner
// future is returned as is (test_shield_shortcut); a coroutine is wrapped
// in a task (test_shield_coroutine_use_running_loop); cancelling the outer
// future leaves a gather inside untouched (test_shield_gather,
// test_gather_shield).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* coro(): asyncio.Coroutine<number> {
  return 42;
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  let inner = loop.createFuture<number>();
  let outer = asyncio.shield(inner);
  console.log(`new outer=${show(outer !== inner)} done=${show(outer.done())}`);
  inner.setResult(42);
  console.log(`result -> ${show(yield* outer)}`);

  inner = loop.createFuture<number>();
  outer = asyncio.shield(inner);
  yield* asyncio.sleep(0);
  const err = new asyncio.RuntimeError("expected");
  inner.setException(err);
  yield* asyncio.sleep(0);
  console.log(
    `exception -> ${describe(outer.exception())} same=${show(outer.exception() === err)}`,
  );

  inner = loop.createFuture<number>();
  outer = asyncio.shield(inner);
  inner.cancel();
  yield* asyncio.sleep(0);
  console.log(`inner cancelled -> outer cancelled=${show(outer.cancelled())}`);

  const done = loop.createFuture<string>();
  done.setResult("already");
  console.log(`done inner returned as is=${show(asyncio.shield(done) === done)}`);
  console.log(`coroutine -> ${show(yield* asyncio.shield(coro()))}`);

  let c1 = loop.createFuture<number>();
  let c2 = loop.createFuture<number>();
  const parent = asyncio.gather(c1, c2);
  const shielded = asyncio.shield(parent);
  yield* asyncio.sleep(0);
  shielded.cancel();
  yield* asyncio.sleep(0);
  c1.setResult(1);
  c2.setResult(2);
  yield* asyncio.sleep(0);
  console.log(
    `shield(gather): outer cancelled=${show(shielded.cancelled())} gather -> ${show(parent.result())}`,
  );

  c1 = loop.createFuture<number>();
  c2 = loop.createFuture<number>();
  const s1 = asyncio.shield(c1);
  const s2 = asyncio.shield(c2);
  const gathered = asyncio.gather(s1, s2);
  yield* asyncio.sleep(0);
  gathered.cancel();
  yield* asyncio.sleep(0);
  console.log(
    `gather(shields) cancelled: ${describe(gathered.exception())} shields cancelled=${show(s1.cancelled() && s2.cancelled())} children pending=${show(!c1.done() && !c2.done())}`,
  );
}

await asyncio.run(main(), { virtualTime: true });
