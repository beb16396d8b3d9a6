/**
 * Introspection: Task.getStack/printStack and the call graph (Python 3.14's
 * capture_call_graph / format_call_graph), asserted on edges and frame names.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";

function run<T>(main: asyncio.Coroutine<T>, debug = true): Promise<T> {
  return asyncio.run(main, { virtualTime: true, debug });
}

function* leafWaits(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(1);
}
function* middleDelegates(): asyncio.Coroutine<void> {
  yield* leafWaits();
}

const names = (g: asyncio.FutureCallGraph): string[] =>
  g.callStack.map((e) => e.frame.functionName);

/** Identity comparison of Futures without letting a failing diff walk the whole loop graph. */
function expectSameFutures(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((f, i) => {
    expect(f === expected[i]).toBe(true);
  });
}

describe("call graph edges", () => {
  test("a TaskGroup child is awaited by the group's parent task", async () => {
    await run(
      (function* () {
        const parent = asyncio.currentTask()!;
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
          const child = tg.createTask(middleDelegates(), { name: "child" });
          yield* asyncio.sleep(0);
          const graph = asyncio.captureCallGraph(child)!;
          expect(graph.future === child).toBe(true);
          expectSameFutures(
            graph.awaitedBy.map((g) => g.future),
            [parent],
          );
        });
      })(),
    );
  });

  test("gather's children are awaited by the gathering future, awaited by the task", async () => {
    await run(
      (function* () {
        const main = asyncio.currentTask()!;
        const a = asyncio.createTask(leafWaits());
        const waiter = asyncio.createTask(
          (function* () {
            yield* asyncio.gather(a);
          })(),
        );
        yield* asyncio.sleep(0.5);
        const graph = asyncio.captureCallGraph(a)!;
        expect(graph.awaitedBy).toHaveLength(1);
        const gathering = graph.awaitedBy[0]!;
        expect(gathering.future).not.toBeInstanceOf(asyncio.Task);
        expectSameFutures(
          gathering.awaitedBy.map((g) => g.future),
          [waiter],
        );
        expect(main === waiter).toBe(false);
        yield* waiter;
      })(),
    );
  });

  test("a task awaiting another task directly shows as its awaiter; edges go when it is done", async () => {
    await run(
      (function* () {
        const inner = asyncio.createTask(leafWaits());
        const outer = asyncio.createTask(
          (function* () {
            yield* inner;
          })(),
        );
        yield* asyncio.sleep(0.5);
        expectSameFutures(
          asyncio.captureCallGraph(inner)!.awaitedBy.map((g) => g.future),
          [outer],
        );
        yield* outer;
        expect(asyncio.captureCallGraph(inner)!.awaitedBy.length).toBe(0);
      })(),
    );
  });

  test("shield records the shielding task as awaiting the inner work", async () => {
    await run(
      (function* () {
        const inner = asyncio.createTask(leafWaits());
        const shielding = asyncio.createTask(
          (function* () {
            yield* asyncio.shield(inner);
          })(),
        );
        yield* asyncio.sleep(0.5);
        const awaiters = asyncio.captureCallGraph(inner)!.awaitedBy.map((g) => g.future);
        expect(awaiters.includes(shielding)).toBe(true);
        yield* shielding;
      })(),
    );
  });
});

describe("call stacks", () => {
  test("debug mode: a suspended task's call stack lists its coroutines, newest first", async () => {
    await run(
      (function* () {
        const t = asyncio.createTask(middleDelegates());
        yield* asyncio.sleep(0.5);
        expect(names(asyncio.captureCallGraph(t)!)).toEqual(["leafWaits", "middleDelegates"]);
        yield* t;
      })(),
    );
  });

  test("without debug mode a suspended task's frames cannot be seen", async () => {
    await run(
      (function* () {
        const t = asyncio.createTask(middleDelegates());
        yield* asyncio.sleep(0.5);
        expect(asyncio.captureCallGraph(t)!.callStack.length).toBe(0);
        expect(t.getStack().length).toBe(0);
        yield* t;
      })(),
      false,
    );
  });

  test("the current task's call stack is the live one", async () => {
    function* inspectSelf(): asyncio.Coroutine<string[]> {
      return names(asyncio.captureCallGraph()!);
    }
    function* outerCaller(): asyncio.Coroutine<string[]> {
      return yield* inspectSelf();
    }
    const stack = await run(outerCaller(), false);
    expect(stack).toEqual(["inspectSelf", "outerCaller"]);
  });

  test("captureCallGraph() outside a loop is a RuntimeError; in a plain callback it is undefined", async () => {
    expect(() => asyncio.captureCallGraph()).toThrow(asyncio.RuntimeError);
    await run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<unknown>();
        loop.callSoon(() => fut.setResult(asyncio.captureCallGraph()));
        expect((yield* fut) === undefined).toBe(true);
      })(),
    );
  });

  test("formatCallGraph lays the tree out as Python does", async () => {
    await run(
      (function* () {
        const t = asyncio.createTask(middleDelegates(), { name: "worker" });
        const waiter = asyncio.createTask(
          (function* () {
            yield* t;
          })(),
          { name: "boss" },
        );
        yield* asyncio.sleep(0.5);
        const lines = asyncio.formatCallGraph(t).split("\n");
        expect(lines[0]).toMatch(/^\* Task\(name='worker', id=0x[0-9a-f]+\)$/);
        expect(lines[1]).toBe("  + Call stack:");
        expect(lines[2]).toMatch(
          /^ {2}\| {3}File '.*call-graph\.test\.ts', line \d+, in leafWaits\(\)$/,
        );
        expect(lines).toContain("  + Awaited by:");
        expect(lines.some((l) => /^ {4}\* Task\(name='boss', id=0x[0-9a-f]+\)$/.test(l))).toBe(
          true,
        );
        yield* waiter;
      })(),
    );
  });
});

describe("Task.getStack and printStack", () => {
  test("a suspended task's stack is outermost first (debug mode); limit keeps the newest", async () => {
    await run(
      (function* () {
        const t = asyncio.createTask(middleDelegates());
        yield* asyncio.sleep(0.5);
        expect(t.getStack().map((f) => f.functionName)).toEqual(["middleDelegates", "leafWaits"]);
        expect(t.getStack({ limit: 1 }).map((f) => f.functionName)).toEqual(["leafWaits"]);
        let printed = "";
        t.printStack({ file: { write: (s) => (printed += s) } });
        expect(printed).toMatch(/^Stack for <Task pending name='Task-\d+'/);
        expect(printed).toMatch(/in middleDelegates\n.*in leafWaits\n$/);
        yield* t;
      })(),
    );
  });

  test("a finished task has no stack; a failed one shows its traceback and error", async () => {
    function* failsHere(): asyncio.Coroutine<void> {
      throw new asyncio.ValueError("broken");
    }
    await run(
      (function* () {
        const ok = asyncio.createTask(leafWaits());
        const bad = asyncio.createTask(failsHere());
        yield* asyncio.gather(ok, bad, { returnExceptions: true });
        expect(ok.getStack().length).toBe(0);
        expect(bad.getStack().map((f) => f.functionName)).toContain("failsHere");
        let printed = "";
        bad.printStack({ file: { write: (s) => (printed += s) } });
        expect(printed).toMatch(/^Traceback for <Task finished/);
        expect(printed.trimEnd().split("\n").at(-1)).toBe("ValueError: broken");
        let none = "";
        ok.printStack({ file: { write: (s) => (none += s) } });
        expect(none).toMatch(/^No stack for <Task finished/);
      })(),
    );
  });
});
