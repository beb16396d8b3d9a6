// Pins: call_soon/call_later/call_at with context= run the callback in that
// Context itself (what it sets stays there) and pass it no extra argument;
// without context= a callback runs in a copy of the caller's Context; the
// exception handler runs in the Context of the failing Handle or Task (3.12+).
import * as asyncio from "../../src/index.js";

const v = new asyncio.ContextVar("v", { default: "unset" });

function* fails(): asyncio.Coroutine<never> {
  v.set("task-ctx");
  throw new asyncio.ValueError("task failed");
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.setExceptionHandler((_loop, c) =>
    console.log(`handler: ${String(c.message).split(" ")[0]} sees v=${v.get()}`),
  );
  const ctx = new asyncio.Context();

  function setter(...args: unknown[]): void {
    v.set("set-in-cb");
    console.log(`setter args=${args.length}`);
  }

  loop.callSoon(setter, { context: ctx });
  loop.callLater(0.5, (...a: unknown[]) => console.log(`later args=${a.length} v=${v.get()}`), {
    context: ctx,
  });
  loop.callAt(loop.time() + 1, (x: string) => console.log(`at ${x} v=${v.get()}`), "one", {
    context: ctx,
  });
  v.set("main");
  loop.callSoon(() => console.log(`copy sees v=${v.get()}`));
  v.set("main-later");

  function boom(): void {
    throw new asyncio.RuntimeError("callback failed");
  }

  const ctx2 = asyncio.copyContext();
  ctx2.run(() => v.set("handle-ctx"));
  loop.callSoon(boom, { context: ctx2 });
  const task = asyncio.createTask(fails());
  yield* asyncio.sleep(2);
  console.log(`ctx has v=${ctx.get(v)}; main has v=${v.get()}`);
  try {
    task.result();
  } catch (e) {
    console.log(`task raised ${(e as Error).message}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
