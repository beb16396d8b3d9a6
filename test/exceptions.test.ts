/**
 * Python's built-in exceptions that asyncio-ts exports for ported code:
 * names, messages and class tree as CPython 3.13 has them.
 */

import { inspect, types } from "node:util";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual } from "./helpers.js";

describe("KeyError and IndexError", () => {
  test("both are LookupErrors, named as in Python", () => {
    for (const cls of [asyncio.KeyError, asyncio.IndexError]) {
      const e = new cls("k");
      expect(e).toBeInstanceOf(asyncio.LookupError);
      expect(e).toBeInstanceOf(asyncio.PythonError);
      expect(e).not.toBeInstanceOf(asyncio.BaseException);
    }
    expect(new asyncio.KeyError("k").name).toBe("KeyError");
    expect(new asyncio.IndexError("i").name).toBe("IndexError");
  });

  test("a KeyError's message is its key's repr, as Python's str(KeyError(key)) is", () => {
    // CPython: str(KeyError('k')) == "'k'", str(KeyError(3)) == '3', str(KeyError()) == ''.
    expect(new asyncio.KeyError("k").message).toBe("'k'");
    expect(String(new asyncio.KeyError("k"))).toBe("KeyError: 'k'");
    expect(new asyncio.KeyError(3).message).toBe("3");
    expect(new asyncio.KeyError().message).toBe("");
    const cause = new Error("why");
    expect(new asyncio.KeyError("k", { cause }).cause).toBe(cause);
    expect(String(new asyncio.IndexError("pop from an empty deque"))).toBe(
      "IndexError: pop from an empty deque",
    );
  });

  test("in a Future's repr they print as CPython's: exception=KeyError('k')", async () => {
    const reprs = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        return [new asyncio.KeyError("k"), new asyncio.IndexError("i")].map((e) => {
          const f = loop.createFuture<never>();
          f.setException(e);
          f.exception();
          return String(f);
        });
      })(),
    );
    expect(reprs).toEqual([
      "<Future finished exception=KeyError('k')>",
      "<Future finished exception=IndexError('i')>",
    ]);
  });
});

describe("CancelledErrors the runtime makes", () => {
  /**
   * What the runtime itself made, by where it was seen: thrown into a Task
   * waiting on an Event (a wait without a Future of its own) and into one
   * waiting on a Future, and gather's results for both.
   */
  function* made(): asyncio.Coroutine<unknown[]> {
    const caught: unknown[] = [];
    function* catching(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<void> {
      try {
        yield* aw;
      } catch (e) {
        caught.push(e);
        throw e;
      }
    }
    const onEvent = asyncio.createTask(catching(new asyncio.Event().wait()));
    const onFuture = asyncio.createTask(catching(asyncio.getRunningLoop().createFuture()));
    yield* asyncio.sleep(0);
    onEvent.cancel("stop");
    onFuture.cancel();
    const results = yield* asyncio.gather(onEvent, onFuture, { returnExceptions: true });
    return [...caught, ...results];
  }

  /** The errors `made()` gives, and their stacks read at once. */
  async function madeAndStacks(): Promise<[unknown[], unknown[]]> {
    const errors = await runVirtual(made());
    return [errors, errors.map((e) => (e as Error).stack)];
  }

  /**
   * Runs `body` with `Error.prepareStackTrace` set to `hook` (vitest installs
   * one of its own), which formats a stack when it is first read.
   */
  async function withHook<T>(hook: unknown, body: () => Promise<T>): Promise<T> {
    const host = Error as { prepareStackTrace?: unknown };
    const previous = host.prepareStackTrace;
    host.prepareStackTrace = hook;
    try {
      return await body();
    } finally {
      host.prepareStackTrace = previous;
    }
  }

  test("are native errors whose stack is their header, as a capture of no frames prints", async () => {
    // No hook: the host's own formatting, as in a browser (and Node's own hook formats the same).
    const [errors, stacks] = await withHook(undefined, madeAndStacks);
    expect(stacks).toEqual([
      "CancelledError: stop",
      "CancelledError",
      "CancelledError",
      "CancelledError",
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(asyncio.CancelledError);
      expect(types.isNativeError(e)).toBe(true);
      expect(inspect(e)).toBe(`[${(e as Error).stack}]`);
      expect(Object.getOwnPropertyDescriptor(e, "stack")?.enumerable).toBe(false);
    }
    expect(new Set(errors).size).toBe(4);
  });

  test("a program's own Error.prepareStackTrace formats their stack, with no frames", async () => {
    const hook = (error: Error, frames: unknown[]) => `${error.name} (${frames.length} frames)`;
    const [, stacks] = await withHook(hook, madeAndStacks);
    expect(stacks).toEqual(Array(4).fill("CancelledError (0 frames)"));
  });
});
