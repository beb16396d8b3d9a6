/**
 * Python's built-in exceptions that asyncio-ts exports for ported code:
 * names, messages and class tree as CPython 3.13 has them.
 */
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
