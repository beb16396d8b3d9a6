import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { thrown } from "./helpers.js";

class KeyError extends asyncio.LookupError {}

/** The structure of a group as nested arrays of `Name(message)` strings. */
function shape(e: unknown): unknown {
  if (e instanceof asyncio.BaseExceptionGroup) {
    return { [`${e.name}(${e.message})`]: e.exceptions.map(shape) };
  }
  return e instanceof Error ? `${e.name}(${e.message})` : e;
}

function sample(): asyncio.ExceptionGroup {
  return new asyncio.ExceptionGroup("outer", [
    new asyncio.ValueError("1"),
    new asyncio.ExceptionGroup("inner", [new KeyError("2"), new asyncio.ValueError("3")]),
    new TypeError("4"),
  ]);
}

describe("construction", () => {
  test("an ExceptionGroup keeps the bare message and its members", () => {
    const a = new asyncio.ValueError("a");
    const b = new TypeError("b");
    const eg = new asyncio.ExceptionGroup("two errors", [a, b]);
    expect(eg.message).toBe("two errors");
    expect(eg.exceptions).toEqual([a, b]);
    expect(eg.exceptions[0]).toBe(a);
    expect(eg.name).toBe("ExceptionGroup");
  });

  test("a group is an AggregateError, an Error and a BaseExceptionGroup", () => {
    const a = new asyncio.ValueError("a");
    const eg = new asyncio.ExceptionGroup("m", [a]);
    expect(eg).toBeInstanceOf(AggregateError);
    expect(eg).toBeInstanceOf(Error);
    expect(eg).toBeInstanceOf(asyncio.BaseExceptionGroup);
    expect(eg).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(eg.errors).toEqual([a]);
  });

  test("the members list is a copy that cannot be changed", () => {
    const list: unknown[] = [new asyncio.ValueError("a")];
    const eg = new asyncio.ExceptionGroup("m", list);
    list.push(new TypeError("later"));
    expect(eg.exceptions).toHaveLength(1);
    expect(Object.isFrozen(eg.exceptions)).toBe(true);
  });

  test("BaseExceptionGroup picks ExceptionGroup when no member is a BaseException", () => {
    const eg = new asyncio.BaseExceptionGroup("m", [new asyncio.ValueError("a"), new TypeError()]);
    expect(eg).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(eg.name).toBe("ExceptionGroup");
  });

  test("BaseExceptionGroup stays a BaseExceptionGroup with a BaseException member", () => {
    const beg = new asyncio.BaseExceptionGroup("m", [
      new asyncio.ValueError("a"),
      new asyncio.KeyboardInterrupt(),
    ]);
    expect(beg).not.toBeInstanceOf(asyncio.ExceptionGroup);
    expect(beg.name).toBe("BaseExceptionGroup");
  });

  test("a nested BaseExceptionGroup counts as a BaseException member", () => {
    const inner = new asyncio.BaseExceptionGroup("inner", [new asyncio.CancelledError()]);
    const outer = new asyncio.BaseExceptionGroup("outer", [inner]);
    expect(outer).not.toBeInstanceOf(asyncio.ExceptionGroup);
    const ok = new asyncio.BaseExceptionGroup("outer", [
      new asyncio.ExceptionGroup("inner", [new asyncio.ValueError()]),
    ]);
    expect(ok).toBeInstanceOf(asyncio.ExceptionGroup);
  });

  test.each([
    ["KeyboardInterrupt", () => new asyncio.KeyboardInterrupt()],
    ["SystemExit", () => new asyncio.SystemExit(1)],
    ["CancelledError", () => new asyncio.CancelledError()],
    [
      "BaseExceptionGroup",
      () => new asyncio.BaseExceptionGroup("b", [new asyncio.KeyboardInterrupt()]),
    ],
  ])("ExceptionGroup refuses a %s member with TypeError", (_name, make) => {
    expect(() => new asyncio.ExceptionGroup("m", [new asyncio.ValueError(), make()])).toThrow(
      new TypeError("Cannot nest BaseExceptions in an ExceptionGroup"),
    );
  });

  test("an empty list of exceptions raises ValueError", () => {
    for (const make of [
      () => new asyncio.ExceptionGroup("m", []),
      () => new asyncio.BaseExceptionGroup("m", []),
    ]) {
      let caught: unknown;
      try {
        make();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(asyncio.ValueError);
      expect((caught as Error).message).toBe(
        "second argument (exceptions) must be a non-empty sequence",
      );
    }
  });

  test("exceptions that are not a list (missing, a number) raise TypeError, as CPython's 'must be a sequence'", () => {
    for (const make of [
      () => new asyncio.ExceptionGroup("m", 42 as never),
      () => new asyncio.BaseExceptionGroup("m", undefined as never),
    ]) {
      const caught = thrown(make);
      // It was ValueError "…must be a non-empty sequence", CPython's word for [] only.
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as Error).message).toBe("second argument (exceptions) must be a sequence");
    }
  });

  test("toString shows the message and the sub-exception count", () => {
    expect(String(new asyncio.ExceptionGroup("one", [new asyncio.ValueError()]))).toBe(
      "ExceptionGroup: one (1 sub-exception)",
    );
    expect(String(sample())).toBe("ExceptionGroup: outer (3 sub-exceptions)");
    expect(String(new asyncio.BaseExceptionGroup("b", [new asyncio.KeyboardInterrupt()]))).toMatch(
      /\(1 sub-exception\)$/,
    );
  });
});

