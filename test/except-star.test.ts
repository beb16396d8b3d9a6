import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { NOTHING, runVirtual, thrownOrNothing } from "./helpers.js";

class KeyError extends Error {
  override name = "KeyError";
}

/** A short Python-like repr: `EG('msg', [ValueError(1), ...])`. */
function repr(e: unknown): string {
  if (e instanceof asyncio.BaseExceptionGroup) {
    return `${e.name}('${e.message}', [${e.exceptions.map(repr).join(", ")}])`;
  }
  if (e instanceof Error) return `${e.name}(${e.message})`;
  return String(e);
}

describe("exceptStar (checked against CPython 3.13's except*)", () => {
  test("each clause gets its matching part of the group, in clause order, structure kept", () => {
    const seen: string[] = [];
    const eg = new asyncio.ExceptionGroup("eg", [
      new asyncio.ValueError("1"),
      new asyncio.ExceptionGroup("inner", [new TypeError("2"), new asyncio.ValueError("3")]),
    ]);
    const e = thrownOrNothing(() =>
      asyncio.exceptStar(
        eg,
        [asyncio.ValueError, (g) => seen.push(`values ${repr(g)}`)],
        [TypeError, (g) => seen.push(`types ${repr(g)}`)],
      ),
    );
    expect(e).toBe(NOTHING);
    expect(seen).toEqual([
      "values ExceptionGroup('eg', [ValueError(1), ExceptionGroup('inner', [ValueError(3)])])",
      "types ExceptionGroup('eg', [ExceptionGroup('inner', [TypeError(2)])])",
    ]);
  });

  test("a member is handled by one clause at most", () => {
    const seen: string[] = [];
    asyncio.exceptStar(
      new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1")]),
      [asyncio.ValueError, () => seen.push("first")],
      [Error, () => seen.push("second")],
    );
    expect(seen).toEqual(["first"]);
  });

  test("what no clause matched is re-thrown as the original's subgroup", () => {
    const eg = new asyncio.ExceptionGroup("eg", [
      new asyncio.ValueError("1"),
      new asyncio.ExceptionGroup("inner", [new TypeError("2"), new asyncio.ValueError("3")]),
    ]);
    const e = thrownOrNothing(() => asyncio.exceptStar(eg, [TypeError, () => {}]));
    expect(repr(e)).toBe(
      "ExceptionGroup('eg', [ValueError(1), ExceptionGroup('inner', [ValueError(3)])])",
    );
  });

  test("a bare error is matched as a one-member group", () => {
    const v = new asyncio.ValueError("1");
    let got: asyncio.BaseExceptionGroup | undefined;
    asyncio.exceptStar(v, [asyncio.ValueError, (g) => (got = g)]);
    expect(repr(got)).toBe("ExceptionGroup('', [ValueError(1)])");
    expect(got!.exceptions[0]).toBe(v);
  });

  test("a bare error no clause matches is re-thrown as itself", () => {
    const v = new asyncio.ValueError("1");
    expect(thrownOrNothing(() => asyncio.exceptStar(v, [TypeError, () => {}]))).toBe(v);
  });

  test("a bare error re-thrown by its handler comes back wrapped in the one-member group", () => {
    const v = new asyncio.ValueError("1");
    const e = thrownOrNothing(() =>
      asyncio.exceptStar(v, [
        asyncio.ValueError,
        (g) => {
          throw g;
        },
      ]),
    );
    expect(repr(e)).toBe("ExceptionGroup('', [ValueError(1)])");
    expect((e as asyncio.ExceptionGroup).exceptions[0]).toBe(v);
  });

  test("a single error thrown by a handler, with nothing left over, is thrown as itself", () => {
    const t = new TypeError("2");
    const fromGroup = thrownOrNothing(() =>
      asyncio.exceptStar(new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1")]), [
        asyncio.ValueError,
        () => {
          throw t;
        },
      ]),
    );
    const fromBare = thrownOrNothing(() =>
      asyncio.exceptStar(new asyncio.ValueError("1"), [
        asyncio.ValueError,
        () => {
          throw t;
        },
      ]),
    );
    expect(fromGroup).toBe(t);
    expect(fromBare).toBe(t);
  });

  test("a thrown error and an unmatched rest come out together, thrown first", () => {
    const e = thrownOrNothing(() =>
      asyncio.exceptStar(
        new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1"), new KeyError("3")]),
        [
          asyncio.ValueError,
          () => {
            throw new TypeError("2");
          },
        ],
      ),
    );
    expect(repr(e)).toBe("ExceptionGroup('', [TypeError(2), ExceptionGroup('eg', [KeyError(3)])])");
  });

  test("errors thrown by several handlers are grouped in clause order", () => {
    const e = thrownOrNothing(() =>
      asyncio.exceptStar(
        new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1"), new TypeError("3")]),
        [
          asyncio.ValueError,
          () => {
            throw new KeyError("5");
          },
        ],
        [
          TypeError,
          () => {
            throw new KeyError("6");
          },
        ],
      ),
    );
    expect(repr(e)).toBe("ExceptionGroup('', [KeyError(5), KeyError(6)])");
  });

  test("re-throwing a match puts it back with the rest, in the original structure", () => {
    const eg = new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1"), new KeyError("3")]);
    const e = thrownOrNothing(() =>
      asyncio.exceptStar(eg, [
        asyncio.ValueError,
        (g) => {
          throw g;
        },
      ]),
    );
    expect(repr(e)).toBe("ExceptionGroup('eg', [ValueError(1), KeyError(3)])");
  });

  test("a BaseException thrown alone by a handler is thrown bare", () => {
    const c = new asyncio.CancelledError();
    const e = thrownOrNothing(() =>
      asyncio.exceptStar(new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1")]), [
        asyncio.ValueError,
        () => {
          throw c;
        },
      ]),
    );
    expect(e).toBe(c);
  });

  test("a tuple of classes or a predicate can match", () => {
    const seen: string[] = [];
    asyncio.exceptStar(
      new asyncio.ExceptionGroup("eg", [
        new asyncio.ValueError("1"),
        new TypeError("2"),
        new KeyError("3"),
      ]),
      [[asyncio.ValueError, TypeError], (g) => seen.push(repr(g))],
      [(e) => e instanceof KeyError, (g) => seen.push(repr(g))],
    );
    expect(seen).toEqual([
      "ExceptionGroup('eg', [ValueError(1), TypeError(2)])",
      "ExceptionGroup('eg', [KeyError(3)])",
    ]);
  });
});

