// Pins: default task names come from one counter, "Task-1" being the main
// task of run(); every unnamed task (including those gather makes for
// coroutines) takes the next number; a task given name= does not consume a
// number; set_name() renames.
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

function* noop(): asyncio.Coroutine<string> {
  return asyncio.currentTask()!.getName();
}

function* main(): asyncio.Coroutine<void> {
  console.log(`main is ${asyncio.currentTask()!.getName()}`);
  const t = asyncio.createTask(noop());
  const named = asyncio.createTask(noop(), { name: "custom" });
  console.log(`${t.getName()} ${named.getName()}`);
  const names = yield* asyncio.gather(noop(), noop());
  console.log(`gather children ran as ${show(names)}`);
  const t2 = asyncio.createTask(noop());
  console.log(`next unnamed is ${t2.getName()}`);
  t2.setName("renamed");
  const inside = yield* t2;
  console.log(`inside: ${inside}`);
  yield* t;
  yield* named;
}

await asyncio.run(main(), { virtualTime: true });
