/**
 * asyncio-ts/testing: asyncTest's failures (a Task left pending, an exception
 * never retrieved, a report to the exception handler, a slow callback, a
 * manual clock nobody advances), MockClock's autojump and advance(), and the
 * same helpers under node:test.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import * as asyncio from "asyncio-ts";
import {
  AsyncTestError,
  asyncTest,
  MockClock,
  runTest,
  waitAllTasksBlocked,
} from "asyncio-ts/testing";
import { afterEach, describe, expect, test, vi } from "vitest";
import { ZeroDivisionError } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** What `runTest(body, options)` rejected with; fails if it resolved. */
async function failureOf(
  body: () => asyncio.Coroutine<unknown>,
  options?: Parameters<typeof runTest>[1],
): Promise<AsyncTestError> {
  const error = await runTest(body, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AsyncTestError);
  return error as AsyncTestError;
}

function manualClock(): MockClock {
  return new MockClock({ autojumpThreshold: Number.POSITIVE_INFINITY });
}

describe("a passing test", () => {
  test(
    "runs on an autojumping MockClock, in debug mode, as the current event loop",
    asyncTest(function* ({ loop, clock }) {
      expect(asyncio.getRunningLoop()).toBe(loop);
      expect(asyncio.getEventLoop()).toBe(loop);
      expect(loop.getDebug()).toBe(true);
      yield* asyncio.sleep(3600);
      expect(clock.time()).toBe(3600);
      expect(loop.time()).toBe(3600);
    }),
  );

  test("runTest returns the coroutine's value and restores the current event loop", async () => {
    const outer = new asyncio.EventLoop();
    asyncio.setEventLoop(outer);
    try {
      expect(await runTest(() => asyncio.sleep(2, "slept"))).toBe("slept");
      expect(asyncio.getEventLoop()).toBe(outer);
    } finally {
      asyncio.setEventLoop(null);
      outer.close();
    }
  });

  test("the test function takes no parameter (node:test would pass it a done callback)", () => {
    expect(asyncTest(() => asyncio.sleep(0)).length).toBe(0);
  });

  test("runTest inside a running loop is an error", async () => {
    const error = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.fromPromise(runTest(() => asyncio.sleep(0)));
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(error).toBeInstanceOf(asyncio.RuntimeError);
    expect(String(error)).toMatch(/cannot be called from a running event loop/);
  });
});

