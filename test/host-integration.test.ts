/**
 * How the loop sits on the host's loop: batches of iterations inside host
 * macrotasks, so the host's own callbacks (I/O, timers, Promises) are never
 * starved, an idle loop wakes when a host callback schedules work, and an
 * idle program lets the process exit. These run on the real clock but assert
 * only outcomes and orders, never durations.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";

test("a task that never stops yielding does not starve host callbacks", async () => {
  let hostRan = false;
  function* spinner(): asyncio.Coroutine<number> {
    let turns = 0;
    setImmediate(() => {
      hostRan = true;
    });
    while (!hostRan) {
      yield* asyncio.sleep(0);
      turns++;
    }
    return turns;
  }
  const turns = await asyncio.run(spinner());
  expect(hostRan).toBe(true);
  expect(turns).toBeGreaterThan(0);
});

test("a coroutine awaiting a settled Promise resumes in the same host turn", async () => {
  const order: string[] = [];
  function* main(): asyncio.Coroutine<void> {
    // A turn long enough that a loaded machine cannot use it up (the default is 5 ms).
    asyncio.getRunningLoop()._turnSeconds = 60;
    setImmediate(() => order.push("host turn"));
    for (let i = 0; i < 3; i++) {
      yield* asyncio.fromPromise(Promise.resolve(i));
      order.push(`awaited ${i}`);
    }
  }
  await asyncio.run(main());
  expect(order.slice(0, 3)).toEqual(["awaited 0", "awaited 1", "awaited 2"]);
});

test("awaits of settled Promises continue within a host turn, yet host callbacks still get theirs", async () => {
  let hostRan = false;
  function* chain(): asyncio.Coroutine<number> {
    // Some turns' worth of room even on a loaded machine, still a bound (the default is 5 ms).
    asyncio.getRunningLoop()._turnSeconds = 0.05;
    let awaited = 0;
    setImmediate(() => {
      hostRan = true;
    });
    while (!hostRan) {
      yield* asyncio.fromPromise(Promise.resolve());
      awaited++;
    }
    return awaited;
  }
  const awaited = await asyncio.run(chain());
  expect(hostRan).toBe(true);
  expect(awaited).toBeGreaterThan(1);
});

test("on a virtual clock, when an awaited Promise resumes its coroutine does not depend on how long the step ran", async () => {
  function* main(busyMs: number): asyncio.Coroutine<string> {
    const log: string[] = [];
    const t0 = performance.now();
    // eslint-disable-next-line asyncio-ts/no-blocking-call -- the test needs a step that outlasts a batch's share of the host turn
    while (performance.now() - t0 < busyMs) {
      // a step that takes longer than a batch's share of the host turn
    }
    const p = Promise.resolve();
    void p
      .then(() => log.push("f1"))
      .then(() => log.push("f2"))
      .then(() => log.push("f3"));
    yield* asyncio.fromPromise(p);
    log.push("resumed");
    return log.join(", ");
  }
  const quick = await asyncio.run(main(0), { virtualTime: true });
  const slow = await asyncio.run(main(8), { virtualTime: true });
  expect(slow).toBe(quick);
});

test("many bytes read by the host reach the protocol in that host callback; a few wait for the batch after the turn", async () => {
  class Sizes extends asyncio.Protocol {
    constructor(private readonly _log: string[]) {
      super();
    }
    override dataReceived(data: Uint8Array): void {
      this._log.push(`data ${data.length}`);
    }
  }
  function* main(): asyncio.Coroutine<string[]> {
    const log: string[] = [];
    const pipe = new PassThrough();
    yield* asyncio.getRunningLoop().connectReadPipe(() => new Sizes(log), pipe);
    // Host callbacks, outside the loop's batches: a read, then a microtask of the same callback.
    yield* asyncio.fromPromise(
      new Promise<void>((resolve) => {
        setTimeout(() => {
          pipe.write(Buffer.alloc(64 * 1024));
          queueMicrotask(() => log.push("microtask after 64 KiB"));
          setTimeout(() => {
            pipe.write(Buffer.alloc(1024));
            queueMicrotask(() => log.push("microtask after 1 KiB"));
            setTimeout(resolve, 20);
          }, 5);
        }, 5);
      }),
    );
    return log;
  }
  expect(await asyncio.run(main())).toEqual([
    "data 65536",
    "microtask after 64 KiB",
    "microtask after 1 KiB",
    "data 1024",
  ]);
});

test("a Promise settled by the host wakes an idle loop", async () => {
  function* main(): asyncio.Coroutine<string> {
    const loop = asyncio.getRunningLoop();
    const fut = loop.createFuture<string>();
    setTimeout(() => loop.callSoon(() => fut.setResult("woken")), 5);
    return yield* fut;
  }
  expect(await asyncio.run(main())).toBe("woken");
});

test("real-time sleeps fire in deadline order", async () => {
  const order: number[] = [];
  function* sleeper(d: number): asyncio.Coroutine<void> {
    yield* asyncio.sleep(d);
    order.push(d);
  }
  function* main(): asyncio.Coroutine<void> {
    yield* asyncio.gather(sleeper(0.03), sleeper(0.01), sleeper(0.02));
  }
  await asyncio.run(main());
  expect(order).toEqual([0.01, 0.02, 0.03]);
});

test("virtual time: a program sleeping an hour finishes with the clock an hour later", async () => {
  const elapsed = await asyncio.run(
    (function* () {
      const loop = asyncio.getRunningLoop();
      const start = loop.time();
      yield* asyncio.sleep(3600);
      return loop.time() - start;
    })(),
    { virtualTime: true },
  );
  expect(elapsed).toBe(3600);
});

test("a program waiting on nothing that can happen lets the process exit", async () => {
  const script = join(tmpdir(), `asyncio-ts-idle-${process.pid}.mjs`);
  const entry = join(import.meta.dirname, "..", "dist", "src", "index.js");
  writeFileSync(
    script,
    `import * as asyncio from ${JSON.stringify(entry)};
function* main() { yield* asyncio.getRunningLoop().createFuture(); }
await asyncio.run(main());
`,
  );
  const result = await promisify(execFile)(process.execPath, [script], { timeout: 10_000 }).then(
    () => ({ code: 0 }),
    (e: { code?: number; killed?: boolean }) => ({ code: e.code, killed: e.killed }),
  );
  // Node reports a top-level await that can never settle with exit code 13.
  expect(result).toEqual({ code: 13, killed: false });
});

describe("reaching a running loop from outside it", () => {
  /** Runs `main` with the loop handed to `outside`, ordinary async code running beside it. */
  async function beside<T>(
    main: (ready: asyncio.Event) => asyncio.Coroutine<T>,
    outside: (loop: asyncio.EventLoop, ready: asyncio.Event) => Promise<void>,
  ): Promise<T> {
    let started!: (v: [asyncio.EventLoop, asyncio.Event]) => void;
    const loopReady = new Promise<[asyncio.EventLoop, asyncio.Event]>((r) => {
      started = r;
    });
    const run = asyncio.run(
      (function* () {
        const done = new asyncio.Event();
        started([asyncio.getRunningLoop(), done]);
        return yield* main(done);
      })(),
    );
    const [loop, done] = await loopReady;
    await outside(loop, done);
    return run;
  }

  test("runCoroutineThreadsafe runs a coroutine as a Task of the loop; its Future is awaitable from async code", async () => {
    const log: string[] = [];
    const result = await beside(
      function* (done) {
        yield* done.wait();
        return log;
      },
      async (loop, done) => {
        const fut = asyncio.runCoroutineThreadsafe(
          (function* () {
            log.push(`in a task: ${asyncio.currentTask() !== null}`);
            yield* asyncio.sleep(0.01);
            return 42;
          })(),
          loop,
        );
        log.push(`awaited ${await fut}`);
        loop.callSoonThreadsafe(() => done.set());
      },
    );
    expect(result).toEqual(["in a task: true", "awaited 42"]);
  });

  test("cancelling its Future cancels the Task; an error in the coroutine rejects it", async () => {
    const log: string[] = [];
    await beside(
      function* (done) {
        yield* done.wait();
      },
      async (loop, done) => {
        const slow = asyncio.runCoroutineThreadsafe(
          (function* () {
            try {
              yield* asyncio.sleep(10);
            } catch (e) {
              log.push(`task got ${(e as Error).constructor.name}`);
              throw e;
            }
          })(),
          loop,
        );
        await new Promise((r) => setTimeout(r, 5));
        slow.cancel();
        const failing = asyncio.runCoroutineThreadsafe(
          (function* () {
            throw new asyncio.ValueError("bad");
          })(),
          loop,
        );
        await failing.then(
          () => log.push("no error"),
          (e: unknown) =>
            log.push(`rejected with ${(e as Error).constructor.name}: ${(e as Error).message}`),
        );
        await new Promise((r) => setTimeout(r, 5));
        loop.callSoonThreadsafe(() => done.set());
      },
    );
    expect(log).toEqual(["task got CancelledError", "rejected with ValueError: bad"]);
    expect(() => asyncio.runCoroutineThreadsafe(42 as never, asyncio.newEventLoop())).toThrow(
      "A coroutine object is required",
    );
  });
});

test("runCoroutineThreadsafe: a failure nobody reads is not reported (CPython's concurrent Future never is)", async () => {
  const reports: string[] = [];
  const loop = new asyncio.EventLoop();
  loop.setExceptionHandler((_loop, context) => reports.push(String(context.message)));
  const started = loop.runForever();
  const fut = asyncio.runCoroutineThreadsafe(
    (function* () {
      throw new asyncio.ValueError("nobody reads this");
    })(),
    loop,
  );
  await new Promise((r) => setTimeout(r, 20));
  expect(fut.done()).toBe(true);
  loop.stop();
  await started;
  loop.close();
  expect(reports).toEqual([]);
});
