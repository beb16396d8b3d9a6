/**
 * The tree browsers get (dist/browser/, scripts/build-browser.mjs): tsc's
 * output with internal property names shortened. What the shortening could
 * break, checked on it and on tsc's files alike: the names the declarations
 * show (a Queue subclass's `_init`/`_put`/`_get`), the Task's frame that a
 * stack is cut at (`_resumeCoroutine`), the properties the code names in
 * strings (a Future whose constructor never ran), and the fields whose names
 * their functions take (a TaskGroup's callback in a repr).
 * test/browser.test.ts runs a whole program from it in Chromium.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import type { Coroutine } from "../src/core/index.js";

type Asyncio = typeof import("../src/core/index.js");

const root = join(import.meta.dirname, "..");
const trees = { "tsc's files": "dist/src", "the browser tree": "dist/browser" };

async function load(tree: string): Promise<Asyncio> {
  return (await import(pathToFileURL(join(root, tree, "core", "index.js")).href)) as Asyncio;
}

describe.each(Object.entries(trees))("%s", (_, tree) => {
  test("a Queue subclass overrides _init, _put and _get and keeps its items in _queue, as the declarations allow", async () => {
    const asyncio = await load(tree);
    // Smallest first, as a user's own priority queue might.
    class Sorted extends asyncio.Queue<number> {
      declare protected _queue: number[];
      protected override _init(): void {
        this._queue = [];
      }
      protected override _put(item: number): void {
        this._queue.push(item);
        this._queue.sort((a, b) => b - a);
      }
      protected override _get(): number {
        return this._queue.pop()!;
      }
    }
    function* main(): Coroutine<number[]> {
      const queue = new Sorted();
      for (const n of [2, 3, 1]) queue.putNowait(n);
      const taken: number[] = [];
      for (let i = 0; i < 3; i++) taken.push(yield* queue.get());
      return taken;
    }
    expect(await asyncio.run(main(), { virtualTime: true })).toEqual([1, 2, 3]);
  });

  test("a Task's stack shows its coroutines, cut where the Task resumes them", async () => {
    const asyncio = await load(tree);
    function* inner(): Coroutine<string[]> {
      const task = asyncio.currentTask()!;
      return task.getStack().map((frame) => frame.functionName);
    }
    function* outer(): Coroutine<string[]> {
      return yield* inner();
    }
    expect(await asyncio.run(outer(), { virtualTime: true })).toEqual(["outer", "inner"]);
  });

  test("a Task's repr names the callbacks of a TaskGroup and of asCompleted, which take their fields' names", async () => {
    const asyncio = await load(tree);
    function* child(): Coroutine<void> {
      yield* asyncio.sleep(1);
    }
    function* main(): Coroutine<string[]> {
      const reprs: string[] = [];
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        const task = tg.createTask(child());
        yield* asyncio.sleep(0);
        reprs.push(String(task));
      });
      const task = asyncio.ensureFuture(child());
      const first = asyncio.asCompleted([task])[Symbol.iterator]().next();
      reprs.push(String(task));
      yield* first.value!;
      return reprs.map((repr) => / cb=\[(\w+)\(\)\]>$/.exec(repr)?.[1] ?? repr);
    }
    expect(await asyncio.run(main(), { virtualTime: true })).toEqual([
      "_onTaskDone",
      "_handleCompletion",
    ]);
  });

  test("a Future whose constructor never ran fails as CPython's does", async () => {
    const asyncio = await load(tree);
    const future = Object.create(asyncio.Future.prototype) as InstanceType<typeof asyncio.Future>;
    expect(() => future.getLoop()).toThrow("Future object is not initialized.");
    expect(() => future.result()).toThrow("Future object is not initialized.");
  });
});

describe("the browser tree", () => {
  test("internal names are shortened with a $ in front; a name the code also has as a string is kept", async () => {
    const asyncio = await load(trees["the browser tree"]);
    const loop = new asyncio.EventLoop({ virtualTime: true });
    const own = Object.keys(loop);
    loop.close();
    expect(own.filter((name) => name.startsWith("_"))).toEqual([]);
    expect(own.filter((name) => name.startsWith("$")).length).toBeGreaterThan(20);
    // tools/trace.ts looks Futures up by their Python class name, `_GatheringFuture` among them.
    const trace = readFileSync(join(root, "dist", "browser", "tools", "trace.js"), "utf8");
    expect(trace).toMatch(/\b_GatheringFuture: "gather\(\)"/);
  });
});
