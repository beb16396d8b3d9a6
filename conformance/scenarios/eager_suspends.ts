// Pins: an eager task that suspends in its first step continues as a normal
// task: it is pending and in all_tasks() after the constructor, it resumes
// in scheduling order with other tasks, current_task() is the same object
// before and after the suspension (test_block_after_eager_step,
// test_all_tasks_with_blocking, test_current_task); cancelling it after the
// eager step delivers the message (test_cancellation_after_eager_step_blocks).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

function* stepper(name: string, hops: number): asyncio.Coroutine<string> {
  const me = asyncio.currentTask();
  console.log(`${name} step 0`);
  for (let i = 1; i <= hops; i++) {
    yield* asyncio.sleep(0);
    console.log(`${name} step ${i} same task=${show(asyncio.currentTask() === me)}`);
  }
  return name;
}

function* main(): asyncio.Coroutine<void> {
  const a = asyncio.createTask(stepper("lazy", 2));
  const b = asyncio.createTask(stepper("eager", 2), { eagerStart: true });
  console.log(
    `after constructors: eager done=${show(b.done())} in all_tasks=${show(asyncio.allTasks().has(b))}`,
  );
  console.log(`gather -> ${show(yield* asyncio.gather(a, b))}`);
  console.log(`after: in all_tasks=${show(asyncio.allTasks().has(b))}`);
  const c = asyncio.createTask(stepper("doomed", 1), { eagerStart: true });
  c.cancel("cancellation message");
  console.log(`cancelling=${c.cancelling()}`);
  try {
    yield* c;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`doomed -> ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
