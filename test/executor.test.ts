/**
 * Worker executors (Node layer): loop.runInExecutor, toThread, the default
 * pool's shutdown by run(). Real worker threads; outcomes and orders only.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import * as asyncio from "asyncio-ts";
import { transformSync } from "esbuild";
import { describe, expect, test } from "vitest";

const jobs = new URL("./fixtures/worker-jobs.mjs", import.meta.url);

/** The job `name` from fixtures/worker-jobs.mjs, run on `pool`. */
function runJob(pool: asyncio.WorkerPoolExecutor, name: string, ...args: unknown[]) {
  return pool.submit({ module: jobs, exportName: name }, args).promise;
}

/** What a job's promise settled with: ["ok", value] or ["error", thrown]. */
function outcome(promise: Promise<unknown>): Promise<["ok" | "error", unknown]> {
  return promise.then(
    (value) => ["ok", value],
    (thrown: unknown) => ["error", thrown],
  );
}

function busy(ms: number): string {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // a CPU-bound job that holds its worker
  }
  return `busy ${ms}`;
}

describe("runInExecutor and toThread", () => {
  test("a self-contained function runs in a worker and its result comes back", async () => {
    const r = await asyncio.run(
      (function* () {
        return yield* asyncio.toThread((a: number, b: number) => a * b, 6, 7);
      })(),
    );
    expect(r).toBe(42);
  });

  test("a function named by module and export runs in a worker", async () => {
    const r = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        return yield* loop.runInExecutor(
          undefined,
          { module: "node:path", exportName: "join" },
          "a",
          "b",
        );
      })(),
    );
    expect(r).toBe("a/b");
  });

  test("a module that starts its program when imported fails the job with a RuntimeError that says how to guard it", async () => {
    const program = new URL("./fixtures/worker-starts-program.mjs", import.meta.url);
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    try {
      const [kind, thrown] = await outcome(
        pool.submit({ module: program, exportName: "double" }, [21]).promise,
      );
      expect(kind).toBe("error");
      // Errors cross from the worker with their name (only JavaScript's built-in classes keep theirs).
      expect((thrown as Error).name).toBe("RuntimeError");
      expect((thrown as Error).message).toBe(
        `asyncio.run() was called while a worker thread imported ${program} for its export 'double': ` +
          "the module starts its program when imported, so the worker would run the program again. " +
          "Move 'double' to a module of its own, or start the program on the main thread only: " +
          "`if (isMainThread) await asyncio.run(main())`, with isMainThread from node:worker_threads " +
          '(Python guards a process pool\'s workers the same way, with `if __name__ == "__main__":`)',
      );
      // Guarded, the same module serves the job; and a job may run a loop of its own once imported.
      const guarded = new URL("?guarded", program);
      expect(await pool.submit({ module: guarded, exportName: "double" }, [21]).promise).toBe(42);
      expect(await pool.submit({ module: guarded, exportName: "viaRun" }, [7]).promise).toBe(7);
    } finally {
      await pool.shutdown();
    }
  });

  // The pool hands a worker one job at a time, but the worker answers every
  // message it gets: two jobs posted to it at once (as after a 'messageerror',
  // which makes the pool take the running job for finished).
  test("two module imports under way in one worker: the one that ends first leaves the other guarded", async () => {
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(new URL("../dist/src/node/executor-worker.js", import.meta.url));
    const slow = new URL("./fixtures/worker-slow-import.mjs", import.meta.url);
    const replies = new Map<number, { ok: boolean; value?: unknown; thrown?: { name?: string } }>();
    try {
      const both = new Promise<void>((resolve) => {
        worker.on("message", (reply: { seq: number; ok: boolean }) => {
          replies.set(reply.seq, reply);
          if (replies.size === 2) resolve();
        });
      });
      const job = (seq: number, query: string) =>
        worker.postMessage({
          seq,
          job: {
            kind: "module",
            module: `${slow.href}?${query}`,
            exportName: "double",
            args: [seq],
          },
        });
      job(1, "ms=0");
      job(2, "ms=50&run");
      await both;
    } finally {
      await worker.terminate();
    }
    expect(replies.get(1)).toMatchObject({ ok: true, value: 2 });
    expect(replies.get(2)).toMatchObject({ ok: false, thrown: { name: "RuntimeError" } });
  });

  test("an error thrown in the worker is raised in the awaiting task", async () => {
    const e = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.toThread(() => {
            throw new RangeError("out of range");
          });
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (err) {
          return err;
        }
        return undefined;
      })(),
    );
    expect(e).toBeInstanceOf(RangeError);
    expect((e as Error).message).toBe("out of range");
  });

  test("cancelling the awaiting task cancels a queued job; a running one finishes", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
        const running = loop.runInExecutor(pool, busy, 150);
        const waiter = asyncio.createTask(
          (function* () {
            return yield* loop.runInExecutor(pool, () => "queued job ran");
          })(),
        );
        yield* asyncio.sleep(0.02);
        waiter.cancel();
        const [outcome] = yield* asyncio.gather(waiter, { returnExceptions: true });
        const result = yield* running;
        yield* asyncio.fromPromise(pool.shutdown());
        return { outcome, result, cancelled: waiter.cancelled() };
      })(),
    );
    expect(out.outcome).toBeInstanceOf(asyncio.CancelledError);
    expect(out.cancelled).toBe(true);
    expect(out.result).toBe("busy 150");
  });

  test("run() shuts the default pool down: it takes no job afterwards", async () => {
    const runner = new asyncio.Runner();
    await runner.run(
      (function* () {
        return yield* asyncio.toThread(() => 1);
      })(),
    );
    const loop = runner.getLoop();
    await runner.close();
    const executor = (loop as unknown as { _defaultExecutor: asyncio.WorkerPoolExecutor })
      ._defaultExecutor;
    expect(() => executor.submit(() => 1, [])).toThrow(
      "cannot schedule new futures after shutdown",
    );
  });

  test("asyncWith(pool) gives the pool and shuts it down on the way out, after its jobs, also when the body raises", async () => {
    const pools: asyncio.WorkerPoolExecutor[] = [];
    const results = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const squares = yield* asyncio.asyncWith(
          new asyncio.WorkerPoolExecutor({ maxWorkers: 2 }),
          function* (pool) {
            pools.push(pool);
            const jobs = [3, 4, 5].map((n) => loop.runInExecutor(pool, (k: number) => k * k, n));
            return yield* asyncio.gather(...jobs);
          },
        );
        let raised: unknown;
        let busyDone = false;
        try {
          yield* asyncio.asyncWith(new asyncio.WorkerPoolExecutor(), function* (pool) {
            pools.push(pool);
            // Still running when the body raises: the way out waits for it.
            void pool.submit(busy, [50]).promise.then(() => {
              busyDone = true;
            });
            throw new asyncio.ValueError("body failed");
          });
        } catch (e) {
          if (e instanceof asyncio.CancelledError) throw e;
          raised = e;
        }
        return { squares, raised, busyDone };
      })(),
    );
    expect(results.squares).toEqual([9, 16, 25]);
    expect(results.raised).toBeInstanceOf(asyncio.ValueError);
    expect(results.busyDone).toBe(true);
    expect(pools).toHaveLength(2);
    for (const pool of pools) {
      expect(() => pool.submit(() => 1, [])).toThrow("cannot schedule new futures after shutdown");
    }
  });

  test("after shutdownDefaultExecutor the loop refuses default-executor jobs", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        yield* loop.shutdownDefaultExecutor();
        expect(() => loop.runInExecutor(undefined, () => 1)).toThrow(
          "Executor shutdown has been called",
        );
      })(),
    );
  });

  test("null is the default executor, as Python's None; anything else that is no executor is a TypeError", async () => {
    const r = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        expect(() => loop.runInExecutor({} as never, () => 1)).toThrow(
          new TypeError(
            "executor must be a WorkerPoolExecutor, a QueueExecutor or undefined, got {...}",
          ),
        );
        return yield* loop.runInExecutor(null, (a: number) => a + 1, 41);
      })(),
    );
    expect(r).toBe(42);
  });

  test("a method given by itself runs in a worker (its source text is `name(…) { … }`)", async () => {
    const shapes = {
      square(n: number): number {
        return n * n;
      },
      async halve(n: number): Promise<number> {
        return n / 2;
      },
    };
    class Geometry {
      constructor(readonly side: number) {}
      static cube(n: number): number {
        return n ** 3;
      }
    }
    const r = await asyncio.run(
      (function* () {
        return yield* asyncio.gather(
          asyncio.toThread(shapes.square, 4),
          asyncio.toThread(shapes.halve, 9),
          asyncio.toThread(Geometry.cube, 2),
        );
      })(),
    );
    expect(r).toEqual([16, 4.5, 8]);
  });

  test("a function runs in the worker as strict code, as in its module: no `this` in a plain call, no implicit global", async () => {
    class Geometry {
      constructor(readonly side: number) {}
      thisKind(): string {
        if (this === undefined) return "undefined";
        return (this as unknown) === globalThis ? "globalThis" : typeof this;
      }
      static leak(): string {
        // @ts-expect-error: an undeclared name, as a sloppy function would create
        undeclaredInWorker = 1;
        return "assigned";
      }
    }
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    try {
      expect(await pool.submit(new Geometry(1).thisKind, []).promise).toBe("undefined");
      expect(
        await pool.submit(function (this: unknown) {
          return this === undefined;
        }, []).promise,
      ).toBe(true);
      const [kind, error] = await outcome(pool.submit(Geometry.leak, []).promise);
      expect(kind).toBe("error");
      expect(error).toBeInstanceOf(ReferenceError);
      expect((error as Error).message).toMatch(/^undeclaredInWorker is not defined/);
    } finally {
      await pool.shutdown();
    }
  });

  test("a function as tsx runs it (esbuild's keepNames writes __name calls into it) runs in a worker", async () => {
    const { code } = transformSync(
      "function fib(n) { const inner = (k) => (k < 2 ? k : inner(k - 1) + inner(k - 2)); return inner(n); }",
      { keepNames: true },
    );
    expect(code).toMatch(/__name\(\(k\) =>/);
    const fib = new Function(`${code}; return fib;`)() as (n: number) => number;
    const r = await asyncio.run(
      (function* () {
        return yield* asyncio.toThread(fib, 20);
      })(),
    );
    expect(r).toBe(6765);
  });

  test("a function that uses a name from around it fails with a ReferenceError that says why", async () => {
    const limit = 3;
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const [kind, error] = await outcome(pool.submit(() => limit * 2, []).promise);
    expect(kind).toBe("error");
    expect(error).toBeInstanceOf(ReferenceError);
    const message =
      "limit is not defined (the function was sent to the worker thread as its source text, without the variables, imports and functions around it)";
    expect((error as Error).message).toBe(message);
    expect((error as Error).stack).toMatch(
      new RegExp(`^ReferenceError: ${message.replace(/[()]/g, "\\$&")}\n`),
    );
    // A job named by module and export runs with its module's names: its own errors stay as they are.
    const [, fromModule] = await outcome(runJob(pool, "throwReferenceError"));
    expect((fromModule as Error).message).toBe("undefinedName is not defined");
    await pool.shutdown();
  });

  test("a built-in or bound function raises TypeError at once: it has no source text to send", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    expect(() => pool.submit(Math.max, [1, 2])).toThrow(
      /^max\(\) cannot run in a worker thread: a built-in or bound function has no source text to send/,
    );
    const bound = function add(this: number, n: number) {
      return this + n;
    }.bind(1);
    expect(() => pool.submit(bound, [2])).toThrow(/^bound add\(\) cannot run in a worker thread/);
    await pool.shutdown();
  });

  test("a WorkerPoolExecutor needs at least one worker", () => {
    expect(() => new asyncio.WorkerPoolExecutor({ maxWorkers: 0 })).toThrow(RangeError);
  });
});

