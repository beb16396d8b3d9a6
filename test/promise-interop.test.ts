/**
 * Promise interop both ways: coroutines awaiting Promises (`fromPromise`,
 * `ensureFuture`), AbortSignals that follow task cancellation, Futures and
 * Tasks awaited from ordinary async code, and a pending Promise holding the
 * virtual clock.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual, virtualLoop } from "./helpers.js";

/** A Promise settled by hand. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("coroutines awaiting Promises", () => {
  test("yield* fromPromise(p) gives the resolved value", async () => {
    const result = await runVirtual(
      (function* () {
        const v = yield* asyncio.fromPromise(Promise.resolve(41));
        return v + 1;
      })(),
    );
    expect(result).toBe(42);
  });

  test("yield* fromPromise(p) throws the rejection into the coroutine", async () => {
    const err = new TypeError("rejected");
    const seen = await runVirtual(
      (function* () {
        try {
          yield* asyncio.fromPromise(Promise.reject(err));
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          return e;
        }
        return "not thrown";
      })(),
    );
    expect(seen).toBe(err);
  });

  test("a Promise settled later wakes the waiting task", async () => {
    const d = deferred<string>();
    const log: string[] = [];
    const result = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => {
          log.push("resolving");
          d.resolve("late");
        });
        const v = yield* asyncio.fromPromise(d.promise);
        log.push(`got ${v}`);
        return v;
      })(),
    );
    expect(result).toBe("late");
    expect(log).toEqual(["resolving", "got late"]);
  });

  test("fromPromise returns a Future, not a Task", async () => {
    await runVirtual(
      (function* () {
        const f = asyncio.fromPromise(Promise.resolve(1));
        expect(f).toBeInstanceOf(asyncio.Future);
        expect(f).not.toBeInstanceOf(asyncio.Task);
        expect(f.done()).toBe(false);
        expect(yield* f).toBe(1);
        expect(f.done()).toBe(true);
        expect(f.result()).toBe(1);
      })(),
    );
  });

  test("fromPromise outside a running loop raises RuntimeError", () => {
    expect(() => asyncio.fromPromise(Promise.resolve(1))).toThrow("no running event loop");
  });

  test("fromPromise(fn) passes a signal aborted when the awaiting task is cancelled", async () => {
    let signal!: AbortSignal;
    const log: string[] = [];
    await runVirtual(
      (function* () {
        function* fetcher(): asyncio.Coroutine<string> {
          return yield* asyncio.fromPromise((s) => {
            signal = s;
            s.addEventListener("abort", () => log.push("aborted"));
            return new Promise<string>(() => {}); // never settles on its own
          });
        }
        const t = asyncio.createTask(fetcher());
        yield* asyncio.sleep(0);
        expect(signal.aborted).toBe(false);
        t.cancel("stop fetching");
        expect(signal.aborted).toBe(true);
        expect(signal.reason).toBeInstanceOf(asyncio.CancelledError);
        expect((signal.reason as Error).message).toBe("stop fetching");
        try {
          yield* t;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          log.push(e instanceof asyncio.CancelledError ? "task cancelled" : "other");
        }
        expect(t.cancelled()).toBe(true);
      })(),
    );
    expect(log).toEqual(["aborted", "task cancelled"]);
  });

  test("fromPromise(fn): the signal is not aborted when the Promise settles normally", async () => {
    let signal!: AbortSignal;
    const v = await runVirtual(
      (function* () {
        return yield* asyncio.fromPromise((s) => {
          signal = s;
          return Promise.resolve("ok");
        });
      })(),
    );
    expect(v).toBe("ok");
    expect(signal.aborted).toBe(false);
  });

  test("fromPromise(fn) that throws synchronously throws at the call", async () => {
    const err = new Error("sync");
    const seen = await runVirtual(
      (function* () {
        try {
          // eslint-disable-next-line asyncio-ts/no-floating-coroutine -- fromPromise throws at the call, before there is a Future: the call is the test
          asyncio.fromPromise(() => {
            throw err;
          });
        } catch (e) {
          return e;
        }
        yield* asyncio.sleep(0);
        return "not thrown";
      })(),
    );
    expect(seen).toBe(err);
  });

  test("a Promise that settles after its Future was cancelled is ignored", async () => {
    const d = deferred<number>();
    await runVirtual(
      (function* () {
        const f = asyncio.fromPromise(d.promise);
        f.cancel();
        d.resolve(1);
        yield* asyncio.fromPromise(Promise.resolve()); // let the Promise callbacks run
        yield* asyncio.sleep(0);
        expect(f.cancelled()).toBe(true);
      })(),
    );
  });

  test("ensureFuture(promise) wraps a Promise in a Future of the running loop", async () => {
    await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const f = asyncio.ensureFuture(Promise.resolve("wrapped"));
        expect(f.getLoop()).toBe(loop);
        expect(yield* f).toBe("wrapped");
        const err = new RangeError("bad");
        const g = asyncio.ensureFuture(Promise.reject(err));
        let seen: unknown;
        try {
          yield* g;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          seen = e;
        }
        expect(seen).toBe(err);
        expect(g.exception()).toBe(err);
      })(),
    );
  });

  test("ensureFuture(promise, loop) binds the Future to the given loop; runUntilComplete accepts a Promise", async () => {
    const loop = virtualLoop();
    try {
      const f = asyncio.ensureFuture(Promise.resolve(3), loop);
      expect(f.getLoop()).toBe(loop);
      expect(await loop.runUntilComplete(f)).toBe(3);
      expect(await loop.runUntilComplete(Promise.resolve(4))).toBe(4);
    } finally {
      loop.close();
    }
  });
});

describe("AbortSignal of a task", () => {
  test("task.signal is aborted on task.cancel()", async () => {
    await runVirtual(
      (function* () {
        function* sleeper(): asyncio.Coroutine<void> {
          yield* asyncio.sleep(10);
        }
        const t = asyncio.createTask(sleeper());
        const signal = t.signal;
        expect(signal).toBe(t.signal);
        expect(signal.aborted).toBe(false);
        yield* asyncio.sleep(0);
        expect(signal.aborted).toBe(false);
        t.cancel("bye");
        // Aborted at the request, before the cancellation is delivered.
        expect(signal.aborted).toBe(true);
        expect(t.done()).toBe(false);
        expect(signal.reason).toBeInstanceOf(asyncio.CancelledError);
        expect((signal.reason as Error).message).toBe("bye");
        try {
          yield* t;
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
        }
      })(),
    );
  });

  test("asyncio.abortSignal() is the current task's signal", async () => {
    let inside!: AbortSignal;
    let task!: asyncio.Task<unknown>;
    await runVirtual(
      (function* () {
        function* work(): asyncio.Coroutine<string> {
          task = asyncio.currentTask()!;
          inside = asyncio.abortSignal();
          yield* asyncio.sleep(10);
          return "done";
        }
        const t = asyncio.createTask(work());
        yield* asyncio.sleep(0);
        expect(inside).toBe(t.signal);
        expect(inside.aborted).toBe(false);
        t.cancel();
        expect(inside.aborted).toBe(true);
        try {
          yield* t;
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
        }
      })(),
    );
    expect(task.cancelled()).toBe(true);
  });

  test("abortSignal() outside a task raises RuntimeError", async () => {
    const loop = virtualLoop();
    try {
      let error: unknown;
      loop.callSoon(() => {
        try {
          asyncio.abortSignal();
        } catch (e) {
          error = e;
        }
      });
      await loop.runUntilComplete(asyncio.sleep(0));
      expect(error).toBeInstanceOf(asyncio.RuntimeError);
    } finally {
      loop.close();
    }
    expect(() => asyncio.abortSignal()).toThrow(asyncio.RuntimeError);
  });

  test("the signal of a task already cancelled (or done) is born aborted", async () => {
    await runVirtual(
      (function* () {
        function* sleeper(): asyncio.Coroutine<void> {
          yield* asyncio.sleep(10);
        }
        const t = asyncio.createTask(sleeper());
        t.cancel("early");
        expect(t.signal.aborted).toBe(true);
        expect((t.signal.reason as Error).message).toBe("early");
        try {
          yield* t;
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
        }
      })(),
    );
  });

  test("after a timeout() the Task goes on with a new signal, not an aborted one", async () => {
    await runVirtual(
      (function* () {
        const before = asyncio.abortSignal();
        try {
          yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
            yield* asyncio.sleep(2);
          });
        } catch (e) {
          if (!(e instanceof asyncio.TimeoutError)) throw e;
        }
        expect(before.aborted).toBe(true);
        const after = asyncio.abortSignal();
        expect(after).not.toBe(before);
        expect(after.aborted).toBe(false);
        asyncio.currentTask()!.cancel("late");
        expect(after.aborted).toBe(true);
        expect(asyncio.currentTask()!.uncancel()).toBe(0);
      })(),
    );
  });

  test("a signal requested again while a cancellation is still pending stays the aborted one", async () => {
    await runVirtual(
      (function* () {
        const task = asyncio.currentTask()!;
        const first = task.signal;
        task.cancel();
        task.cancel();
        expect(task.uncancel()).toBe(1);
        expect(task.signal).toBe(first);
        expect(first.aborted).toBe(true);
        expect(task.uncancel()).toBe(0);
        expect(task.signal.aborted).toBe(false);
      })(),
    );
  });

  test("a task signal handed to a Promise API stops it when the task is cancelled", async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        function abortable(signal: AbortSignal): Promise<string> {
          return new Promise<string>((_resolve, reject) => {
            signal.addEventListener("abort", () => {
              log.push("promise work stopped");
              reject(signal.reason);
            });
          });
        }
        function* work(): asyncio.Coroutine<string> {
          return yield* asyncio.fromPromise(abortable(asyncio.abortSignal()));
        }
        const t = asyncio.createTask(work());
        yield* asyncio.sleep(0);
        t.cancel();
        try {
          yield* t;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          log.push(e instanceof asyncio.CancelledError ? "task cancelled" : "other");
        }
      })(),
    );
    expect(log).toEqual(["promise work stopped", "task cancelled"]);
  });
});

describe("Futures and Tasks are PromiseLike", () => {
  test("await task from async code gives its result", async () => {
    const loop = virtualLoop();
    try {
      function* work(): asyncio.Coroutine<number> {
        yield* asyncio.sleep(5);
        return 7;
      }
      const t = loop.createTask(work());
      const run = loop.runUntilComplete(t);
      expect(await t).toBe(7);
      await run;
      expect(loop.time()).toBe(5);
    } finally {
      loop.close();
    }
  });

  test("await future from async code gives its result or throws its exception", async () => {
    const loop = virtualLoop();
    try {
      const ok = loop.createFuture<string>();
      const bad = loop.createFuture<string>();
      const err = new asyncio.ValueError("nope");
      loop.callLater(1, () => ok.setResult("yes"));
      loop.callLater(2, () => bad.setException(err));
      const run = loop.runUntilComplete(asyncio.sleep(3));
      expect(await ok).toBe("yes");
      await expect(bad).rejects.toBe(err);
      await run;
    } finally {
      loop.close();
    }
  });

  test("await of a cancelled task rejects with CancelledError", async () => {
    const loop = virtualLoop();
    try {
      function* sleeper(): asyncio.Coroutine<void> {
        yield* asyncio.sleep(10);
      }
      const t = loop.createTask(sleeper());
      loop.callLater(1, () => t.cancel("stop"));
      const settled = Promise.resolve(t).then(
        () => "resolved",
        (e: unknown) => (e instanceof asyncio.CancelledError ? `cancelled: ${e.message}` : "other"),
      );
      await loop.runUntilComplete(asyncio.sleep(2));
      expect(await settled).toBe("cancelled: stop");
    } finally {
      loop.close();
    }
  });

  test("await of an already done future resolves at once", async () => {
    const loop = virtualLoop();
    try {
      const f = loop.createFuture<number>();
      f.setResult(9);
      expect(await f).toBe(9);
      // then() chains like a Promise.
      expect(await f.then((v) => v * 2)).toBe(18);
    } finally {
      loop.close();
    }
  });

  test("Promise.all over Tasks resolves with their results in argument order", async () => {
    const loop = virtualLoop();
    try {
      function* value(d: number, v: string): asyncio.Coroutine<string> {
        yield* asyncio.sleep(d);
        return v;
      }
      const a = loop.createTask(value(2, "a"));
      const b = loop.createTask(value(1, "b"));
      const run = loop.runUntilComplete(asyncio.gather(a, b));
      expect(await Promise.all([a, b])).toEqual(["a", "b"]);
      await run;
    } finally {
      loop.close();
    }
  });
});

describe("virtual time and pending Promises", () => {
  test("a pending Promise holds the virtual clock: a real 20 ms Promise beats sleep(10)", async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        function* sleeper(): asyncio.Coroutine<void> {
          yield* asyncio.sleep(10);
          log.push(`sleep(10) done at ${loop.time()}`);
        }
        function* waiter(): asyncio.Coroutine<void> {
          const v = yield* asyncio.fromPromise(
            new Promise<string>((resolve) => setTimeout(() => resolve("p"), 20)),
          );
          log.push(`promise ${v} at ${loop.time()}`);
        }
        yield* asyncio.gather(sleeper(), waiter());
      })(),
    );
    // The clock did not jump to 10 while the Promise was pending.
    expect(log).toEqual(["promise p at 0", "sleep(10) done at 10"]);
  });

  test("once the Promise has settled, the virtual clock jumps again", async () => {
    const elapsed = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const t0 = loop.time();
        yield* asyncio.fromPromise(new Promise<void>((resolve) => setTimeout(resolve, 5)));
        yield* asyncio.sleep(3600);
        return loop.time() - t0;
      })(),
    );
    expect(elapsed).toBe(3600);
  });

  test("a cancelled Promise Future releases the clock", async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        // A Promise that never settles: once its Future is cancelled the clock may move.
        const f = asyncio.fromPromise(new Promise<void>(() => {}));
        loop.callSoon(() => f.cancel());
        yield* asyncio.sleep(100);
        log.push(`slept until ${loop.time()}`);
        expect(f.cancelled()).toBe(true);
      })(),
    );
    expect(log).toEqual(["slept until 100"]);
  });
});
