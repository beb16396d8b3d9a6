// Pins: an eagerly started task runs its first step inside the Task
// constructor: its prints come before the caller's next line, current_task()
// is the new task during that step and the caller again afterwards; a task
// that finishes without suspending is done at once and its coroutine is
// dropped (test_eager_completion, test_current_task); a normal task created
// alongside runs only later.
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function* quick(name: string): asyncio.Coroutine<string> {
  console.log(`${name} runs in ${asyncio.currentTask()!.getName()}`);
  return name.toUpperCase();
}

function* main(): asyncio.Coroutine<void> {
  const me = asyncio.currentTask();
  const lazy = asyncio.createTask(quick("lazy"), { name: "lazy-task" });
  console.log("lazy created");
  const t = asyncio.createTask(quick("eager"), { name: "eager-task", eagerStart: true });
  console.log(
    `eager created: done=${show(t.done())} result=${show(t.result())} coro=${show(t.getCoro())}`,
  );
  console.log(`current task is main again=${show(asyncio.currentTask() === me)}`);
  console.log(`in all_tasks=${show(asyncio.allTasks().has(t))}`);
  console.log(`lazy done before await=${show(lazy.done())}`);
  console.log(`lazy -> ${show(yield* lazy)}`);
  t.cancel();
  console.log(
    `cancel after eager completion: cancelled=${show(t.cancelled())} -> ${show(yield* t)}`,
  );
}

await asyncio.run(main(), { virtualTime: true });