describe("what fails a test", () => {
  test("a Task left pending: its repr, where it waits and where it was made; it is cancelled", async () => {
    let cleanedUp = false;
    function* forgottenWorker(): asyncio.Coroutine<void> {
      try {
        yield* asyncio.sleep(100);
      } finally {
        cleanedUp = true;
      }
    }
    const error = await failureOf(function* () {
      asyncio.createTask(forgottenWorker(), { name: "forgotten" });
      yield* asyncio.sleep(1);
    });
    expect(error.findings).toHaveLength(1);
    const lines = error.findings[0]!.split("\n");
    // Debug mode: the repr names the coroutine where it suspended, as CPython's does.
    expect(lines[0]).toMatch(
      /^Task still pending when the test returned: <Task pending name='forgotten' coro=<forgottenWorker\(\) running at .*testing\.test\.ts:\d+> wait_for=<Future pending cb=\[Task\.task_wakeup\(\)\]>>$/,
    );
    expect(lines[1]).toBe("  waiting at:");
    expect(lines[2]).toMatch(/^ {4}at forgottenWorker \(.*testing\.test\.ts:\d+:\d+\)$/);
    expect(lines).toContain("  created at:");
    expect(error.message).toMatch(/^the test left a problem behind:\n1\. Task still pending/);
    expect(error.message).toMatch(/\(asyncTest options that permit these: allowPending\)$/);
    expect(cleanedUp).toBe(true);
  });

  test("allowPending: the Task is cancelled and the test passes", async () => {
    let cancelled = false;
    await runTest(
      function* () {
        asyncio.createTask(
          (function* () {
            try {
              yield* asyncio.sleep(100);
            } catch (e) {
              cancelled = e instanceof asyncio.CancelledError;
              throw e;
            }
          })(),
        );
        yield* asyncio.sleep(0);
      },
      { allowPending: true },
    );
    expect(cancelled).toBe(true);
  });

  test("an exception never retrieved, with the exception as the cause", async () => {
    const boom = new ZeroDivisionError("division by zero");
    const error = await failureOf(function* () {
      asyncio.createTask(
        (function* () {
          throw boom;
        })(),
      );
      yield* asyncio.sleep(1);
    });
    expect(error.findings).toHaveLength(1);
    expect(error.findings[0]).toMatch(
      /^Task exception was never retrieved: ZeroDivisionError: division by zero\n {2}future: <Task finished name='Task-\d+' coro=<coroutine> exception=ZeroDivisionError\('division by zero'\)>\n {2}created at:\n/,
    );
    expect(error.cause).toBe(boom);
    expect(error.message).toMatch(/permit these: allowUnretrieved\)$/);
  });

  test("allowUnretrieved: the report goes to the default handler and the test passes", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    await runTest(
      function* () {
        const fut = asyncio.getRunningLoop().createFuture();
        fut.setException(new ZeroDivisionError("lost"));
        yield* asyncio.sleep(0);
      },
      { allowUnretrieved: true },
    );
    expect(printed).toHaveBeenCalledOnce();
    expect(String(printed.mock.calls[0]![0])).toMatch(/^Future exception was never retrieved/);
  });

  test("a callback that raised (any report to the exception handler)", async () => {
    const error = await failureOf(function* () {
      asyncio.getRunningLoop().callSoon(function explode() {
        throw new ZeroDivisionError("in a callback");
      });
      yield* asyncio.sleep(0);
    });
    expect(error.findings[0]).toMatch(
      /^Exception in callback explode\(\): ZeroDivisionError: in a callback\n {2}handle: <Handle explode\(\)/,
    );
    expect(error.message).toMatch(/permit these: allowErrors\)$/);
  });

  test("a test that installs its own exception handler sees the reports itself", async () => {
    const seen: string[] = [];
    await runTest(function* () {
      const loop = asyncio.getRunningLoop();
      loop.setExceptionHandler((_loop, context) => seen.push(String(context.message)));
      loop.callSoon(() => {
        throw new ZeroDivisionError("seen");
      });
      yield* asyncio.sleep(0);
    });
    expect(seen).toEqual([expect.stringMatching(/^Exception in callback/)]);
  });

  // The only test that depends on real time: a callback busy for 0.2 s must
  // be reported as slow past 0.1 s; it asserts that the failure happens, not a
  // duration (on a loaded machine other steps may be reported too).
  test("a slow callback in debug mode", async () => {
    const busy = (): void => {
      const start = performance.now();
      while (performance.now() - start < 200);
    };
    const error = await failureOf(
      function* () {
        asyncio.getRunningLoop().callSoon(busy);
        yield* asyncio.sleep(0);
      },
      { slowCallbackDuration: 0.1 },
    );
    expect(error.findings).toContainEqual(
      expect.stringMatching(
        /^slow callback \(over 0\.1 s in debug mode\): Executing <Handle busy\(\)> took \d\.\d{3} seconds$/,
      ),
    );
    await runTest(
      function* () {
        asyncio.getRunningLoop().callSoon(busy);
        yield* asyncio.sleep(0);
      },
      { slowCallbackDuration: Number.POSITIVE_INFINITY },
    );
  });

  test("the test's own failure is thrown as it is when the loop reported nothing", async () => {
    const own = new ZeroDivisionError("the test's");
    const error = await runTest(function* () {
      asyncio.createTask(asyncio.sleep(10));
      yield* asyncio.sleep(0);
      throw own;
    }).catch((e: unknown) => e);
    // The Task it left pending is fallout of the failure, not listed.
    expect(error).toBe(own);
  });

  test("the test's own failure becomes the cause when the loop reported something", async () => {
    const own = new ZeroDivisionError("the test's");
    const error = await failureOf(function* () {
      asyncio.getRunningLoop().callSoon(() => {
        throw new Error("the root cause");
      });
      yield* asyncio.sleep(0);
      throw own;
    });
    expect(error.cause).toBe(own);
    expect(error.message).toMatch(
      /^the test failed \(its error is the cause\), and left a problem behind:\n1\. Exception in callback <anonymous>\(\): Error: the root cause/,
    );
  });

  test("a manual clock nothing advances: a deadlock, showing where the test waits", async () => {
    function* waitsForTheClock(): asyncio.Coroutine<void> {
      yield* asyncio.sleep(5);
    }
    const error = await failureOf(waitsForTheClock, {
      clock: manualClock(),
      deadlockTimeout: 0.05,
    });
    const lines = error.message.split("\n");
    expect(lines[0]).toBe(
      "deadlock: nothing is ready and the clock is manual: the loop waited 0.05 s of real time " +
        "for clock.advance() (clock at 0 s, next timer at 5 s)",
    );
    expect(lines[1]).toMatch(/^<Task pending name='Task-\d+' .*\(the test\)$/);
    expect(lines[3]).toMatch(/^ {4}at waitsForTheClock \(/);
  });

  test("debug: false leaves the frames out", async () => {
    const error = await failureOf(
      function* () {
        asyncio.createTask(asyncio.sleep(10), { name: "plain" });
        yield* asyncio.sleep(0);
      },
      { debug: false },
    );
    expect(error.findings).toEqual([
      "Task still pending when the test returned: <Task pending name='plain' coro=<sleep()> " +
        "wait_for=<Future pending cb=[Task.task_wakeup()]>>",
    ]);
  });
});

