/**
 * Coroutine names in Task reprs, as CPython's `coro=<send_message() running
 * at x.py:3>`, wherever they can be known (core/kernel/coroutine-name.ts): from the
 * stack in debug mode or for the running Task, and from `asyncio.coroutine`,
 * which also keeps its calls' arguments for traces.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";

const file = fileURLToPath(import.meta.url);
/** The line of this file that holds `marker`, for the places reprs point at. */
const lineOf = (marker: string): number =>
  readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(marker)) + 1;

function* sendMessage(to: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1); // suspends here
  return `Completed message to ${to}`;
}

const wrapped = asyncio.coroutine(function* sendWrapped(to: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1); // the wrapped one suspends here
  return to;
});

function run<T>(main: asyncio.Coroutine<T>, debug: boolean): Promise<T> {
  return asyncio.run(main, { virtualTime: true, debug });
}

describe("in debug mode", () => {
  test("a suspended Task names its coroutine and the line it waits at", async () => {
    const seen = await run(
      (function* () {
        const task = asyncio.createTask(sendMessage("John Doe"));
        const before = String(task);
        yield* asyncio.sleep(0);
        const during = String(task);
        yield* task;
        return [before, during, String(task)];
      })(),
      true,
    );
    // Before its first step no stack was seen: CPython would say "running at" the def line.
    expect(seen[0]).toMatch(/^<Task pending name='Task-\d+' coro=<coroutine>/);
    expect(seen[1]).toMatch(
      new RegExp(
        `^<Task pending name='Task-\\d+' coro=<sendMessage\\(\\) running at ${escapeRegExp(file)}:${lineOf("// suspends here")}> wait_for=<Future pending`,
      ),
    );
    expect(seen[2]).toMatch(
      /^<Task finished name='Task-\d+' coro=<sendMessage\(\) done> result='Completed message to John Doe'>$/,
    );
  });
});

describe("in any mode", () => {
  test("the running Task names its own coroutine and where it runs", async () => {
    function* main(): asyncio.Coroutine<string> {
      return String(asyncio.currentTask()); // the running Task's repr
    }
    const repr = await run(main(), false);
    expect(repr).toMatch(
      new RegExp(
        `^<Task pending name='Task-\\d+' coro=<main\\(\\) running at ${escapeRegExp(file)}:${lineOf("// the running Task's repr")}>`,
      ),
    );
  });

  test("a suspended Task's coroutine is unnamed outside debug mode, unless asyncio.coroutine made it", async () => {
    const seen = await run(
      (function* () {
        const plain = asyncio.createTask(sendMessage("a"));
        const named = asyncio.createTask(wrapped("b"));
        yield* asyncio.sleep(0);
        const pending = [String(plain), String(named)];
        yield* asyncio.gather(plain, named);
        return [...pending, String(named)];
      })(),
      false,
    );
    expect(seen[0]).toMatch(/^<Task pending name='Task-\d+' coro=<coroutine> wait_for=/);
    expect(seen[1]).toMatch(/^<Task pending name='Task-\d+' coro=<sendWrapped\(\)> wait_for=/);
    expect(seen[2]).toMatch(
      /^<Task finished name='Task-\d+' coro=<sendWrapped\(\) done> result='b'>$/,
    );
  });

  test("with asyncio.coroutine and debug mode, the name and the place", async () => {
    const repr = await run(
      (function* () {
        const task = asyncio.createTask(wrapped("b"));
        yield* asyncio.sleep(0);
        const during = String(task);
        yield* task;
        return during;
      })(),
      true,
    );
    expect(repr).toContain(
      `coro=<sendWrapped() running at ${file}:${lineOf("// the wrapped one suspends here")}>`,
    );
  });
});

describe("asyncio.coroutine", () => {
  test("makes coroutine functions: named, passing `this` and arguments, refused by callSoon", async () => {
    expect(wrapped.name).toBe("sendWrapped");
    const counter = {
      step: 2,
      add: asyncio.coroutine(function* add(this: { step: number }, n: number) {
        yield* asyncio.sleep(0);
        return n + this.step;
      }),
    };
    expect(await run(counter.add(40), false)).toBe(42);
    const loop = new asyncio.EventLoop();
    expect(() => loop.callSoon(wrapped as unknown as () => void)).toThrow(
      "coroutines cannot be used with callSoon()",
    );
    loop.close();
  });

  test("while tracing, a Task's coroutine is still the one the caller made", async () => {
    const same = await run(
      (function* () {
        const tracer = asyncio.startTracing();
        const coro = wrapped("x");
        const task = asyncio.createTask(coro);
        const result = yield* task;
        tracer.stop();
        return task.getCoro() === coro && result === "x";
      })(),
      false,
    );
    expect(same).toBe(true);
  });

  test("a coroutine awaited directly reports its result, its error, or that it was closed", async () => {
    const fails = asyncio.coroutine(function* fails(): asyncio.Coroutine<never> {
      yield* asyncio.sleep(0);
      throw new asyncio.ValueError("no");
    });
    const trace = await run(
      (function* () {
        const tracer = asyncio.startTracing();
        yield* wrapped("ok");
        try {
          yield* fails();
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch {}
        const closed = wrapped("closed");
        closed.next();
        closed.return("early");
        return tracer.stop();
      })(),
      false,
    );
    const ends = trace.events.flatMap((e) =>
      e.kind === "awaitEnded" ? [[e.call, e.outcome]] : [],
    );
    expect(ends).toEqual([
      ['sendWrapped("ok")', { kind: "returned", value: '"ok"' }],
      ["fails()", { kind: "raised", error: "ValueError: no" }],
      ['sendWrapped("closed")', { kind: "cancelled" }],
    ]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
