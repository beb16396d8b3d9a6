/** Futures: CPython's test_futures.py behaviours that apply to asyncio-ts. */
import * as asyncio from "asyncio-ts";
import { afterEach, describe, expect, test } from "vitest";
import {
  captureErrors,
  closeTestLoops,
  newLoop,
  runOnce,
  runVirtual,
  virtualLoop,
  ZeroDivisionError,
} from "./helpers.js";

afterEach(closeTestLoops);

describe("state", () => {
  test("test_initial_state: a new Future is pending, not cancelled", () => {
    const fut = newLoop().createFuture();
    expect(fut.done()).toBe(false);
    expect(fut.cancelled()).toBe(false);
  });

  test("test_constructor_use_running_loop: new Future() binds to the running loop", async () => {
    const loop = await runVirtual(
      (function* () {
        const fut = new asyncio.Future();
        return [fut.getLoop(), asyncio.getRunningLoop()] as const;
      })(),
    );
    expect(loop[0]).toBe(loop[1]);
  });

  test("test_constructor_without_loop: new Future() with no loop at all raises RuntimeError (3.14)", () => {
    expect(() => new asyncio.Future()).toThrow(asyncio.RuntimeError);
    expect(() => new asyncio.Future()).toThrow("There is no current event loop");
  });

  test("a Future with an explicit loop belongs to it", () => {
    const loop = newLoop();
    expect(new asyncio.Future({ loop }).getLoop()).toBe(loop);
    expect(loop.createFuture().getLoop()).toBe(loop);
  });

  test("test_result: result() before completion raises InvalidStateError 'Result is not set.'", () => {
    const fut = newLoop().createFuture<number>();
    expect(() => fut.result()).toThrow(asyncio.InvalidStateError);
    expect(() => fut.result()).toThrow("Result is not set.");
    fut.setResult(42);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(false);
    expect(fut.result()).toBe(42);
    expect(fut.exception()).toBeUndefined();
  });

  test("test_result: a done Future cannot be completed again (InvalidStateError 'invalid state')", () => {
    const fut = newLoop().createFuture<number>();
    fut.setResult(42);
    expect(() => fut.setResult(1)).toThrow(asyncio.InvalidStateError);
    expect(() => fut.setResult(1)).toThrow("invalid state");
    expect(() => fut.setException(new Error("x"))).toThrow(asyncio.InvalidStateError);
    expect(fut.cancel()).toBe(false);
    expect(fut.result()).toBe(42);
  });

  test("test_exception: exception() before completion raises 'Exception is not set.'", () => {
    const fut = newLoop().createFuture();
    expect(() => fut.exception()).toThrow(asyncio.InvalidStateError);
    expect(() => fut.exception()).toThrow("Exception is not set.");
    const exc = new asyncio.RuntimeError("boom");
    fut.setException(exc);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(false);
    expect(fut.exception()).toBe(exc);
    expect(() => fut.result()).toThrow(exc);
    expect(() => fut.setResult(1)).toThrow(asyncio.InvalidStateError);
    expect(fut.cancel()).toBe(false);
  });

  test("test_exception_class: setException with an error class stores an instance of it", () => {
    const fut = newLoop().createFuture();
    fut.setException(asyncio.RuntimeError);
    const exc = fut.exception();
    expect(exc).toBeInstanceOf(asyncio.RuntimeError);
    expect(() => fut.result()).toThrow(asyncio.RuntimeError);
  });
});

describe("cancel", () => {
  test("test_cancel: cancel() of a pending Future returns true; result/exception raise CancelledError", () => {
    const fut = newLoop().createFuture();
    expect(fut.cancel()).toBe(true);
    expect(fut.cancelled()).toBe(true);
    expect(fut.done()).toBe(true);
    expect(() => fut.result()).toThrow(asyncio.CancelledError);
    expect(() => fut.exception()).toThrow(asyncio.CancelledError);
    expect(() => fut.setResult(1)).toThrow(asyncio.InvalidStateError);
    expect(() => fut.setException(new Error())).toThrow(asyncio.InvalidStateError);
    expect(fut.cancel()).toBe(false);
  });

  test("test_future_cancel_message_getter: the cancel message is the CancelledError's message", () => {
    const fut = newLoop().createFuture();
    fut.cancel("my message");
    let caught: unknown;
    try {
      fut.result();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(asyncio.CancelledError);
    expect((caught as Error).message).toBe("my message");
    expect(() => fut.exception()).toThrow("my message");
  });

  test("cancel() without a message gives a CancelledError with an empty message", () => {
    const fut = newLoop().createFuture();
    fut.cancel();
    expect(() => fut.result()).toThrow(asyncio.CancelledError);
    try {
      fut.result();
    } catch (e) {
      expect((e as Error).message).toBe("");
    }
  });

  test("cancel of a done Future returns false and leaves it as it was", () => {
    const fut = newLoop().createFuture<string>();
    fut.setResult("ok");
    expect(fut.cancel("late")).toBe(false);
    expect(fut.cancelled()).toBe(false);
    expect(fut.result()).toBe("ok");
  });

  test("a task awaiting a Future cancelled with a message gets that message", async () => {
    const msg = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<number>();
        loop.callLater(1, () => fut.cancel("stop it"));
        try {
          yield* fut;
          return "not cancelled";
        } catch (e) {
          if (e instanceof asyncio.CancelledError) return e.message;
          throw e;
        }
      })(),
    );
    expect(msg).toBe("stop it");
  });
});

