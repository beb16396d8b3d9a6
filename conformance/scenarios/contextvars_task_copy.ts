// Pins: a task runs in a copy of its creator's context taken at creation:
// it sees values set before create_task, not after; its own set() is
// invisible to the creator and to sibling tasks.
import * as asyncio from "../../src/index.js";

const cvar = new asyncio.ContextVar<string>("var", { default: "default" });

function* child(name: string): asyncio.Coroutine<void> {
  console.log(`${name} sees ${cvar.get()}`);
  cvar.set(`set by ${name}`);
  yield* asyncio.sleep(0);
  console.log(`${name} now sees ${cvar.get()}`);
}

function* main(): asyncio.Coroutine<void> {
  console.log(`main sees ${cvar.get()}`);
  cvar.set("before create");
  const a = asyncio.createTask(child("a"));
  cvar.set("after create");
  const b = asyncio.createTask(child("b"));
  yield* a;
  yield* b;
  console.log(`main sees ${cvar.get()}`);
}

await asyncio.run(main(), { virtualTime: true });
