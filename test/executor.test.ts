/**
 * Worker executors (Node layer): loop.runInExecutor, toThread, the default
 * pool's shutdown by run(). Real worker threads; outcomes and orders only.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";

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

  test("an error thrown in the worker is raised in the awaiting task", async () => {
    const e = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.toThread(() => {
            throw new RangeError("out of range");
          });
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

  test("a WorkerPoolExecutor needs at least one worker", () => {
    expect(() => new asyncio.WorkerPoolExecutor({ maxWorkers: 0 })).toThrow(RangeError);
  });
});