describe("repr", () => {
  test("test_future_repr: pending, finished with a result or an exception, cancelled", () => {
    const loop = newLoop();
    const pending = loop.createFuture();
    expect(String(pending)).toBe("<Future pending>");

    const withResult = loop.createFuture<number>();
    withResult.setResult(5);
    expect(String(withResult)).toBe("<Future finished result=5>");

    const withString = loop.createFuture<string>();
    withString.setResult("abc");
    expect(String(withString)).toBe("<Future finished result='abc'>");

    const failed = loop.createFuture();
    failed.setException(new asyncio.RuntimeError("x"));
    expect(String(failed)).toBe("<Future finished exception=RuntimeError('x')>");
    failed.exception();

    const cancelled = loop.createFuture();
    cancelled.cancel();
    expect(String(cancelled)).toBe("<Future cancelled>");
  });

  test("test_future_repr: a pending Future lists its callbacks as CPython formats them", () => {
    const fut = newLoop().createFuture();
    function first(): void {}
    function second(): void {}
    function third(): void {}
    fut.addDoneCallback(first);
    expect(String(fut)).toBe("<Future pending cb=[first()]>");
    fut.addDoneCallback(second);
    expect(String(fut)).toBe("<Future pending cb=[first(), second()]>");
    fut.addDoneCallback(third);
    expect(String(fut)).toBe("<Future pending cb=[first(), <1 more>, third()]>");
    fut.addDoneCallback(third);
    expect(String(fut)).toBe("<Future pending cb=[first(), <2 more>, third()]>");
  });
});

test("test_future_repr: a Future a task waits on shows the task's wake-up", async () => {
  const reprs = await runVirtual(
    (function* () {
      const fut = asyncio.getRunningLoop().createFuture<number>();
      function* waiter(): asyncio.Coroutine<number> {
        return yield* fut;
      }
      const task = asyncio.createTask(waiter());
      yield* asyncio.sleep(0);
      const pending = String(fut);
      const taskRepr = String(task);
      fut.setResult(1);
      yield* task;
      return [pending, taskRepr];
    })(),
  );
  expect(reprs[0]).toBe("<Future pending cb=[Task.task_wakeup()]>");
  expect(reprs[1]).toContain("wait_for=<Future pending cb=[Task.task_wakeup()]>");
});

