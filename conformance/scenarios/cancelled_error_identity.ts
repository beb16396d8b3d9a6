// Pins which CancelledError object each observer gets, by identity (#n: the
// n-th distinct object seen). The error thrown into a cancelled Task is made
// by the Future it awaited (fresh: a plain Future stores none), caught and
// re-raised by the coroutine and stored by the Task (_cancelled_exc), which
// hands it out once: to the first of `await task`, task.exception(),
// task.result() or a gather without return_exceptions that the task fails
// (Future._make_cancelled_error clears it); later ones get a fresh error.
// gather(return_exceptions=True) puts a fresh CancelledError in its results
// without taking the stored one. The awaited Future makes a fresh error on
// every exception() call. timeout() and wait_for() chain the very error the
// coroutine raised as __cause__ of their TimeoutError.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

const seen: unknown[] = [];

function ident(e: unknown): string {
  const i = seen.indexOf(e);
  if (i >= 0) return `#${i + 1}`;
  seen.push(e);
  return `#${seen.length}`;
}

function label(e: unknown): string {
  return `${describe(e)} ${ident(e)}`;
}

function* waiter(name: string, fut: asyncio.Future<unknown>): asyncio.Coroutine<void> {
  try {
    yield* fut;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${name} caught ${label(e)}`);
    throw e;
  }
}

function raisedBy(what: string, f: () => unknown): void {
  try {
    const r = f();
    console.log(`${what} returned ${label(r)}`);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${what} raised ${label(e)}`);
  }
}

function* gatheredWithExceptions(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const futs = [0, 1, 2].map(() => loop.createFuture());
  const tasks = [0, 1, 2].map((i) => asyncio.createTask(waiter(`t${i}`, futs[i]!)));
  yield* asyncio.sleep(0);
  tasks[0]!.cancel();
  tasks[1]!.cancel("msg");
  tasks[2]!.cancel();
  const results = yield* asyncio.gather(...tasks, { returnExceptions: true });
  for (const [i, r] of results.entries()) console.log(`results[${i}] ${label(r)}`);
  const again = yield* asyncio.gather(...tasks, { returnExceptions: true });
  console.log(`again[0] ${label(again[0])}`);
  for (let i = 0; i < 2; i++) {
    raisedBy(`futs[${i}].exception()`, () => futs[i]!.exception());
    raisedBy(`futs[${i}].exception() again`, () => futs[i]!.exception());
  }
  for (let i = 0; i < 2; i++) {
    raisedBy(`tasks[${i}].exception()`, () => tasks[i]!.exception());
    raisedBy(`tasks[${i}].exception() again`, () => tasks[i]!.exception());
    raisedBy(`tasks[${i}].result()`, () => tasks[i]!.result());
  }
  try {
    yield* tasks[2]!;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await tasks[2] raised ${label(e)}`);
  }
  try {
    yield* tasks[2]!;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`await tasks[2] again raised ${label(e)}`);
  }
}

function* gatheredFailing(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture();
  const t = asyncio.createTask(waiter("u", fut));
  const other = loop.createFuture();
  const g = asyncio.gather(t, other);
  yield* asyncio.sleep(0);
  t.cancel("stop");
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`gather raised ${label(e)}`);
  }
  raisedBy("u.exception()", () => t.exception());
  raisedBy("g.exception()", () => g.exception());
  other.cancel();
}

function* sleeper(name: string): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(5);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${name} caught ${label(e)}`);
    throw e;
  }
}

function* timedOut(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
      yield* sleeper("in timeout");
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`timeout raised TimeoutError, __cause__ ${label(e.cause)}`);
  }
  try {
    yield* asyncio.waitFor(sleeper("in wait_for"), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`wait_for raised TimeoutError, __cause__ ${label(e.cause)}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  yield* gatheredWithExceptions();
  yield* gatheredFailing();
  yield* timedOut();
}

await asyncio.run(main(), { virtualTime: true });
