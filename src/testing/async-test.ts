/**
 * `asyncTest` and `runTest`: a coroutine test on its own loop, the way
 * pytest-asyncio runs `async def` tests, with the checks asyncio's debug mode
 * only prints turned into failures.
 *
 * The loop runs on a MockClock (autojump unless the test passes a manual one)
 * in debug mode. The test's coroutine is the main Task of a Runner; when it
 * returns, Tasks still pending are reported, then the Runner closes the loop
 * (cancelling them, and reporting exceptions nobody retrieved). The test
 * fails on any of: a Task left pending, an exception never retrieved, any
 * other report to the loop's exception handler, a callback slower than
 * `slowCallbackDuration` (debug mode), a manual clock nothing advances.
 *
 * When the test's own coroutine fails, that failure is what the test reports:
 * Tasks it left pending are its fallout and are not listed, but what the loop
 * reported is (it may be the cause), with the failure as the `cause`.
 */
import {
  _getRunningLoop,
  allTasks,
  type Coroutine,
  currentTask,
  EventLoop,
  getEventLoop,
  RuntimeError,
  setEventLoop,
  type Task,
} from "../core/kernel/index.js";
import { Runner } from "../core/runners.js";
import { watchDeadlock } from "./deadlock-watch.js";
import {
  describeReport,
  describeTask,
  type Finding,
  formatFindings,
  isUnretrievedReport,
} from "./findings.js";
import { MockClock } from "./mock-clock.js";

/**
 * What the test's coroutine is given.
 *
 * @python no counterpart: what pytest-asyncio's fixtures or `IsolatedAsyncioTestCase` give a test — https://docs.python.org/3/library/unittest.html#unittest.IsolatedAsyncioTestCase
 * @example
 * ```ts
 * test("sleeps on the mock clock", asyncTest(function* ({ loop, clock }: TestEnv) {
 *   yield* asyncio.sleep(3);
 *   expect(loop.time()).toBe(clock.time());
 * }));
 * ```
 */
export interface TestEnv {
  /** The test's loop (also `getRunningLoop()` inside the test). */
  readonly loop: EventLoop;
  /** The loop's clock: `clock.advance(seconds)`, `clock.autojumpThreshold`. */
  readonly clock: MockClock;
}

/**
 * Options of `asyncTest` and `runTest`: the clock, debug mode, and which problems do not fail the test.
 *
 * @python no counterpart: pytest-asyncio's settings, and the failures CPython's debug mode only logs — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * test("leaves a background task running", asyncTest(function* () {
 *   asyncio.createTask(heartbeat());
 * }, { allowPending: true, slowCallbackDuration: 2 }));
 * ```
 */
export interface AsyncTestOptions {
  /** The loop's clock (default: a new MockClock that jumps as soon as the loop is idle). */
  clock?: MockClock;
  /** Debug mode (default true): slow callbacks are caught, and reports show where Tasks wait. */
  debug?: boolean;
  /** Tasks still pending when the test returns do not fail it (they are cancelled all the same). */
  allowPending?: boolean;
  /** "exception was never retrieved" does not fail the test (the default handler prints it). */
  allowUnretrieved?: boolean;
  /** Other reports to the exception handler do not fail the test (the default handler prints them). */
  allowErrors?: boolean;
  /**
   * Real seconds a callback may run in debug mode before it fails the test
   * (default 1; `Infinity`: never). CPython warns past 0.1 s; failing a test
   * at 0.1 s would fail it whenever a loaded CI machine pauses the process.
   */
  slowCallbackDuration?: number;
  /** Real seconds a manual clock's loop may wait for `advance()` before the test fails as deadlocked (default 1). */
  deadlockTimeout?: number;
}

const DEFAULT_SLOW_CALLBACK = 1;

/**
 * Why asyncTest failed a test: `findings` are the problems, one text each.
 *
 * @python no counterpart: a failed test, as `unittest` reports one — https://docs.python.org/3/library/unittest.html#unittest.IsolatedAsyncioTestCase
 * @example
 * ```ts
 * try {
 *   await runTest(function* () {
 *     asyncio.createTask(asyncio.sleep(10)); // left pending
 *   });
 * } catch (e) {
 *   if (e instanceof AsyncTestError) console.log(e.findings); // ["Task still pending when the test returned: <Task pending ...>"]
 * }
 * ```
 */