describe("done callbacks", () => {
  test("test_callbacks_invoked_on_set_result: callbacks run via callSoon, in registration order", async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    const bag: string[] = [];
    fut.addDoneCallback(() => bag.push("a"));
    fut.addDoneCallback(() => bag.push("b"));
    fut.addDoneCallback(() => bag.push("c"));
    fut.setResult(1);
    expect(bag).toEqual([]);
    await runOnce(loop);
    expect(bag).toEqual(["a", "b", "c"]);
  });

  test("test_callbacks_invoked_on_set_exception: callbacks see the exception", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const bag: unknown[] = [];
    fut.addDoneCallback((f) => bag.push(f.exception()));
    const exc = new ZeroDivisionError("division by zero");
    fut.setException(exc);
    expect(bag).toEqual([]);
    await runOnce(loop);
    expect(bag).toEqual([exc]);
  });

  test("callbacks run on cancel too, and see a cancelled Future", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const bag: boolean[] = [];
    fut.addDoneCallback((f) => bag.push(f.cancelled()));
    fut.cancel();
    expect(bag).toEqual([]);
    await runOnce(loop);
    expect(bag).toEqual([true]);
  });

  test("the callback receives the Future itself", async () => {
    const loop = newLoop();
    const fut = loop.createFuture<string>();
    let got: unknown;
    fut.addDoneCallback((f) => {
      got = f;
    });
    fut.setResult("x");
    await runOnce(loop);
    expect(got).toBe(fut);
  });

  test("a callback added after completion is scheduled with callSoon, not called at once", async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    fut.setResult(7);
    const bag: number[] = [];
    fut.addDoneCallback((f) => bag.push(f.result()));
    expect(bag).toEqual([]);
    await runOnce(loop);
    expect(bag).toEqual([7]);
  });

  test("done callbacks queue behind callbacks already scheduled with callSoon", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const order: string[] = [];
    fut.addDoneCallback(() => order.push("done-cb"));
    loop.callSoon(() => order.push("soon-1"));
    fut.setResult(undefined);
    loop.callSoon(() => order.push("soon-2"));
    await runOnce(loop);
    expect(order).toEqual(["soon-1", "done-cb", "soon-2"]);
  });

  test("test_callbacks_remove_first_callback: a removed callback does not run", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const bag: number[] = [];
    const cb1 = (): void => {
      bag.push(17);
    };
    const cb2 = (): void => {
      bag.push(42);
    };
    const cb3 = (): void => {
      bag.push(100);
    };
    fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb2);
    fut.addDoneCallback(cb3);
    expect(fut.removeDoneCallback(cb1)).toBe(1);
    expect(fut.removeDoneCallback(cb1)).toBe(0);
    fut.setResult("foo");
    await runOnce(loop);
    expect(bag).toEqual([42, 100]);
  });

  test("test_callbacks_remove_first_and_second_callback: removing the first two done-callbacks leaves only the third to run", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const bag: number[] = [];
    const cb1 = (): void => {
      bag.push(1);
    };
    const cb2 = (): void => {
      bag.push(2);
    };
    const cb3 = (): void => {
      bag.push(3);
    };
    fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb2);
    fut.addDoneCallback(cb3);
    expect(fut.removeDoneCallback(cb1)).toBe(1);
    expect(fut.removeDoneCallback(cb2)).toBe(1);
    fut.setResult("foo");
    await runOnce(loop);
    expect(bag).toEqual([3]);
  });

  test("test_callbacks_remove_third_callback: removing the last done-callback (a second removal finds none) leaves the first two to run", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const bag: number[] = [];
    const cb1 = (): void => {
      bag.push(1);
    };
    const cb2 = (): void => {
      bag.push(2);
    };
    const cb3 = (): void => {
      bag.push(3);
    };
    fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb2);
    fut.addDoneCallback(cb3);
    expect(fut.removeDoneCallback(cb3)).toBe(1);
    expect(fut.removeDoneCallback(cb3)).toBe(0);
    fut.setResult("foo");
    await runOnce(loop);
    expect(bag).toEqual([1, 2]);
  });

  test("test_remove_done_callback: removeDoneCallback counts every registration of the callback", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const bag: string[] = [];
    const twice = (): void => {
      bag.push("twice");
    };
    const other = (): void => {
      bag.push("other");
    };
    fut.addDoneCallback(twice);
    fut.addDoneCallback(other);
    fut.addDoneCallback(twice);
    fut.addDoneCallback(twice);
    expect(fut.removeDoneCallback(twice)).toBe(3);
    expect(fut.removeDoneCallback(twice)).toBe(0);
    expect(fut.removeDoneCallback(() => {})).toBe(0);
    fut.setResult(undefined);
    await runOnce(loop);
    expect(bag).toEqual(["other"]);
  });

  test("the same callback registered twice runs twice", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    let count = 0;
    const cb = (): void => {
      count++;
    };
    fut.addDoneCallback(cb);
    fut.addDoneCallback(cb);
    fut.setResult(undefined);
    await runOnce(loop);
    expect(count).toBe(2);
  });

  test("removeDoneCallback after completion removes nothing: the callbacks are already scheduled", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    let count = 0;
    const cb = (): void => {
      count++;
    };
    fut.addDoneCallback(cb);
    fut.setResult(undefined);
    expect(fut.removeDoneCallback(cb)).toBe(0);
    await runOnce(loop);
    expect(count).toBe(1);
  });

  test("test_schedule_callbacks_list_mutation_1: a callback removing others cannot unschedule them", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const ran: string[] = [];
    let removed = -1;
    const plain = (): void => {
      ran.push("plain");
    };
    fut.addDoneCallback((f) => {
      removed = f.removeDoneCallback(plain);
      ran.push("mut");
    });
    fut.addDoneCallback(plain);
    fut.addDoneCallback(plain);
    fut.setResult(1);
    await runOnce(loop);
    expect(removed).toBe(0);
    expect(ran).toEqual(["mut", "plain", "plain"]);
  });

  test("a callback added from a done callback runs in the next iteration", async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const ran: string[] = [];
    fut.addDoneCallback((f) => {
      ran.push("first");
      f.addDoneCallback(() => ran.push("added-late"));
    });
    fut.setResult(1);
    await runOnce(loop);
    expect(ran).toEqual(["first"]);
    await runOnce(loop);
    expect(ran).toEqual(["first", "added-late"]);
  });

  test("a done callback runs in the context current at registration, or the one given", async () => {
    const loop = newLoop();
    const v = new asyncio.ContextVar<string>("v", { default: "unset" });
    const fut = loop.createFuture();
    const seen: string[] = [];
    const ctx = asyncio.copyContext();
    ctx.run(() => v.set("explicit"));
    const inner = asyncio.copyContext();
    inner.run(() => {
      v.set("registered");
      fut.addDoneCallback(() => seen.push(`implicit:${v.get()}`));
    });
    fut.addDoneCallback(() => seen.push(`given:${v.get()}`), { context: ctx });
    fut.setResult(undefined);
    await runOnce(loop);
    expect(seen).toEqual(["implicit:registered", "given:explicit"]);
    expect(v.get()).toBe("unset");
  });

  test("an error in a done callback goes to the exception handler and other callbacks still run", async () => {
    const loop = newLoop();
    const errors = captureErrors(loop);
    const fut = loop.createFuture();
    const ran: string[] = [];
    const exc = new ZeroDivisionError("nope");
    fut.addDoneCallback(function broken() {
      throw exc;
    });
    fut.addDoneCallback(() => ran.push("after"));
    fut.setResult(1);
    await runOnce(loop);
    expect(ran).toEqual(["after"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.exception).toBe(exc);
    expect(errors[0]!.message).toMatch(/^Exception in callback broken\(/);
  });
});