describe("split and subgroup", () => {
  test("split with a class keeps the nesting on both sides", () => {
    const [match, rest] = sample().split(asyncio.ValueError);
    expect(shape(match)).toEqual({
      "ExceptionGroup(outer)": ["ValueError(1)", { "ExceptionGroup(inner)": ["ValueError(3)"] }],
    });
    expect(shape(rest)).toEqual({
      "ExceptionGroup(outer)": [{ "ExceptionGroup(inner)": ["KeyError(2)"] }, "TypeError(4)"],
    });
  });

  test("split keeps the member objects themselves", () => {
    const eg = sample();
    const [match] = eg.split(TypeError);
    expect(match!.exceptions[0]).toBe(eg.exceptions[2]);
  });

  test("subgroup with a list of classes", () => {
    const sub = sample().subgroup([KeyError, TypeError]);
    expect(shape(sub)).toEqual({
      "ExceptionGroup(outer)": [{ "ExceptionGroup(inner)": ["KeyError(2)"] }, "TypeError(4)"],
    });
  });

  test("a predicate also sees the nested groups themselves", () => {
    const sub = sample().subgroup(
      (e) => e instanceof asyncio.ExceptionGroup && e.message === "inner",
    );
    expect(shape(sub)).toEqual({
      "ExceptionGroup(outer)": [{ "ExceptionGroup(inner)": ["KeyError(2)", "ValueError(3)"] }],
    });
  });

  test("a condition matching the whole group gives [group, undefined]", () => {
    const eg = sample();
    const [match, rest] = eg.split(asyncio.ExceptionGroup);
    expect(match).toBe(eg);
    expect(rest).toBeUndefined();
  });

  test("a condition matching nothing gives undefined as the match", () => {
    const eg = sample();
    const [match, rest] = eg.split(RangeError);
    expect(match).toBeUndefined();
    expect(shape(rest)).toEqual(shape(eg));
    expect(eg.subgroup(() => false)).toBeUndefined();
  });

  test("the parts of a BaseExceptionGroup narrow to ExceptionGroup where they can", () => {
    const beg = new asyncio.BaseExceptionGroup("b", [
      new asyncio.ValueError("v"),
      new asyncio.KeyboardInterrupt(),
    ]);
    const [match, rest] = beg.split(asyncio.ValueError);
    expect(match).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(rest).toBeInstanceOf(asyncio.BaseExceptionGroup);
    expect(rest).not.toBeInstanceOf(asyncio.ExceptionGroup);
    expect(rest!.message).toBe("b");
  });

  test("split copies the cause onto both parts", () => {
    const eg = new asyncio.ExceptionGroup("c", [new asyncio.ValueError(), new TypeError()]);
    const cause = new KeyError("k");
    eg.cause = cause;
    const [match, rest] = eg.split(asyncio.ValueError);
    expect(match!.cause).toBe(cause);
    expect(rest!.cause).toBe(cause);
  });

  test("derive makes a new group with the same message and kind", () => {
    const eg = sample();
    const k = new KeyError("x");
    const d = eg.derive([k]);
    expect(d).not.toBe(eg);
    expect(d).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(d.message).toBe("outer");
    expect(d.exceptions).toEqual([k]);
    const b = new asyncio.BaseExceptionGroup("b", [new asyncio.KeyboardInterrupt()]);
    expect(b.derive([new asyncio.ValueError()])).toBeInstanceOf(asyncio.ExceptionGroup);
    expect(b.derive([new asyncio.SystemExit()])).not.toBeInstanceOf(asyncio.ExceptionGroup);
  });
});
