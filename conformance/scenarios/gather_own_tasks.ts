// Pins: the Tasks gather makes for its coroutines are made as create_task
// makes them: named from the one counter in argument order and first stepped
// in that order, after the callbacks already queued, also when a Future comes
// first (the coroutines then go on that Future's loop); with a task factory
// set on the loop, the factory makes each of them, in argument order.
// (CPython 3.13.0 then renames each Task 'None', a bug later versions fixed;
// the children made by the factory print no name.)
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function* child(name: string, named = true): asyncio.Coroutine<string> {
  const task = asyncio.currentTask()!;
  console.log(named ? `step ${name} as ${task.getName()}` : `step ${name}`);
  yield* asyncio.sleep(0);
  return name;
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();
  loop.callSoon(() => console.log("queued before"));
  loop.callSoon(() => fut.setResult("fut"));
  console.log(show(yield* asyncio.gather(fut, child("a"), child("b"))));
  const made: string[] = [];

  const factory: asyncio.TaskFactory = (l, coro, options) => {
    const task = new asyncio.Task(coro, { ...options, loop: l });
    made.push(task.getName());
    return task;
  };

  loop.setTaskFactory(factory);
  const g = asyncio.gather(child("c", false), child("d", false), child("e", false));
  loop.setTaskFactory(null);
  console.log(`factory made ${show(made)}`);
  console.log(show(yield* g));
}

await asyncio.run(main(), { virtualTime: true });
