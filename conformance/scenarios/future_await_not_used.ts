// Pins: a coroutine driven by hand that is resumed while the Future it awaits
// is still pending raises RuntimeError("await wasn't used with future")
// (CPython's C FutureIter: a pending Future already marked as awaited is not
// yielded again, so a second `yield from` of it raises too); the coroutine is
// finished afterwards. Event.wait() and Queue.get() resumed that way raise the
// same error after their clean-up (the waiter is removed). A Future that is
// done by the next resumption returns its result (test_yield_from_twice).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function resumeTwice(label: string, coro: Generator<unknown>, state: () => string): void {
  console.log(`${label} yields: ${String(coro.next().value)}`);
  console.log(state());
  try {
    coro.next();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${label} resumed while pending: ${describe(e)}`);
  }
  console.log(state());
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();

  const fut = loop.createFuture<number>();

  function* waiter(): asyncio.Coroutine<number> {
    return yield* fut;
  }

  let g: Generator<unknown> = waiter();
  console.log(`first resumption yields the future: ${show(g.next().value === fut)}`);
  try {
    g.next();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`resumed while pending: ${describe(e)}`);
  }
  if (g.next().done === true) console.log("the coroutine is finished");

  // CPython's test_iter: unpacking the coroutine resumes it twice.
  const fut2 = loop.createFuture<void>();

  function* unpacked(): asyncio.Coroutine<void> {
    yield* fut2;
  }

  try {
    const [arg1, arg2] = unpacked();
    console.log(`unpacked: ${String(arg1)}, ${String(arg2)}`);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`unpacking: ${describe(e)}`);
  }

  // The Future stays marked as awaited: another coroutine cannot yield it.
  function* other(): asyncio.Coroutine<void> {
    yield* fut2;
  }

  try {
    other().next();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`second awaiter: ${describe(e)}`);
  }

  const fut3 = loop.createFuture<number>();

  function* twice(): Generator<unknown, void, unknown> {
    yield "A";
    const x = yield* fut3;
    yield ["B", x];
    const y = yield* fut3;
    yield ["C", y];
  }

  g = twice();
  console.log(show(g.next().value));
  console.log(`yields the future: ${show(g.next().value === fut3)}`);
  fut3.setResult(42);
  console.log(show(g.next().value));
  console.log(show(g.next().value));

  const ev = new asyncio.Event();
  resumeTwice("Event.wait", ev.wait(), () => String(ev));
  const q = new asyncio.Queue<number>();
  resumeTwice("Queue.get", q.get(), () => String(q));
  q.putNowait(1);
  console.log(`get_nowait -> ${show(q.getNowait())}`);

  fut.cancel();
  fut2.cancel();
}

await asyncio.run(main(), { virtualTime: true });
