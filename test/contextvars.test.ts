/** Context variables (PEP 567) and how tasks and callbacks carry them. */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual, thrown, virtualLoop } from "./helpers.js";

describe("ContextVar", () => {
  test("get without a value or default raises LookupError naming the variable", () => {
    const v = new asyncio.ContextVar<number>("missing");
    const err = thrown(() => v.get()) as Error;
    expect(err).toBeInstanceOf(asyncio.LookupError);
    expect(err.message).toContain("missing");
  });

  test("get falls back to the argument, then to the variable's default", () => {
    const noDefault = new asyncio.ContextVar<number>("a");
    const withDefault = new asyncio.ContextVar<number>("b", { default: 10 });
    expect(noDefault.get(5)).toBe(5);
    expect(withDefault.get()).toBe(10);
    expect(withDefault.get(5)).toBe(5);
    expect(noDefault.get(undefined)).toBeUndefined();
    expect(new asyncio.ContextVar<undefined>("c", { default: undefined }).get()).toBeUndefined();
  });

  test("the name is kept and the variable is named in its repr", () => {
    const v = new asyncio.ContextVar<number>("request_id");
    expect(v.name).toBe("request_id");
    expect(String(v)).toContain("name='request_id'");
  });

  test("a name that is not a string is a TypeError", () => {
    expect(() => new asyncio.ContextVar(1 as never)).toThrow(TypeError);
  });

  test("set returns a Token; reset restores the previous value, or no value at all", () => {
    asyncio.copyContext().run(() => {
      const v = new asyncio.ContextVar<string>("v");
      const t1 = v.set("one");
      expect(t1.var).toBe(v);
      expect(t1.oldValue).toBe(asyncio.Token.MISSING);
      const t2 = v.set("two");
      expect(t2.oldValue).toBe("one");
      expect(v.get()).toBe("two");
      v.reset(t2);
      expect(v.get()).toBe("one");
      v.reset(t1);
      expect(() => v.get()).toThrow(asyncio.LookupError);
      expect(v.get("fallback")).toBe("fallback");
    });
  });

  test("reset with a Token used twice raises RuntimeError 'has already been used once'", () => {
    asyncio.copyContext().run(() => {
      const v = new asyncio.ContextVar<number>("v");
      const t = v.set(1);
      v.reset(t);
      const err = thrown(() => v.reset(t)) as Error;
      expect(err).toBeInstanceOf(asyncio.RuntimeError);
      expect(err.message).toMatch(
        /^<Token used var=<ContextVar name='v'.*> has already been used once$/,
      );
    });
  });

  test("reset with a Token of another variable raises ValueError", () => {
    asyncio.copyContext().run(() => {
      const v = new asyncio.ContextVar<number>("v");
      const w = new asyncio.ContextVar<number>("w");
      const t = v.set(1);
      const err = thrown(() => w.reset(t)) as Error;
      expect(err).toBeInstanceOf(asyncio.ValueError);
      expect(err.message).toMatch(
        /^<Token var=<ContextVar name='v'.*> was created by a different ContextVar$/,
      );
      expect(v.get()).toBe(1);
    });
  });

  test("reset with a Token of another Context raises ValueError", () => {
    const v = new asyncio.ContextVar<number>("v", { default: 0 });
    const outer = asyncio.copyContext();
    const token = outer.run(() => v.set(1));
    const err = thrown(() => asyncio.copyContext().run(() => v.reset(token))) as Error;
    expect(err).toBeInstanceOf(asyncio.ValueError);
    expect(err.message).toMatch(/was created in a different Context$/);
    // The token is still good in its own Context.
    outer.run(() => v.reset(token));
    expect(outer.get(v)).toBeUndefined();
  });

  test("reset with something that is not a Token is a TypeError", () => {
    const v = new asyncio.ContextVar<number>("v");
    expect(() => v.reset({} as never)).toThrow(TypeError);
  });
});