describe("awaiting", () => {
  test("yield* fut in a task suspends until the Future has a result", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<string>();
        loop.callLater(2, () => fut.setResult("value"));
        const t0 = loop.time();
        const v = yield* fut;
        return [v, loop.time() - t0] as const;
      })(),
    );
    expect(out).toEqual(["value", 2]);
  });

  test("yield* fut re-throws the Future's exception in the task", async () => {
    const exc = new ZeroDivisionError("boom");
    const caught = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<number>();
        loop.callSoon(() => fut.setException(exc));
        try {
          yield* fut;
          return undefined;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(caught).toBe(exc);
  });

  test("yield* of a Future that is already done returns at once without suspending", async () => {
    const order = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const log: string[] = [];
        const fut = loop.createFuture<number>();
        fut.setResult(3);
        loop.callSoon(() => log.push("callback"));
        const v = yield* fut;
        log.push(`got ${v}`);
        yield* asyncio.sleep(0);
        return log;
      })(),
    );
    expect(order).toEqual(["got 3", "callback"]);
  });

  test("a Future awaited by several tasks wakes them in the order they started waiting", async () => {
    const order = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fut = loop.createFuture<number>();
        const log: string[] = [];
        function* waiter(name: string): asyncio.Coroutine<void> {
          const v = yield* fut;
          log.push(`${name}:${v}`);
        }
        const a = asyncio.createTask(waiter("a"));
        const b = asyncio.createTask(waiter("b"));
        yield* asyncio.sleep(0);
        fut.setResult(1);
        yield* a;
        yield* b;
        return log;
      })(),
    );
    expect(order).toEqual(["a:1", "b:1"]);
  });

  test("await fut from async code resolves with the result (Futures are PromiseLike)", async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    const awaited = (async () => await fut)();
    function* main(): asyncio.Coroutine<void> {
      yield* asyncio.sleep(1);
      fut.setResult(42);
    }
    await loop.runUntilComplete(main());
    await expect(awaited).resolves.toBe(42);
  });

  test("await fut rejects with the Future's exception, or CancelledError when cancelled", async () => {
    const loop = newLoop();
    const failed = loop.createFuture<number>();
    const cancelled = loop.createFuture<number>();
    const exc = new ZeroDivisionError("x");
    const p1 = (async () => await failed)();
    const p2 = (async () => await cancelled)();
    loop.callSoon(() => failed.setException(exc));
    loop.callSoon(() => cancelled.cancel("bye"));
    await runOnce(loop);
    await expect(p1).rejects.toBe(exc);
    await expect(p2).rejects.toBeInstanceOf(asyncio.CancelledError);
    await expect(p2).rejects.toThrow("bye");
  });

  test("await of an already done Future resolves", async () => {
    const loop = newLoop();
    const fut = loop.createFuture<string>();
    fut.setResult("ready");
    await expect(fut).resolves.toBe("ready");
  });
});

