/**
 * What `asyncio-ts ps` reads inside the program (src/tools/task-snapshot.ts,
 * reached through src/node/ps-hook.ts): the running loops, each pending
 * Task with the call graph's id, the Tasks awaiting it (through gather's
 * and shield's Futures to the Task behind them), what it waits on where
 * something names it, its frames in debug mode; and the provider the Node
 * entry leaves on the global object.
 */
import * as asyncio from "asyncio-ts";
import { expect, test } from "vitest";
import { _loopsInRun } from "../src/core/kernel/index.js";
import { PS_PROVIDERS_KEY, type PsLoop, type PsTask } from "../src/tools/ps-protocol.js";
import { snapshotLoops } from "../src/tools/task-snapshot.js";

function* forever(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(3600);
}

function snapshot(): { loops: PsLoop[]; coroutines: unknown[]; byName: Map<string, PsTask> } {
  const coroutines: unknown[] = [];
  const loops = snapshotLoops([asyncio.getRunningLoop()], coroutines);
  return { loops, coroutines, byName: new Map(loops[0]!.tasks.map((t) => [t.name, t])) };
}

test("a running loop is listed while it runs, and no longer once it stopped", async () => {
  const loop = new asyncio.EventLoop({ virtualTime: true });
  const during = await loop.runUntilComplete(
    (function* () {
      return _loopsInRun().includes(loop);
    })(),
  );
  expect(during).toBe(true);
  expect(_loopsInRun().includes(loop)).toBe(false);
  loop.close();
});

test("edges through TaskGroup, gather, shield and a Task awaited directly; ids are the call graph's", async () => {
  await asyncio.run(
    (function* () {
      const main = asyncio.currentTask()!;
      const leaf = asyncio.createTask(forever(), { name: "leaf" });
      const gathered = asyncio.createTask(forever(), { name: "gathered" });
      const shielded = asyncio.createTask(forever(), { name: "shielded" });
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(
          (function* () {
            yield* leaf;
          })(),
          { name: "direct" },
        );
        tg.createTask(
          (function* () {
            yield* asyncio.gather(gathered);
          })(),
          { name: "gathering" },
        );
        tg.createTask(
          (function* () {
            yield* asyncio.shield(shielded);
          })(),
          { name: "shielding" },
        );
        yield* asyncio.sleep(1);
        const { loops, coroutines, byName } = snapshot();
        expect(loops[0]!.debug).toBe(false);
        const id = (name: string): number => byName.get(name)!.id;
        expect(byName.get("direct")!.awaitedBy).toEqual([id(main.getName())]);
        expect(byName.get("leaf")!.awaitedBy).toEqual([id("direct")]);
        expect(byName.get("gathered")!.awaitedBy).toEqual([id("gathering")]);
        expect(byName.get("shielded")!.awaitedBy).toEqual([id("shielding")]);
        expect(byName.get(main.getName())!.awaitedBy).toEqual([]);
        expect(byName.get("gathering")!.awaits).toBe("gather()");
        // A Task awaited is an edge, not a label; an unlabelled Future says nothing.
        expect(byName.get("direct")!.awaits).toBe(null);
        expect(byName.get("leaf")!.awaits).toBe(null);
        // Each Task's coroutine is handed over, for the inspector to read.
        for (const task of byName.values()) expect(coroutines[task.coroutine]).toBeDefined();
        // The call graph numbers the same Task the same.
        expect(asyncio.formatCallGraph(leaf)).toContain(
          `* Task(name='leaf', id=0x${id("leaf").toString(16)})`,
        );
        expect(byName.get(main.getName())!.frames).toEqual([]);
        for (const t of [leaf, gathered, shielded]) t.cancel();
      });
    })(),
    { virtualTime: true },
  );
});

test("while the loop is traced, what a Task waits on has the tracer's label", async () => {
  await asyncio.run(
    (function* () {
      const queue = new asyncio.Queue<number>();
      const tracer = asyncio.startTracing();
      const getter = asyncio.createTask(queue.get(), { name: "getter" });
      const sleeper = asyncio.createTask(asyncio.sleep(2), { name: "sleeper" });
      yield* asyncio.sleep(0);
      const { byName } = snapshot();
      expect(byName.get("getter")!.awaits).toBe("Queue.get()");
      expect(byName.get("sleeper")!.awaits).toBe("sleep(2)");
      tracer.stop();
      getter.cancel();
      sleeper.cancel();
    })(),
    { virtualTime: true },
  );
});

test("a Task's coroutine is named as its repr names it: asyncio-ts's own, a function coroutine() made", async () => {
  const sendMessage = asyncio.coroutine(function* sendMessage(): asyncio.Coroutine<void> {
    yield* asyncio.sleep(3600);
  });
  await asyncio.run(
    (function* () {
      const lock = new asyncio.Lock();
      yield* lock.acquire();
      const tasks = [
        asyncio.createTask(new asyncio.Queue<number>().get(), { name: "getter" }),
        asyncio.createTask(new asyncio.Event().wait(), { name: "waiter" }),
        asyncio.createTask(lock.acquire(), { name: "acquirer" }),
        asyncio.createTask(asyncio.sleep(2), { name: "sleeper" }),
        asyncio.createTask(sendMessage(), { name: "sender" }),
        asyncio.createTask(forever(), { name: "plain" }),
      ];
      yield* asyncio.sleep(0);
      const { byName } = snapshot();
      const names = Object.fromEntries([...byName].map(([name, t]) => [name, t.coroutineName]));
      expect(names).toMatchObject({
        getter: "Queue.get",
        waiter: "Event.wait",
        acquirer: "Lock.acquire",
        sleeper: "sleep",
        sender: "sendMessage",
        // A generator the program cannot name: the inspector reads its function's.
        plain: null,
      });
      for (const t of tasks) t.cancel();
    })(),
    { virtualTime: true },
  );
});

function* inner(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(3600);
}
function* outer(): asyncio.Coroutine<void> {
  yield* inner();
}

test("in debug mode a Task's frames, innermost first", async () => {
  await asyncio.run(
    (function* () {
      const task = asyncio.createTask(outer(), { name: "nested" });
      yield* asyncio.sleep(0);
      const { loops, byName } = snapshot();
      expect(loops[0]!.debug).toBe(true);
      expect(byName.get("nested")!.frames.map((f) => f.functionName)).toEqual(["inner", "outer"]);
      task.cancel();
    })(),
    { virtualTime: true, debug: true },
  );
});

test("the Node entry leaves a provider on the global object, which lists the running loops", async () => {
  const providers = (globalThis as Record<symbol, unknown>)[Symbol.for(PS_PROVIDERS_KEY)];
  expect(Array.isArray(providers)).toBe(true);
  const provide = (providers as ((c: unknown[]) => PsLoop[])[])[0]!;
  expect(provide([])).toEqual([]);
  const names = await asyncio.run(
    (function* () {
      const task = asyncio.createTask(forever(), { name: "listed" });
      yield* asyncio.sleep(0);
      const loops = provide([]);
      task.cancel();
      return [asyncio.currentTask()!.getName(), loops.flatMap((l) => l.tasks.map((t) => t.name))];
    })(),
    { virtualTime: true },
  );
  expect(names[1]).toEqual([names[0], "listed"]);
});
