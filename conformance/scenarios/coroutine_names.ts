// Pins: the coroutine a Task names in its repr (coro=<NAME()>) where the
// library makes the coroutine or starts the Task: a Task made on
// staggered_race() and the Tasks staggered_race starts, one per attempt
// (its run_one_coro, a function local to it), while they are pending and
// once done. `name` keeps the Task's name and the coroutine's: CPython's
// repr adds the source line, which asyncio-ts cannot know outside debug
// mode, and asyncio-ts's names are camelCase (staggeredRace), which the
// twin writes in snake_case to compare them.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function name(task: asyncio.Task<unknown>): string {
  const coro = /coro=<(\S+?)\(\)/.exec(String(task))![1]!;
  const snake = coro.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  const state = task.done() ? "done" : "pending";
  return `${task.getName()} ${state} coro=<${snake}()>`;
}

function* fails(x: string): asyncio.Coroutine<never> {
  yield* asyncio.sleep(1);
  throw new asyncio.ValueError(x);
}

function* succeeds(x: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(5);
  return x;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const race = asyncio.createTask(
    asyncio.staggeredRace([() => fails("a"), () => succeeds("b"), () => succeeds("c")], 2),
  );
  yield* asyncio.sleep(3);
  const tasks = [...asyncio.allTasks()].sort(
    (a, b) => Number(a.getName().split("-")[1]) - Number(b.getName().split("-")[1]),
  );
  for (const t of tasks) console.log(`${now()} ${name(t)}`);
  const [winner, index] = yield* race;
  console.log(`${now()} won by ${index}: ${winner}`);
  console.log(`${now()} ${name(race)}`);
}

await asyncio.run(main(), { virtualTime: true });