describe("MockClock", () => {
  test(
    "advance() moves a manual clock; due timers fire in deadline order, then scheduling order",
    asyncTest(
      function* ({ loop, clock }) {
        const fired: string[] = [];
        for (const [delay, name] of [
          [3, "c"],
          [1, "a"],
          [2, "b1"],
          [2, "b2"],
        ] as const) {
          loop.callLater(delay, () => fired.push(`${name}@${loop.time()}`));
        }
        clock.advance(1.5);
        yield* waitAllTasksBlocked();
        expect(fired).toEqual(["a@1.5"]);
        clock.advance(0.5);
        yield* waitAllTasksBlocked();
        expect(fired).toEqual(["a@1.5", "b1@2", "b2@2"]);
        clock.advance(10);
        yield* waitAllTasksBlocked();
        expect(fired).toEqual(["a@1.5", "b1@2", "b2@2", "c@12"]);
        expect(clock.time()).toBe(12);
      },
      { clock: manualClock() },
    ),
  );

  test(
    "what a due timer wakes has run once waitAllTasksBlocked returns",
    asyncTest(
      function* ({ clock }) {
        const steps: string[] = [];
        const sleeper = asyncio.createTask(
          (function* () {
            yield* asyncio.sleep(1);
            steps.push("woke");
            yield* asyncio.sleep(0);
            steps.push("done");
          })(),
        );
        yield* waitAllTasksBlocked();
        expect(steps).toEqual([]);
        clock.advance(1);
        yield* waitAllTasksBlocked();
        expect(steps).toEqual(["woke", "done"]);
        expect(sleeper.done()).toBe(true);
      },
      { clock: manualClock() },
    ),
  );

  test("advance() from outside the loop wakes it", async () => {
    const clock = manualClock();
    const host = setTimeout(() => clock.advance(5), 10);
    try {
      const time = await runTest(
        function* () {
          yield* asyncio.sleep(5);
          return clock.time();
        },
        { clock, deadlockTimeout: 60 },
      );
      expect(time).toBe(5);
    } finally {
      clearTimeout(host);
    }
  });

  test("switching a waiting manual clock to autojump lets the loop jump", async () => {
    const clock = manualClock();
    const host = setTimeout(() => {
      clock.autojumpThreshold = 0;
    }, 10);
    try {
      expect(await runTest(() => asyncio.sleep(7, "jumped"), { clock, deadlockTimeout: 60 })).toBe(
        "jumped",
      );
      expect(clock.time()).toBe(7);
    } finally {
      clearTimeout(host);
    }
  });

  test("autojumpThreshold: host work that arrives while the loop is idle comes before the jump", async () => {
    // With threshold 0 the clock would jump after one host turn, before the
    // host timer below fires; with a threshold the loop waits for it first.
    const clock = new MockClock({ autojumpThreshold: 0.25 });
    const order = await runTest(
      function* ({ loop }) {
        const order: string[] = [];
        const event = new asyncio.Event();
        const host = setTimeout(() => loop.callSoonThreadsafe(() => event.set()), 1);
        const waiter = asyncio.createTask(
          (function* () {
            yield* event.wait();
            order.push(`event at ${loop.time()}`);
          })(),
        );
        yield* asyncio.sleep(10);
        order.push(`slept until ${loop.time()}`);
        yield* waiter;
        clearTimeout(host);
        return order;
      },
      { clock },
    );
    expect(order).toEqual(["event at 0", "slept until 10"]);
  });

  test("a MockClock starts where told and never goes backwards", () => {
    const clock = new MockClock({ start: 100 });
    expect(clock.time()).toBe(100);
    expect(() => clock.advance(-1)).toThrow(new asyncio.ValueError("time can't go backwards"));
    clock.advanceTo(50);
    expect(clock.now()).toBe(100);
    expect(() => {
      clock.autojumpThreshold = -1;
    }).toThrow(asyncio.ValueError);
  });
});

describe("under node:test", () => {
  test("a passing test passes; a pending Task and a deadlock fail, with asyncTest's messages", async () => {
    const root = join(import.meta.dirname, "..");
    const program = join(root, "test", "fixtures", "testing-node-test.mjs");
    const result = await promisify(execFile)(
      process.execPath,
      ["--test", "--test-reporter=tap", program],
      { cwd: root, timeout: 30_000 },
    ).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ok 1 - an hour of sleep takes no time$/m);
    expect(result.stdout).toMatch(/^not ok 2 - a Task left pending fails the test$/m);
    expect(result.stdout).toMatch(
      /1\. Task still pending when the test returned: <Task pending name='forgotten'/,
    );
    expect(result.stdout).toMatch(/^not ok 3 - a manual clock nothing advances fails the test$/m);
    expect(result.stdout).toMatch(/deadlock: nothing is ready and the clock is manual/);
    expect(result.stdout).toMatch(/^# pass 1\n# fail 2$/m);
  }, 60_000);
});
