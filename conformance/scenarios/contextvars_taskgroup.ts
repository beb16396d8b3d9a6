// Pins: TaskGroup children copy the parent's context at create_task, and
// copy_context().run() runs a function in an isolated copy.
import * as asyncio from "../../src/index.js";

const cvar = new asyncio.ContextVar<string>("var", { default: "default" });

function* child(name: string): asyncio.Coroutine<void> {
  console.log(`${name} sees ${cvar.get()}`);
  cvar.set(name);
}

function inCopy(): string {
  cvar.set("set in copy");
  return cvar.get();
}

function* main(): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    cvar.set("one");
    tg.createTask(child("c1"));
    cvar.set("two");
    tg.createTask(child("c2"));
  });
  console.log(`main sees ${cvar.get()}`);
  const ctx = asyncio.copyContext();
  console.log(`copy run returned ${ctx.run(inCopy)}`);
  console.log(`main still sees ${cvar.get()}, copy holds ${ctx.get(cvar)}`);
}

await asyncio.run(main(), { virtualTime: true });
