// Pins: the seed program: a TaskGroup waits for all its children (2 s total
// for two 2 s tasks, not 4 s); children start in creation order after the
// body yields; results are read from the tasks after exit.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* sendMessage(to: string): asyncio.Coroutine<string> {
  console.log(`${now()} Sending message to ${to}`);
  yield* asyncio.sleep(2);
  console.log(`${now()} Message sent to ${to}`);
  return `Completed message to ${to}`;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  let t1!: asyncio.Task<string>;
  let t2!: asyncio.Task<string>;
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    t1 = tg.createTask(sendMessage("John Doe"));
    t2 = tg.createTask(sendMessage("Anna Herb"));
    console.log(`${now()} body done`);
  });
  console.log(`${now()} group exited`);
  console.log(show([t1.result(), t2.result()]));
}

await asyncio.run(main(), { virtualTime: true });
