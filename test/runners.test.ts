/**
 * `asyncio.run` and `Runner` (CPython's test_runners.py): results and errors,
 * the shutdown of leftover tasks, Runner state and context, debug mode,
 * awaitables other than coroutines (3.14), and what Ctrl-C (`interrupt()`) does.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { ZeroDivisionError } from "./helpers.js";

const V = { virtualTime: true } as const;

describe("asyncio.run", () => {
  test("test_asyncio_run_return: run gives the coroutine's result", async () => {
    function* main(): asyncio.Coroutine<number> {
      yield* asyncio.sleep(0);
      return 42;
    }
    expect(await asyncio.run(main(), V)).toBe(42);
  });

  test("test_asyncio_run_raises: run rejects with the coroutine's exception", async () => {
    const err = new asyncio.ValueError("spam");
    function* main(): asyncio.Coroutine<never> {
      yield* asyncio.sleep(0);
      throw err;
    }
    await expect(asyncio.run(main(), V)).rejects.toBe(err);
  });

  test("run leaves no running loop behind and closes its loop", async () => {
    let loop!: asyncio.EventLoop;
    function* main(): asyncio.Coroutine<void> {
      loop = asyncio.getRunningLoop();
      yield* asyncio.sleep(1);
    }
    await asyncio.run(main(), V);
    expect(loop.isClosed()).toBe(true);
    expect(loop.time()).toBe(1);
    expect(() => asyncio.getRunningLoop()).toThrow("no running event loop");
  });

  test("test_asyncio_run_from_running_loop: run refuses to run inside a running loop", async () => {
    let error: unknown;
    function* inner(): asyncio.Coroutine<void> {}
    function* main(): asyncio.Coroutine<void> {
      try {
        void asyncio.run(inner(), V);
      } catch (e) {
        error = e;
      }
      yield* asyncio.sleep(0);
    }
    await asyncio.run(main(), V);
    expect(error).toBeInstanceOf(asyncio.RuntimeError);
    expect((error as Error).message).toBe(
      "asyncio.run() cannot be called from a running event loop",
    );
  });

  test("test_asyncio_run_cancels_hanging_tasks: leftover tasks are cancelled and awaited, in order", async () => {
    const log: string[] = [];
    const leftovers: asyncio.Task<void>[] = [];
    function* leftover(name: string): asyncio.Coroutine<void> {
      try {
        yield* asyncio.sleep(10);
        log.push(`${name} not cancelled`);
      } catch (e) {
        if (e instanceof asyncio.CancelledError) log.push(`${name} cancelled`);
        throw e;
      } finally {
        log.push(`${name} finally`);
      }
    }
    function* main(): asyncio.Coroutine<number> {
      leftovers.push(asyncio.createTask(leftover("a")));
      leftovers.push(asyncio.createTask(leftover("b")));
      yield* asyncio.sleep(0);
      leftovers.push(asyncio.createTask(leftover("c")));
      log.push("main returns");
      return 123;
    }
    expect(await asyncio.run(main(), V)).toBe(123);
    expect(leftovers.every((t) => t.done() && t.cancelled())).toBe(true);
    // "c" took its first step in the iteration that stopped the loop. CPython
    // cancels them in set order; the port in creation order.
    expect(log).toEqual([
      "main returns",
      "a cancelled",
      "a finally",
      "b cancelled",
      "b finally",
      "c cancelled",
      "c finally",
    ]);
  });

  test("leftover tasks get their cancellation before the loop closes, and can still await", async () => {
    const log: string[] = [];
    let loop!: asyncio.EventLoop;
    function* cleanup(): asyncio.Coroutine<void> {
      try {
        yield* asyncio.sleep(10);
      } finally {
        log.push(`cleanup starts, closed=${loop.isClosed()}`);
        // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- the test is that leftover tasks can still await in their clean-up
        yield* asyncio.sleep(0);
        log.push("cleanup ends");
      }
    }
    function* main(): asyncio.Coroutine<void> {
      loop = asyncio.getRunningLoop();
      asyncio.createTask(cleanup());
      yield* asyncio.sleep(0);
    }
    await asyncio.run(main(), V);
    expect(log).toEqual(["cleanup starts, closed=false", "cleanup ends"]);
    expect(loop.isClosed()).toBe(true);
  });

  test("test_asyncio_run_reports_hanging_tasks_errors: a leftover failing at shutdown is reported", async () => {
    const contexts: asyncio.ExceptionContext[] = [];
    let lo!: asyncio.Task<void>;
    function* leftover(): asyncio.Coroutine<void> {
      try {
        yield* asyncio.sleep(0.1);
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
      } catch (e) {
        if (e instanceof asyncio.CancelledError) throw new ZeroDivisionError("division by zero");
        throw e;
      }
    }
    function* main(): asyncio.Coroutine<number> {
      asyncio.getRunningLoop().setExceptionHandler((_loop, ctx) => contexts.push(ctx));
      lo = asyncio.createTask(leftover());
      yield* asyncio.sleep(0);
      return 123;
    }
    expect(await asyncio.run(main(), V)).toBe(123);
    expect(lo.done()).toBe(true);
    // Reported once, by the shutdown (not again as "never retrieved" when the loop closes).
    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.message).toBe("unhandled exception during asyncio.run() shutdown");
    expect(contexts[0]!.exception).toBeInstanceOf(ZeroDivisionError);
    expect(contexts[0]!.task).toBe(lo);
  });

  test("test_asyncio_run_debug: the debug option sets loop.getDebug()", async () => {
    function* debugFlag(): asyncio.Coroutine<boolean> {
      return asyncio.getRunningLoop().getDebug();
    }
    expect(await asyncio.run(debugFlag(), { ...V, debug: true })).toBe(true);
    expect(await asyncio.run(debugFlag(), { ...V, debug: false })).toBe(false);
    expect(await asyncio.run(debugFlag(), V)).toBe(false);
  });

  test("test_asyncio_run_only_coro (3.14): run accepts a Future or a Task, refuses other values", async () => {
    const runner = new asyncio.Runner(V);
    try {
      const loop = runner.getLoop();
      const fut = loop.createFuture<string>();
      loop.callLater(1, () => fut.setResult("from future"));
      expect(await runner.run(fut)).toBe("from future");
      expect(loop.time()).toBe(1);

      function* value(): asyncio.Coroutine<number> {
        yield* asyncio.sleep(0);
        return 7;
      }
      const task = loop.createTask(value());
      expect(await runner.run(task)).toBe(7);

      await expect(runner.run(123 as never)).rejects.toThrow(TypeError);
      await expect(runner.run(123 as never)).rejects.toThrow(
        "An asyncio.Future, a coroutine or an awaitable is required, got 123",
      );
      // Refused before a Task is made: the loop has none afterwards.
      expect(asyncio.allTasks(loop).size).toBe(0);
    } finally {
      await runner.close();
    }
  });

  test("run() names what it refused: a generator function not called, null", async () => {
    function* main(): asyncio.Coroutine<void> {}
    await expect(asyncio.run(main as never, V)).rejects.toThrow(
      new TypeError(
        "An asyncio.Future, a coroutine or an awaitable is required, got <function main>",
      ),
    );
    await expect(asyncio.run(null as never, V)).rejects.toThrow(
      new TypeError("An asyncio.Future, a coroutine or an awaitable is required, got null"),
    );
  });

  test("run() awaits a Promise, as ensureFuture() does: its value, its rejection", async () => {
    expect(await asyncio.run(Promise.resolve(5), V)).toBe(5);
    await expect(asyncio.run(Promise.reject(new ZeroDivisionError("x")), V)).rejects.toThrow(
      ZeroDivisionError,
    );
    // The virtual clock does not jump while the Promise is pending.
    const later = new Promise<number>((resolve) => setTimeout(() => resolve(7), 5));
    expect(await asyncio.run(later, V)).toBe(7);
  });
});

describe("Runner", () => {
  test("test_run: Runner.run gives the result and reuses the same loop", async () => {
    const runner = new asyncio.Runner(V);
    try {
      const loops: asyncio.EventLoop[] = [];
      function* f(x: number): asyncio.Coroutine<number> {
        loops.push(asyncio.getRunningLoop());
        yield* asyncio.sleep(1);
        return x * 2;
      }
      expect(await runner.run(f(1))).toBe(2);
      expect(await runner.run(f(2))).toBe(4);
      expect(loops[0]).toBe(loops[1]);
      expect(loops[0]).toBe(runner.getLoop());
      // The clock carries over from one run to the next.
      expect(runner.getLoop().time()).toBe(2);
    } finally {
      await runner.close();
    }
  });

  test("test_run_keeps_context: a ContextVar set in one run is seen in the next", async () => {
    const cvar = new asyncio.ContextVar<number>("cvar", { default: -1 });
    function* f(val: number): asyncio.Coroutine<number> {
      const old = cvar.get();
      yield* asyncio.sleep(0);
      cvar.set(val);
      return old;
    }
    function* getContext(): asyncio.Coroutine<asyncio.Context> {
      return asyncio.copyContext();
    }
    const runner = new asyncio.Runner(V);
    try {
      expect(await runner.run(f(1))).toBe(-1);
      expect(await runner.run(f(2))).toBe(1);
      expect((await runner.run(getContext())).get(cvar)).toBe(2);
      // Outside the runner, the variable was never set.
      expect(cvar.get()).toBe(-1);
    } finally {
      await runner.close();
    }
  });

  test("Runner.run with an explicit context runs there instead of the Runner's context", async () => {
    const cvar = new asyncio.ContextVar<string>("who", { default: "none" });
    function* set(val: string): asyncio.Coroutine<string> {
      const old = cvar.get();
      cvar.set(val);
      return old;
    }
    const runner = new asyncio.Runner(V);
    try {
      const ctx = asyncio.copyContext();
      expect(await runner.run(set("explicit"), { context: ctx })).toBe("none");
      expect(ctx.get(cvar)).toBe("explicit");
      expect(await runner.run(set("runner"))).toBe("none");
      expect(await runner.run(set("again"))).toBe("runner");
    } finally {
      await runner.close();
    }
  });

  test("test_explicit_close: after close, getLoop raises 'Runner is closed' and the loop is closed", async () => {
    const runner = new asyncio.Runner(V);
    const loop = runner.getLoop();
    expect(loop.isClosed()).toBe(false);
    await runner.close();
    expect(loop.isClosed()).toBe(true);
    expect(() => runner.getLoop()).toThrow(asyncio.RuntimeError);
    expect(() => runner.getLoop()).toThrow("Runner is closed");
  });

  test("test_double_close: close is idempotent", async () => {
    const runner = new asyncio.Runner(V);
    const loop = runner.getLoop();
    await runner.close();
    expect(loop.isClosed()).toBe(true);
    await expect(runner.close()).resolves.toBeUndefined();
    expect(loop.isClosed()).toBe(true);
  });

  test("close of a Runner never used creates no loop and does not close it", async () => {
    const runner = new asyncio.Runner(V);
    await runner.close();
    // Never initialised: still usable.
    function* one(): asyncio.Coroutine<number> {
      return 1;
    }
    expect(await runner.run(one())).toBe(1);
    await runner.close();
    await expect(runner.run(one())).rejects.toThrow("Runner is closed");
  });

  test("test_second_with_block_raises: run after close rejects with 'Runner is closed'", async () => {
    const ret: number[] = [];
    function* f(arg: number): asyncio.Coroutine<void> {
      ret.push(arg);
    }
    const runner = new asyncio.Runner(V);
    await runner.run(f(1));
    await runner.close();
    await expect(runner.run(f(2))).rejects.toThrow(asyncio.RuntimeError);
    await expect(runner.run(f(3))).rejects.toThrow("Runner is closed");
    expect(ret).toEqual([1]);
  });

  test("test_recursive_run: Runner.run from inside its running loop is refused", async () => {
    const runner = new asyncio.Runner(V);
    try {
      function* g(): asyncio.Coroutine<void> {}
      let error: unknown;
      function* f(): asyncio.Coroutine<void> {
        const p = runner.run(g());
        yield* asyncio.sleep(0);
        try {
          yield* asyncio.fromPromise(p);
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          error = e;
        }
      }
      await runner.run(f());
      expect(error).toBeInstanceOf(asyncio.RuntimeError);
      expect((error as Error).message).toBe(
        "Runner.run() cannot be called from a running event loop",
      );
    } finally {
      await runner.close();
    }
  });

  test("test_debug / test_non_debug: the debug option of a Runner sets the loop's debug mode", async () => {
    const debug = new asyncio.Runner({ ...V, debug: true });
    const plain = new asyncio.Runner({ ...V, debug: false });
    try {
      expect(debug.getLoop().getDebug()).toBe(true);
      expect(plain.getLoop().getDebug()).toBe(false);
    } finally {
      await debug.close();
      await plain.close();
    }
  });

  test("test_custom_factory: loopFactory makes the Runner's loop", async () => {
    let made: asyncio.EventLoop | undefined;
    const runner = new asyncio.Runner({
      loopFactory: () => {
        made = new asyncio.EventLoop({ virtualTime: true });
        return made;
      },
    });
    try {
      function* which(): asyncio.Coroutine<asyncio.EventLoop> {
        yield* asyncio.sleep(3600);
        return asyncio.getRunningLoop();
      }
      const loop = await runner.run(which());
      expect(loop).toBe(made);
      expect(runner.getLoop()).toBe(made);
      expect(loop.time()).toBe(3600);
    } finally {
      await runner.close();
    }
    expect(made!.isClosed()).toBe(true);
  });

  test("Runner.close cancels the tasks a run left behind", async () => {
    const runner = new asyncio.Runner(V);
    const log: string[] = [];
    let lo!: asyncio.Task<void>;
    function* leftover(): asyncio.Coroutine<void> {
      try {
        yield* asyncio.sleep(100);
      } finally {
        log.push("leftover finally");
      }
    }
    function* main(): asyncio.Coroutine<void> {
      lo = asyncio.createTask(leftover());
      yield* asyncio.sleep(0);
    }
    await runner.run(main());
    // Still pending between runs.
    expect(lo.done()).toBe(false);
    expect(log).toEqual([]);
    await runner.close();
    expect(lo.cancelled()).toBe(true);
    expect(log).toEqual(["leftover finally"]);
  });
});

describe("Runner with await using (Python's with asyncio.Runner() as runner:)", () => {
  test("leaving an await using block closes the Runner: leftover Tasks are cancelled, the loop closed", async () => {
    const log: string[] = [];
    function* lingering(): asyncio.Coroutine<void> {
      try {
        yield* asyncio.sleep(3600);
      } catch (e) {
        log.push(`lingering: ${String(e)}`);
        throw e;
      }
    }
    let loop: asyncio.EventLoop;
    {
      await using runner = new asyncio.Runner(V);
      loop = runner.getLoop();
      await runner.run(
        (function* () {
          asyncio.createTask(lingering());
          yield* asyncio.sleep(0);
        })(),
      );
      expect(loop.isClosed()).toBe(false);
    }
    expect(loop.isClosed()).toBe(true);
    expect(log).toEqual(["lingering: CancelledError"]);
  });

  test("a block left by an error still closes the Runner, and the error comes out", async () => {
    let loop: asyncio.EventLoop | undefined;
    const failing = async (): Promise<void> => {
      await using runner = new asyncio.Runner(V);
      loop = runner.getLoop();
      await runner.run(
        (function* () {
          yield* asyncio.sleep(1);
          throw new ZeroDivisionError("division by zero");
        })(),
      );
    };
    await expect(failing()).rejects.toThrow("division by zero");
    expect(loop?.isClosed()).toBe(true);
  });

  test("its asyncDispose is close: a second close, or a Runner never run, does nothing", async () => {
    const runner = new asyncio.Runner(V);
    expect(runner[Symbol.asyncDispose]).toBeTypeOf("function");
    await runner[Symbol.asyncDispose]();
    await runner.run(asyncio.sleep(1));
    await runner[Symbol.asyncDispose]();
    await runner[Symbol.asyncDispose]();
    await expect(runner.run(asyncio.sleep(1))).rejects.toThrow("Runner is closed");
  });
});

describe("Runner.interrupt", () => {
  test("test_interrupt_call_soon: the first interrupt cancels the main task; run rejects with KeyboardInterrupt", async () => {
    const runner = new asyncio.Runner(V);
    let sawCancel = false;
    let main!: asyncio.Task<unknown>;
    function* coro(): asyncio.Coroutine<void> {
      main = asyncio.currentTask()!;
      asyncio.getRunningLoop().callLater(1, () => runner.interrupt());
      try {
        for (;;) yield* asyncio.sleep(0.25);
      } catch (e) {
        sawCancel = e instanceof asyncio.CancelledError;
        throw e;
      }
    }
    try {
      await expect(runner.run(coro())).rejects.toBeInstanceOf(asyncio.KeyboardInterrupt);
      expect(sawCancel).toBe(true);
      expect(main.cancelled()).toBe(true);
      expect(runner.getLoop().time()).toBe(1);
    } finally {
      await runner.close();
    }
  });

  test("test_interrupt_wait: an interrupt while the main task waits on a future cancels it", async () => {
    const runner = new asyncio.Runner(V);
    let fut!: asyncio.Future<void>;
    function* coro(): asyncio.Coroutine<void> {
      const loop = asyncio.getRunningLoop();
      fut = loop.createFuture<void>();
      loop.callSoon(() => runner.interrupt());
      yield* fut;
    }
    try {
      await expect(runner.run(coro())).rejects.toBeInstanceOf(asyncio.KeyboardInterrupt);
      expect(fut.cancelled()).toBe(true);
    } finally {
      await runner.close();
    }
  });

  test("if the main task swallows the cancellation, run returns its value", async () => {
    const runner = new asyncio.Runner(V);
    function* coro(): asyncio.Coroutine<string> {
      asyncio.getRunningLoop().callSoon(() => runner.interrupt());
      try {
        yield* asyncio.sleep(10);
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
      } catch (e) {
        if (e instanceof asyncio.CancelledError) return "swallowed";
        throw e;
      }
      return "slept";
    }
    try {
      expect(await runner.run(coro())).toBe("swallowed");
    } finally {
      await runner.close();
    }
  });

  test("test_interrupt_cancelled_task: an interrupt of a task also cancelled by someone else gives CancelledError", async () => {
    const runner = new asyncio.Runner(V);
    function* subtask(task: asyncio.Task<unknown>): asyncio.Coroutine<void> {
      yield* asyncio.sleep(0);
      task.cancel();
      runner.interrupt();
    }
    function* coro(): asyncio.Coroutine<void> {
      asyncio.createTask(subtask(asyncio.currentTask()!));
      yield* asyncio.sleep(10);
    }
    try {
      const error = await runner.run(coro()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(asyncio.CancelledError);
      expect(error).not.toBeInstanceOf(asyncio.KeyboardInterrupt);
    } finally {
      await runner.close();
    }
  });

  test("a second interrupt raises KeyboardInterrupt out of the loop", async () => {
    const runner = new asyncio.Runner(V);
    const log: string[] = [];
    function* coro(): asyncio.Coroutine<string> {
      const loop = asyncio.getRunningLoop();
      loop.callLater(1, () => runner.interrupt());
      loop.callLater(2, () => runner.interrupt());
      try {
        yield* asyncio.sleep(10);
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        log.push(`first interrupt at ${loop.time()}`);
      }
      yield* asyncio.sleep(10);
      log.push("not reached");
      return "done";
    }
    try {
      await expect(runner.run(coro())).rejects.toBeInstanceOf(asyncio.KeyboardInterrupt);
      expect(log).toEqual(["first interrupt at 1"]);
      expect(runner.getLoop().time()).toBe(2);
      expect(runner.getLoop().isRunning()).toBe(false);
    } finally {
      await runner.close();
    }
  });

  test("test_asyncio_run_without_uncancel: a custom factory's Task without uncancel() gives CancelledError", async () => {
    // CPython: `uncancel = getattr(task, "uncancel", None)`; no uncancel, no KeyboardInterrupt.
    const factory: asyncio.TaskFactory = (loop, coro, options) => {
      const task = new asyncio.Task(coro, { ...options, loop });
      (task as { uncancel?: unknown }).uncancel = undefined;
      return task;
    };
    const runner = new asyncio.Runner({
      loopFactory: () => {
        const loop = new asyncio.EventLoop({ virtualTime: true });
        loop.setTaskFactory(factory);
        return loop;
      },
    });
    function* main(): asyncio.Coroutine<void> {
      asyncio.getRunningLoop().callSoon(() => runner.interrupt());
      yield* new asyncio.Event().wait();
    }
    try {
      const error = await runner.run(main()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(asyncio.CancelledError);
      expect(error).not.toBeInstanceOf(asyncio.KeyboardInterrupt);
    } finally {
      await runner.close();
    }
  });

  test("interrupt when no run is in progress does nothing", async () => {
    const runner = new asyncio.Runner(V);
    try {
      runner.interrupt();
      runner.getLoop();
      runner.interrupt();
      function* value(): asyncio.Coroutine<number> {
        yield* asyncio.sleep(0);
        return 5;
      }
      expect(await runner.run(value())).toBe(5);
    } finally {
      await runner.close();
    }
  });
});