describe("exception was never retrieved", () => {
  test("test_tb_logger_exception_unretrieved: closing the loop reports the unretrieved exception", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    const fut = loop.createFuture();
    const exc = new asyncio.RuntimeError("lost");
    fut.setException(exc);
    loop.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe("Future exception was never retrieved");
    expect(errors[0]!.exception).toBe(exc);
    expect(errors[0]!.future).toBe(fut);
  });

  test("test_tb_logger_abandoned: a pending Future is not reported", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    // eslint-disable-next-line asyncio-ts/no-floating-coroutine -- the test is that an abandoned pending Future is not reported
    loop.createFuture();
    loop.close();
    expect(errors).toEqual([]);
  });

  test("test_tb_logger_result_unretrieved: a Future with an unread result is not reported", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    loop.createFuture<number>().setResult(42);
    loop.close();
    expect(errors).toEqual([]);
  });

  test("test_tb_logger_exception_retrieved: exception() marks it retrieved", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    const fut = loop.createFuture();
    fut.setException(new asyncio.RuntimeError("seen"));
    fut.exception();
    loop.close();
    expect(errors).toEqual([]);
  });

  test("test_tb_logger_exception_result_retrieved: result() raising marks it retrieved", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    const fut = loop.createFuture();
    fut.setException(new asyncio.RuntimeError("seen"));
    expect(() => fut.result()).toThrow("seen");
    loop.close();
    expect(errors).toEqual([]);
  });

  test("test_tb_logger_not_called_after_cancel: cancel() of a failed Future silences the report", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    const fut = loop.createFuture();
    fut.setException(new asyncio.RuntimeError("quiet"));
    expect(fut.cancel()).toBe(false);
    loop.close();
    expect(errors).toEqual([]);
  });

  test("each unretrieved Future is reported once, the retrieved one not at all", () => {
    const loop = virtualLoop();
    const errors = captureErrors(loop);
    const a = loop.createFuture();
    const b = loop.createFuture();
    const c = loop.createFuture();
    a.setException(new asyncio.ValueError("a"));
    b.setException(new asyncio.ValueError("b"));
    c.setException(new asyncio.ValueError("c"));
    b.exception();
    loop.close();
    loop.close();
    expect(errors.map((e) => (e.exception as Error).message).sort()).toEqual(["a", "c"]);
  });
});

describe("isFuture", () => {
  test("test_isfuture: Futures and Tasks are futures; Promises, coroutines and plain objects are not", async () => {
    const loop = newLoop();
    expect(asyncio.isFuture(loop.createFuture())).toBe(true);
    function* coro(): asyncio.Coroutine<number> {
      return 1;
    }
    const task = loop.createTask(coro());
    expect(asyncio.isFuture(task)).toBe(true);
    await loop.runUntilComplete(task);
    const gen = coro();
    expect(asyncio.isFuture(gen)).toBe(false);
    gen.return(0);
    expect(asyncio.isFuture(Promise.resolve(1))).toBe(false);
    expect(asyncio.isFuture(asyncio.sleep(0))).toBe(false);
    expect(asyncio.isFuture(asyncio.Future)).toBe(false);
    expect(asyncio.isFuture(undefined)).toBe(false);
  });
});

describe("wrapFuture", () => {
  test("test_wrap_future_future: an asyncio Future is returned as it is", () => {
    const loop = newLoop();
    const f = loop.createFuture<number>();
    expect(asyncio.wrapFuture(f)).toBe(f);
  });

  test("a Promise (another thread's result, in Python a concurrent future) settles a Future of the given loop", async () => {
    const loop = newLoop();
    const f = asyncio.wrapFuture(Promise.resolve(42), { loop });
    expect(f.getLoop()).toBe(loop);
    expect(f.done()).toBe(false);
    expect(await loop.runUntilComplete(f)).toBe(42);
    const failed = asyncio.wrapFuture(Promise.reject(new asyncio.ValueError("boom")), { loop });
    await expect(loop.runUntilComplete(failed)).rejects.toThrow("boom");
  });

  test("anything else is refused with CPython's message", () => {
    expect(() => asyncio.wrapFuture(1 as never)).toThrow(
      "concurrent.futures.Future is expected, got 1",
    );
  });
});
