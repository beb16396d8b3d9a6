// Pins: wait() with the default ALL_COMPLETED returns when every future is
// done, errors included (no exception raised, test_wait_with_exception);
// duplicates count once (test_wait_duplicate_coroutines); an iterator or
// generator of tasks is accepted (test_wait_with_iterator_of_tasks,
// test_wait_generator); waiting again on done futures takes no time
// (test_wait).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* value<T>(delay: number, v: T): asyncio.Coroutine<T> {
  yield* asyncio.sleep(delay);
  return v;
}

function* fail(delay: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  throw new asyncio.ValueError("boom");
}

function outcome(f: asyncio.Future<unknown>): string {
  return f.exception() ? describe(f.exception()) : show(f.result());
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const a = asyncio.createTask(value(1, "a"));
  const b = asyncio.createTask(fail(2));
  let [done, pending] = yield* asyncio.wait([b, a, a]);
  console.log(`${now()} done=${done.size} pending=${pending.size}`);
  console.log(`outcomes: ${[...done].map(outcome).sort().join(", ")}`);
  [done, pending] = yield* asyncio.wait([a, b]);
  console.log(`${now()} again: done=${done.size} pending=${pending.size}`);
  // A generator object would be taken for a coroutine (both are generators in
  // JavaScript), so the lazy iterable of tasks is an array iterator over a map.
  const tasks = [0, 1, 2].map((i) => asyncio.createTask(value(i, i))).values();
  const [gdone, gpending] = yield* asyncio.wait(tasks);
  const results = [...gdone].map((f) => f.result()).sort();
  console.log(`${now()} generator: ${show(results)} pending=${gpending.size}`);
  [done] = yield* asyncio.wait([a][Symbol.iterator]());
  console.log(`iterator: done=${done.size}`);
}

await asyncio.run(main(), { virtualTime: true });