describe("Context", () => {
  test("copyContext snapshots the current values; later sets do not leak either way", () => {
    asyncio.copyContext().run(() => {
      const v = new asyncio.ContextVar<string>("v", { default: "d" });
      v.set("before");
      const snapshot = asyncio.copyContext();
      v.set("after");
      expect(snapshot.get(v)).toBe("before");
      snapshot.run(() => {
        expect(v.get()).toBe("before");
        v.set("inside");
      });
      expect(snapshot.get(v)).toBe("inside");
      expect(v.get()).toBe("after");
    });
  });

  test("Context.run makes the context current, passes arguments, returns the result and restores", () => {
    const v = new asyncio.ContextVar<string>("v", { default: "outer" });
    const ctx = new asyncio.Context();
    const result = ctx.run(
      (a: number, b: number) => {
        v.set("in ctx");
        return a + b + v.get().length;
      },
      1,
      2,
    );
    expect(result).toBe(3 + "in ctx".length);
    expect(v.get()).toBe("outer");
    expect(ctx.get(v)).toBe("in ctx");
  });

  test("Context.run restores the previous context when the function throws", () => {
    const v = new asyncio.ContextVar<string>("v", { default: "outer" });
    const ctx = new asyncio.Context();
    expect(() =>
      ctx.run(() => {
        v.set("inner");
        throw new asyncio.ValueError("x");
      }),
    ).toThrow(asyncio.ValueError);
    expect(v.get()).toBe("outer");
    expect(ctx.get(v)).toBe("inner");
    // Not left entered: it can be run again.
    expect(ctx.run(() => v.get())).toBe("inner");
  });

  test("entering a context that is already entered raises RuntimeError", () => {
    const ctx = asyncio.copyContext();
    const err = thrown(() => ctx.run(() => ctx.run(() => 1))) as Error;
    expect(err).toBeInstanceOf(asyncio.RuntimeError);
    expect(err.message).toMatch(/^cannot enter context: .* is already entered$/);
  });

  test("the mapping view: get with a default, has, size, keys, values, iteration", () => {
    const a = new asyncio.ContextVar<number>("a");
    const b = new asyncio.ContextVar<number>("b");
    const ctx = new asyncio.Context();
    ctx.run(() => {
      a.set(1);
      b.set(2);
    });
    expect(ctx.size).toBe(2);
    expect(ctx.has(a)).toBe(true);
    expect(ctx.get(a)).toBe(1);
    const c = new asyncio.ContextVar<number>("c");
    expect(ctx.has(c)).toBe(false);
    expect(ctx.get(c)).toBeUndefined();
    expect(ctx.get(c, 99)).toBe(99);
    expect([...ctx]).toEqual([a, b]);
    expect([...ctx.keys()]).toEqual([a, b]);
    expect([...ctx.values()]).toEqual([1, 2]);
    expect([...ctx.entries()]).toEqual([
      [a, 1],
      [b, 2],
    ]);
    const copy = ctx.copy();
    expect(copy).not.toBe(ctx);
    expect(copy.get(b)).toBe(2);
    copy.run(() => b.set(3));
    expect(ctx.get(b)).toBe(2);
  });
});