describe("the worker pool", () => {
  test("sequential jobs reuse one worker", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 4 });
    const ids: unknown[] = [];
    for (let i = 0; i < 5; i++) ids.push(await runJob(pool, "threadId"));
    await pool.shutdown();
    expect(new Set(ids).size).toBe(1);
  });

  test("no more than maxWorkers jobs run at once, on at most maxWorkers threads", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 2 });
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const ids = await Promise.all(
      Array.from({ length: 8 }, () => runJob(pool, "crowd", shared, 20)),
    );
    await pool.shutdown();
    expect(Atomics.load(shared, 1)).toBeGreaterThanOrEqual(1);
    expect(Atomics.load(shared, 1)).toBeLessThanOrEqual(2);
    expect(new Set(ids).size).toBeLessThanOrEqual(2);
  });

  test("a worker that exits fails its job and is replaced; the queue goes on", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const first = await runJob(pool, "threadId");
    const died = outcome(runJob(pool, "exitWith", 3));
    const next = runJob(pool, "threadId");
    const [kind, error] = await died;
    expect(kind).toBe("error");
    expect((error as Error).message).toBe("The worker thread running this job exited with code 3");
    expect(await next).not.toBe(first);
    await pool.shutdown();
  });

  test("an error escaping the job in its worker fails the job; the queue goes on", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const failed = outcome(runJob(pool, "throwOutside", "escaped"));
    const next = runJob(pool, "sleepThen", 0, "next ran");
    const [kind, error] = await failed;
    expect(kind).toBe("error");
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("escaped");
    expect(await next).toBe("next ran");
    await pool.shutdown();
  });

  test("an error escaping an idle worker (a timer its finished job left) is printed to stderr, as Python's threading.excepthook prints what ends a thread; the pool replaces the worker", async () => {
    const printed: unknown[][] = [];
    let heard: () => void = () => {};
    const reported = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const error = console.error;
    console.error = (...args: unknown[]) => {
      printed.push(args);
      heard();
    };
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    try {
      const shared = new Int32Array(new SharedArrayBuffer(4));
      const first = await runJob(pool, "throwOnceIdle", shared, "left behind");
      // The result is in: the worker is idle when its timer throws.
      Atomics.store(shared, 0, 1);
      await reported;
      expect(printed).toHaveLength(1);
      expect(printed[0]![0]).toBe(`Exception in worker thread ${first}, outside any job:`);
      expect(printed[0]![1]).toBeInstanceOf(Error);
      expect((printed[0]![1] as Error).message).toBe("left behind");
      expect(await runJob(pool, "threadId")).not.toBe(first);
    } finally {
      console.error = error;
      await pool.shutdown();
    }
  });

  test("a result that cannot be cloned fails the job, and the worker stays", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const first = await runJob(pool, "threadId");
    const [kind, error] = await outcome(runJob(pool, "returnFunction"));
    expect(kind).toBe("error");
    expect((error as Error).name).toBe("DataCloneError");
    expect((error as Error).message).toMatch(/^The job's result could not be sent back/);
    expect(await runJob(pool, "threadId")).toBe(first);
    await pool.shutdown();
  });

  test("an argument that cannot be cloned fails the job at once, and the worker stays", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const first = await runJob(pool, "threadId");
    const [kind, error] = await outcome(runJob(pool, "sleepThen", 0, () => 1));
    expect(kind).toBe("error");
    expect((error as Error).name).toBe("DataCloneError");
    expect(await runJob(pool, "threadId")).toBe(first);
    await pool.shutdown();
  });

  test("an Error subclass keeps its name, message, stack, own properties and cause", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const [, error] = await outcome(runJob(pool, "throwSubclass"));
    await pool.shutdown();
    expect(error).toBeInstanceOf(Error);
    const e = error as Error & { status: number };
    expect([e.name, e.message, e.status]).toEqual(["HttpError", "not found", 404]);
    expect(e.stack).toMatch(/^HttpError: not found\n\s+at /);
    expect(e.cause).toBeInstanceOf(TypeError);
    expect((e.cause as Error).message).toBe("bad path");
  });

  test("asyncio-ts's Python errors come back as their classes (except ValueError: around a job)", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const [, error] = await outcome(runJob(pool, "throwPython"));
    await pool.shutdown();
    expect(error).toBeInstanceOf(asyncio.ValueError);
    const e = error as asyncio.ValueError;
    expect([e.name, e.message, String(e)]).toEqual([
      "ValueError",
      "bad job",
      "ValueError: bad job",
    ]);
    expect(e.stack).toMatch(/^ValueError: bad job\n\s+at /);
    expect(e.cause).toBeInstanceOf(asyncio.ConnectionRefusedError);
    expect(e.cause).toBeInstanceOf(asyncio.OSError);
    expect((e.cause as asyncio.ConnectionRefusedError).errno).toBe("ECONNREFUSED");
  });

  test("an AggregateError keeps its errors", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const [, error] = await outcome(runJob(pool, "throwAggregate"));
    await pool.shutdown();
    expect(error).toBeInstanceOf(AggregateError);
    const errors = (error as AggregateError).errors as Error[];
    expect(errors[0]).toBeInstanceOf(RangeError);
    expect(errors.map((e) => e.message)).toEqual(["a", "b"]);
  });

  test("a thrown value that is not an Error arrives as itself", async () => {
    const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const thrown = await Promise.all(
      ["text", 42, { a: 1 }, null, undefined].map((v) => outcome(runJob(pool, "throwValue", v))),
    );
    await pool.shutdown();
    expect(thrown).toEqual([
      ["error", "text"],
      ["error", 42],
      ["error", { a: 1 }],
      ["error", null],
      ["error", undefined],
    ]);
  });

  test("shutdown() waits for the running job; shutdown(false) returns at once", async () => {
    const order: string[] = [];
    const waiting = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    void runJob(waiting, "sleepThen", 100, 1).then(() => order.push("job 1 done"));
    await waiting.shutdown();
    order.push("shutdown() returned");
    const notWaiting = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
    const job = runJob(notWaiting, "sleepThen", 100, 2).then(() => order.push("job 2 done"));
    await notWaiting.shutdown(false);
    order.push("shutdown(false) returned");
    await job;
    expect(order).toEqual([
      "job 1 done",
      "shutdown() returned",
      "shutdown(false) returned",
      "job 2 done",
    ]);
  });

  test("idle workers do not keep a program alive; a running job does", {
    timeout: 30_000,
  }, async () => {
    const program = join(import.meta.dirname, "fixtures", "executor-exit-program.mjs");
    const { stdout } = await promisify(execFile)(process.execPath, [program], {
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe("42 b! late");
  });
});