export class AsyncTestError extends Error {
  /**
   * `"AsyncTestError"`, as stack traces and `String(e)` show it.
   *
   * @python no counterpart: Python's `type(e).__name__` — https://docs.python.org/3/library/unittest.html#unittest.IsolatedAsyncioTestCase
   * @example
   * ```ts
   * console.log(new AsyncTestError("failed", []).name); // "AsyncTestError"
   * ```
   */
  override name = "AsyncTestError";
  constructor(
    message: string,
    /**
     * The problems found, one text each (a pending Task's repr, a loop report...).
     *
     * @python no counterpart: the problems CPython's debug mode logs, gathered — https://docs.python.org/3/library/asyncio-dev.html
     * @example
     * ```ts
     * const error = new AsyncTestError("2 problems", ["Task still pending when the test returned: ...", "Task exception was never retrieved"]);
     * console.log(error.findings.length); // 2
     * ```
     */
    readonly findings: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A test function for vitest, `node:test` or any runner that awaits what the
 * test returns: runs `body` with `runTest`.
 *
 * @python no counterpart: pytest-asyncio's `@pytest.mark.asyncio`, `unittest.IsolatedAsyncioTestCase` — https://docs.python.org/3/library/unittest.html#unittest.IsolatedAsyncioTestCase
 * @example
 * ```ts
 * test("times out", asyncTest(function* () { ... }));
 * ```
 */
export function asyncTest(
  body: (env: TestEnv) => Coroutine<unknown>,
  options?: AsyncTestOptions,
): () => Promise<void> {
  return async () => {
    await runTest(body, options);
  };
}

/**
 * Runs `body` as the main Task of a fresh loop (see the module's notes) and
 * returns its result; rejects with the test's failure or an AsyncTestError.
 *
 * @python `unittest.IsolatedAsyncioTestCase` (runs one test on a fresh loop) — https://docs.python.org/3/library/unittest.html#unittest.IsolatedAsyncioTestCase
 * @example
 * ```ts
 * const value = await runTest(function* ({ clock }) { yield* asyncio.sleep(5); return clock.time(); });
 * ```
 */
export async function runTest<T>(
  body: (env: TestEnv) => Coroutine<T>,
  options: AsyncTestOptions = {},
): Promise<T> {
  if (_getRunningLoop() !== null) {
    throw new RuntimeError("runTest() cannot be called from a running event loop");
  }
  const clock = options.clock ?? new MockClock();
  const loop = new EventLoop({ clock, debug: options.debug ?? true });
  loop.slowCallbackDuration = options.slowCallbackDuration ?? DEFAULT_SLOW_CALLBACK;
  const reports = captureReports(loop, options);
  let main: Task<unknown> | undefined;
  let deadlock: string | undefined;
  const stopWatching = watchDeadlock(loop, clock, options.deadlockTimeout ?? 1, (message) => {
    deadlock = [message, ...[...allTasks(loop)].map((t) => describeTask(t, main))].join("\n");
    main?.cancel();
  });
  function* mainCoroutine(): Coroutine<T> {
    main = currentTask(loop);
    return yield* body({ loop, clock });
  }

  const previous = currentEventLoop();
  setEventLoop(loop);
  const runner = new Runner({ loopFactory: () => loop });
  let failed = false;
  let error: unknown;
  let value: T | undefined;
  const pending: Finding[] = [];
  try {
    try {
      value = await runner.run(mainCoroutine());
    } catch (e) {
      failed = true;
      error = e;
    }
    if (!failed && !options.allowPending) {
      for (const task of allTasks(loop)) {
        const text = `Task still pending when the test returned: ${describeTask(task)}`;
        pending.push({ text, option: "allowPending" });
      }
    }
    await runner.close();
  } finally {
    stopWatching();
    setEventLoop(previous);
  }

  if (deadlock !== undefined) throw failure(reports, { deadlock });
  if (failed) {
    if (reports.length === 0) throw error;
    throw failure(reports, { test: { error } });
  }
  const findings = [...reports, ...pending];
  if (findings.length > 0) throw failure(findings, {});
  return value as T;
}

/** Sends the loop's reports and debug-mode warnings to a list of findings, unless allowed. */
function captureReports(loop: EventLoop, options: AsyncTestOptions): Finding[] {
  const reports: Finding[] = [];
  loop.setExceptionHandler((_loop, context) => {
    const unretrieved = isUnretrievedReport(context);
    if (unretrieved ? options.allowUnretrieved : options.allowErrors) {
      loop.defaultExceptionHandler(context);
      return;
    }
    const option = unretrieved ? "allowUnretrieved" : "allowErrors";
    reports.push({ text: describeReport(context), exception: context.exception, option });
  });
  loop._warn = (message) => {
    const text = `slow callback (over ${loop.slowCallbackDuration} s in debug mode): ${message}`;
    reports.push({ text, option: "slowCallbackDuration" });
  };
  return reports;
}

/**
 * The error the test fails with. Its cause is the test's own error, else the
 * first exception the loop reported.
 */
function failure(
  findings: readonly Finding[],
  why: { deadlock?: string; test?: { error: unknown } },
): AsyncTestError {
  const count = findings.length === 1 ? "a problem" : `${findings.length} problems`;
  const list = formatFindings(findings);
  let message: string;
  if (why.deadlock !== undefined) {
    message = why.deadlock;
    if (findings.length > 0) message += `\nThe test also left ${count} behind:\n${list}`;
  } else if (why.test !== undefined) {
    message = `the test failed (its error is the cause), and left ${count} behind:\n${list}`;
  } else {
    message = `the test left ${count} behind:\n${list}`;
  }
  const texts = findings.map((f) => f.text);
  if (why.deadlock !== undefined) texts.unshift(why.deadlock);
  const reported = findings.find((f) => f.exception !== undefined);
  const cause = why.test ?? (reported === undefined ? undefined : { error: reported.exception });
  return new AsyncTestError(
    message,
    texts,
    cause === undefined ? undefined : { cause: cause.error },
  );
}

function currentEventLoop(): EventLoop | null {
  try {
    return getEventLoop();
  } catch {
    return null;
  }
}