describe("exceptStarAsync", () => {
  test("handlers are coroutines that can await, and the rest is re-thrown", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const seen: string[] = [];
        let rest: unknown;
        try {
          yield* asyncio.exceptStarAsync(
            new asyncio.ExceptionGroup("eg", [new asyncio.ValueError("1"), new KeyError("3")]),
            [
              asyncio.ValueError,
              function* (g) {
                yield* asyncio.sleep(1);
                seen.push(`${loop.time()} ${repr(g)}`);
              },
            ],
          );
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          rest = e;
        }
        return { seen, rest: repr(rest) };
      })(),
    );
    expect(out).toEqual({
      seen: ["1 ExceptionGroup('eg', [ValueError(1)])"],
      rest: "ExceptionGroup('eg', [KeyError(3)])",
    });
  });

  test("handles a TaskGroup's ExceptionGroup", async () => {
    const out = await runVirtual(
      (function* () {
        const handled: number[] = [];
        yield* (function* () {
          try {
            yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
              tg.createTask(
                (function* () {
                  throw new asyncio.ValueError("child");
                })(),
              );
              tg.createTask(
                (function* () {
                  throw new asyncio.ValueError("child 2");
                })(),
              );
            });
          } catch (e) {
            yield* asyncio.exceptStarAsync(e, [
              asyncio.ValueError,
              function* (g) {
                handled.push(g.exceptions.length);
              },
            ]);
          }
        })();
        return handled;
      })(),
    );
    expect(out).toEqual([2]);
  });
});