describe("tasks and callbacks", () => {
  test("test_context_1: each task runs in a copy of its creator's context", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "nope" });
    const seen = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* child(name: string): asyncio.Coroutine<void> {
          log.push(`${name} sees ${v.get()}`);
          v.set(name);
          yield* asyncio.sleep(0.1);
          log.push(`${name} still sees ${v.get()}`);
        }
        v.set("parent");
        const a = asyncio.createTask(child("a"));
        v.set("parent-2");
        const b = asyncio.createTask(child("b"));
        yield* a;
        yield* b;
        log.push(`parent sees ${v.get()}`);
        return log;
      })(),
    );
    expect(seen).toEqual([
      "a sees parent",
      "b sees parent-2",
      "a still sees a",
      "b still sees b",
      "parent sees parent-2",
    ]);
  });

  test("test_context_3: a task's context is its own across awaits; Tokens work within it", async () => {
    const v = new asyncio.ContextVar<number>("v", { default: -1 });
    const out = await runVirtual(
      (function* () {
        function* child(i: number): asyncio.Coroutine<number[]> {
          const got: number[] = [];
          const token = v.set(i);
          for (let k = 0; k < 3; k++) {
            yield* asyncio.sleep(0.01 * (3 - i));
            got.push(v.get());
          }
          v.reset(token);
          got.push(v.get());
          return got;
        }
        return yield* asyncio.gather(child(0), child(1), child(2));
      })(),
    );
    expect(out).toEqual([
      [0, 0, 0, -1],
      [1, 1, 1, -1],
      [2, 2, 2, -1],
    ]);
  });

  test("test_context_2: createTask with { context } runs in that very context", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "none" });
    const ctx = new asyncio.Context();
    ctx.run(() => v.set("given"));
    const result = await runVirtual(
      (function* () {
        v.set("main");
        function* child(): asyncio.Coroutine<string> {
          const before = v.get();
          v.set("changed by child");
          yield* asyncio.sleep(0);
          return before;
        }
        const task = asyncio.createTask(child(), { context: ctx });
        expect(task.getContext()).toBe(ctx);
        const before = yield* task;
        return [before, v.get()] as const;
      })(),
    );
    expect(result).toEqual(["given", "main"]);
    expect(ctx.get(v)).toBe("changed by child");
  });

  test("test_context_6: a task's context is entered while it runs; running it again fails", async () => {
    const errors = await runVirtual(
      (function* () {
        const caught: string[] = [];
        const own = asyncio.currentTask()!.getContext();
        try {
          own.run(() => undefined);
        } catch (e) {
          caught.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
        const shared = asyncio.copyContext();
        function* child(): asyncio.Coroutine<void> {
          try {
            shared.run(() => undefined);
          } catch (e) {
            caught.push((e as Error).name);
          }
        }
        yield* asyncio.createTask(child(), { context: shared });
        // Between the task's steps the context is free again.
        caught.push(shared.run(() => "free"));
        return caught;
      })(),
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^RuntimeError: cannot enter context: .* is already entered$/);
    expect(errors.slice(1)).toEqual(["RuntimeError", "free"]);
  });

  test("copyContext inside a task copies the task's context", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "none" });
    const ctx = await runVirtual(
      (function* () {
        v.set("in task");
        yield* asyncio.sleep(0);
        return asyncio.copyContext();
      })(),
    );
    expect(ctx.get(v)).toBe("in task");
    expect(v.get()).toBe("none");
  });

  test("callSoon callbacks see the context of the caller at scheduling time", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "none" });
    const seen = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const log: string[] = [];
        v.set("first");
        loop.callSoon(() => log.push(`soon:${v.get()}`));
        v.set("second");
        loop.callLater(0.5, () => log.push(`later:${v.get()}`));
        v.set("third");
        loop.callSoon(() => {
          log.push(`set-in-callback:${v.get()}`);
          v.set("from callback");
        });
        yield* asyncio.sleep(1);
        log.push(`task:${v.get()}`);
        return log;
      })(),
    );
    expect(seen).toEqual(["soon:first", "set-in-callback:third", "later:second", "task:third"]);
  });

  test("callbacks scheduled outside any task see the context current at scheduling", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "none" });
    const loop = virtualLoop();
    const log: string[] = [];
    const ctx = asyncio.copyContext();
    ctx.run(() => {
      v.set("scheduled-inside");
      loop.callSoon(() => log.push(v.get()));
    });
    loop.callSoon(() => log.push(v.get()));
    loop.stop();
    await loop.runForever();
    loop.close();
    expect(log).toEqual(["scheduled-inside", "none"]);
  });

  test("a task created by a callback copies the callback's context", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "none" });
    const loop = virtualLoop();
    const seen: string[] = [];
    function* child(): asyncio.Coroutine<void> {
      seen.push(v.get());
    }
    let task: asyncio.Task<void> | undefined;
    asyncio.copyContext().run(() => {
      v.set("callback ctx");
      loop.callSoon(() => {
        task = loop.createTask(child());
        v.set("changed after");
      });
    });
    loop.stop();
    await loop.runForever();
    await loop.runUntilComplete(task!);
    loop.close();
    expect(seen).toEqual(["callback ctx"]);
  });

  // A Task created in another Task's step borrows its creator's Context object
  // until either could tell (contextvars.ts); these pin what copies would do.
  describe("a borrowed Context behaves as a copy", () => {
    const v = new asyncio.ContextVar<string>("v", { default: "none" });
    const w = new asyncio.ContextVar<string>("w", { default: "none" });

    test("the creator's later writes do not reach its children, nor theirs theirs", async () => {
      const seen = await runVirtual(
        (function* () {
          const out: string[] = [];
          v.set("at creation");
          function* grandchild(): asyncio.Coroutine<void> {
            yield* asyncio.sleep(0);
            out.push(`grandchild ${v.get()}`);
          }
          function* child(): asyncio.Coroutine<void> {
            asyncio.createTask(grandchild());
            yield* asyncio.sleep(0);
            out.push(`child ${v.get()}`);
          }
          const t = asyncio.createTask(child());
          v.set("changed after");
          yield* t;
          yield* asyncio.sleep(0);
          out.push(`creator ${v.get()}`);
          return out;
        })(),
      );
      expect(seen).toEqual([
        "child at creation",
        "grandchild at creation",
        "creator changed after",
      ]);
    });

    test("a child's writes reach neither its creator nor its siblings", async () => {
      const seen = await runVirtual(
        (function* () {
          const out: string[] = [];
          v.set("creator");
          function* writer(): asyncio.Coroutine<void> {
            const token = v.set("writer");
            yield* asyncio.sleep(0);
            out.push(`writer ${v.get()}`);
            v.reset(token);
            out.push(`writer after reset ${v.get()}`);
          }
          function* reader(): asyncio.Coroutine<void> {
            yield* asyncio.sleep(0);
            out.push(`reader ${v.get()}`);
          }
          yield* asyncio.gather(writer(), reader());
          out.push(`creator ${v.get()}`);
          return out;
        })(),
      );
      expect(seen).toEqual([
        "writer writer",
        "writer after reset creator",
        "reader creator",
        "creator creator",
      ]);
    });

    test("the creator's Tokens still work after it spawned and wrote again", async () => {
      const seen = await runVirtual(
        (function* () {
          const token = v.set("one");
          const child = asyncio.createTask(
            (function* () {
              return v.get();
            })(),
          );
          w.set("two");
          v.reset(token);
          return [v.get(), w.get(), yield* child];
        })(),
      );
      expect(seen).toEqual(["none", "two", "one"]);
    });

    test("a child cannot reset its creator's Token", async () => {
      const err = await runVirtual(
        (function* () {
          const token = v.set("creator");
          const child = asyncio.createTask(
            (function* () {
              try {
                v.reset(token);
              } catch (e) {
                return e;
              }
              return undefined;
            })(),
          );
          return yield* child;
        })(),
      );
      expect(err).toBeInstanceOf(asyncio.ValueError);
      expect((err as Error).message).toMatch(/was created in a different Context$/);
    });

    test("each task's getContext() is its own, stable object; running in it writes only there", async () => {
      const seen = await runVirtual(
        (function* () {
          v.set("creator");
          const a = asyncio.createTask(asyncio.sleep(0, "a"));
          const b = asyncio.createTask(asyncio.sleep(0, "b"));
          const me = asyncio.currentTask()!;
          const ctxA = a.getContext();
          const distinct = new Set([ctxA, b.getContext(), me.getContext()]).size;
          ctxA.run(() => v.set("in a"));
          const out = [
            distinct,
            a.getContext() === ctxA,
            ctxA.get(v),
            b.getContext().get(v),
            v.get(),
            me.getContext().get(v),
          ];
          yield* asyncio.gather(a, b);
          return out;
        })(),
      );
      expect(seen).toEqual([3, true, "in a", "creator", "creator", "creator"]);
    });

    test("a running child's getContext() is the Context it runs in", async () => {
      const seen = await runVirtual(
        (function* () {
          v.set("creator");
          const child = asyncio.createTask(
            (function* () {
              const ctx = asyncio.currentTask()!.getContext();
              v.set("child");
              return [ctx.get(v), asyncio.currentTask()!.getContext() === ctx];
            })(),
          );
          return [...(yield* child), v.get()];
        })(),
      );
      expect(seen).toEqual(["child", true, "creator"]);
    });

    test("the creator's Context run inside a child's step does not reach the child", async () => {
      const seen = await runVirtual(
        (function* () {
          v.set("creator");
          const me = asyncio.currentTask()!;
          const child = asyncio.createTask(
            (function* () {
              me.getContext().run(() => v.set("written by the child into the creator's"));
              return v.get();
            })(),
          );
          return [yield* child, v.get()];
        })(),
      );
      expect(seen).toEqual(["creator", "written by the child into the creator's"]);
    });

    test("an eager child runs in a Context of its own", async () => {
      const seen = await runVirtual(
        (function* () {
          asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);
          v.set("creator");
          const child = asyncio.createTask(
            (function* () {
              v.set("eager child");
              yield* asyncio.sleep(0);
              return v.get();
            })(),
          );
          const during = v.get();
          return [during, yield* child, v.get()];
        })(),
      );
      expect(seen).toEqual(["creator", "eager child", "creator"]);
    });
  });
});
