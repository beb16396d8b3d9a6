// Pins: with loop.set_task_factory(asyncio.eager_task_factory) every
// create_task runs the coroutine's first step at once; a task that sets a
// future during that step has done so when create_task returns
// (test_await_future_during_eager_step); TaskGroup children and gather's
// coroutines start eagerly too; all_tasks() holds a finished eager task only
// during its step (test_all_tasks_with_eager_completion); context variables
// set in the eager step stay in the task's context (test_context_vars).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

const cv = new asyncio.ContextVar<number>("cv", { default: 0 });

function* child(name: string, delay: number): asyncio.Coroutine<string> {
  console.log(`${name} starts`);
  yield* asyncio.sleep(delay);
  console.log(`${name} ends`);
  return name;
}

function* setResult(fut: asyncio.Future<string>, v: string): asyncio.Coroutine<void> {
  fut.setResult(v);
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.setTaskFactory(asyncio.eagerTaskFactory);
  console.log(`factory set=${show(loop.getTaskFactory() === asyncio.eagerTaskFactory)}`);
  const fut = loop.createFuture<string>();
  let t: asyncio.Task<void> = asyncio.createTask(setResult(fut, "my message"));
  console.log(`after create_task: task done=${show(t.done())} fut done=${show(fut.done())}`);
  console.log(`fut -> ${show(yield* fut)}`);

  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    tg.createTask(child("tg-1", 1));
    console.log("body after first child");
    tg.createTask(child("tg-2", 0.5));
    console.log("body after second child");
  });
  console.log(`gather -> ${show(yield* asyncio.gather(child("g-1", 1), child("g-2", 0)))}`);

  const seen: boolean[] = [];

  function* capture(): asyncio.Coroutine<void> {
    seen.push(asyncio.allTasks().has(asyncio.currentTask()!));
  }

  t = asyncio.createTask(capture());
  console.log(
    `in all_tasks during its step=${show(seen[0])} after=${show(asyncio.allTasks().has(t))}`,
  );

  function* ctx(): asyncio.Coroutine<void> {
    console.log(`ctx sees ${cv.get()}`);
    cv.set(2);
    yield* asyncio.sleep(0);
    console.log(`ctx after suspension sees ${cv.get()}`);
  }

  cv.set(1);
  t = asyncio.createTask(ctx());
  console.log(`caller sees ${cv.get()}`);
  yield* t;
  console.log(`caller after await sees ${cv.get()}`);
}

await asyncio.run(main(), { virtualTime: true });
