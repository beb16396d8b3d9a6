/**
 * The virtual clock's jumps: many timers in a row, and what must reach the
 * loop before time moves. The loop jumps without a host turn in between when
 * the host can have nothing for it; these tests put host work in the middle
 * of a run of jumps and check that it is seen at the time it was awaited:
 * a Promise awaited through `fromPromise` (settled by `setImmediate` or a
 * real timer), a worker job, a child process's exit, ordinary async code
 * awaiting a Task, work handed to the loop right after it starts, and, while
 * a socket or a signal handler is open, whatever the host delivers in its
 * next turn (CPython's virtual-time loop polls its selector before each jump).
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { runVirtual, virtualLoop } from "./helpers.js";

/** `n` distinct delays in (0, 1), not in order. */
function delays(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n + 0.5 / n);
}

/**
 * `n` tasks sleeping distinct delays; the one woken `k`-th runs `atK` (a
 * coroutine) there. Returns what each task logged, in order.
 */
function* sleepers(
  n: number,
  k: number,
  atK: () => asyncio.Coroutine<string>,
): asyncio.Coroutine<string[]> {
  const loop = asyncio.getRunningLoop();
  const log: string[] = [];
  const ds = delays(n);
  const kth = [...ds].sort((a, b) => a - b)[k];
  function* sleeper(d: number): asyncio.Coroutine<void> {
    yield* asyncio.sleep(d);
    log.push(`woke at ${d}`);
    if (d === kth) {
      const what = yield* atK();
      log.push(`${what} at ${loop.time()}`);
    }
  }
  const tasks = ds.map((d) => asyncio.createTask(sleeper(d)));
  for (const t of tasks) yield* t;
  return log;
}

/** What a run of `sleepers` logs when host work at the `k`-th wake-up is seen before time moves. */
function expectedLog(n: number, k: number, what: string): string[] {
  const sorted = [...delays(n)].sort((a, b) => a - b);
  const log = sorted.map((d) => `woke at ${d}`);
  log.splice(k + 1, 0, `${what} at ${sorted[k]}`);
  return log;
}

describe("a run of jumps", () => {
  test("tasks sleeping distinct delays wake in deadline order, each at its deadline", async () => {
    const woke = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const order: [number, number][] = [];
        const ds = delays(2000);
        const tasks = ds.map((d) =>
          asyncio.createTask(
            (function* () {
              yield* asyncio.sleep(d);
              order.push([d, loop.time()]);
            })(),
          ),
        );
        for (const t of tasks) yield* t;
        return order;
      })(),
    );
    const sorted = [...delays(2000)].sort((a, b) => a - b);
    expect(woke).toEqual(sorted.map((d) => [d, d]));
  });
});

describe("host work in the middle of a run of jumps is seen before the next jump", () => {
  test("a Promise settled by setImmediate, awaited through fromPromise", async () => {
    const log = await runVirtual(
      sleepers(300, 100, function* () {
        return yield* asyncio.fromPromise(
          new Promise<string>((resolve) => setImmediate(() => resolve("immediate"))),
        );
      }),
    );
    expect(log).toEqual(expectedLog(300, 100, "immediate"));
  });

  test("a chain of Promises and setImmediates, awaited through fromPromise", async () => {
    const log = await runVirtual(
      sleepers(300, 100, function* () {
        return yield* asyncio.fromPromise(async () => {
          for (let i = 0; i < 5; i++) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            await Promise.resolve();
          }
          return "chain";
        });
      }),
    );
    expect(log).toEqual(expectedLog(300, 100, "chain"));
  });

  test("a real setTimeout, awaited through fromPromise", async () => {
    const log = await runVirtual(
      sleepers(300, 100, function* () {
        return yield* asyncio.fromPromise(
          new Promise<string>((resolve) => setTimeout(() => resolve("timeout"), 5)),
        );
      }),
    );
    expect(log).toEqual(expectedLog(300, 100, "timeout"));
  });

  test("a worker thread's result (toThread)", async () => {
    const log = await runVirtual(
      // asyncio.run shuts the default executor down at the end.
      sleepers(300, 100, () => asyncio.toThread((w: string) => w, "worker")),
    );
    expect(log).toEqual(expectedLog(300, 100, "worker"));
  });

  test("a child process's exit", async () => {
    const log = await runVirtual(
      sleepers(300, 100, function* () {
        const proc = yield* asyncio.createSubprocessExec(process.execPath, ["-e", ""]);
        return `exit ${yield* proc.wait()}`;
      }),
    );
    expect(log).toEqual(expectedLog(300, 100, "exit 0"));
  });
});

describe("code outside the loop comes before the next jump", () => {
  test("ordinary async code awaiting a Task runs, and what it schedules runs, before the clock moves", async () => {
    const loop = virtualLoop();
    try {
      const log: string[] = [];
      const first = loop.createTask(asyncio.sleep(1));
      const rest = loop.createTask(
        (function* () {
          for (let i = 2; i <= 100; i++) yield* asyncio.sleep(1);
          log.push(`rest done at ${loop.time()}`);
        })(),
      );
      const run = loop.runUntilComplete(rest);
      // Resumes a few microtasks after the Task's done callback.
      await first;
      log.push(`awaited at ${loop.time()}`);
      loop.callSoon(() => log.push(`scheduled from async code ran at ${loop.time()}`));
      await run;
      expect(log).toEqual([
        "awaited at 1",
        "scheduled from async code ran at 1",
        "rest done at 99",
      ]);
    } finally {
      loop.close();
    }
  });

  test("work handed to the loop by a microtask just after it starts comes before the first jump", async () => {
    const loop = virtualLoop();
    try {
      const log: string[] = [];
      const run = loop.runUntilComplete(asyncio.sleep(5));
      void Promise.resolve()
        .then(() => undefined)
        .then(() => loop.callSoon(() => log.push(`ran at ${loop.time()}`)));
      await run;
      expect(log).toEqual(["ran at 0"]);
    } finally {
      loop.close();
    }
  });
});

describe("while a host source is open, the host has a turn before every jump", () => {
  /** Host work a coroutine starts by hand: a setImmediate that sets an Event. */
  function* immediateEvent(): asyncio.Coroutine<string> {
    const loop = asyncio.getRunningLoop();
    const event = new asyncio.Event();
    setImmediate(() => loop.callSoonThreadsafe(() => event.set()));
    yield* event.wait();
    return "immediate";
  }

  test("a socket server", async () => {
    const log = await runVirtual(
      (function* () {
        // A server left open by a failure is closed with the loop.
        const server = yield* asyncio.startServer(() => {}, "127.0.0.1", 0);
        const log = yield* sleepers(300, 100, immediateEvent);
        server.close();
        yield* server.waitClosed();
        return log;
      })(),
    );
    expect(log).toEqual(expectedLog(300, 100, "immediate"));
  });

  test("a signal handler", async () => {
    const log = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        loop.addSignalHandler("SIGUSR2", () => {});
        try {
          return yield* sleepers(300, 100, immediateEvent);
        } finally {
          loop.removeSignalHandler("SIGUSR2");
        }
      })(),
    );
    expect(log).toEqual(expectedLog(300, 100, "immediate"));
  });
});
