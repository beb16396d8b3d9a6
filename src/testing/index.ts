/**
 * `asyncio-ts/testing`: run coroutine tests under vitest, `node:test` or any
 * runner that awaits a test's Promise; the counterpart of pytest-asyncio and
 * of Trio's `trio.testing.MockClock`.
 *
 * `asyncTest(function* (env) { ... }, options?)` is a test function: the
 * coroutine runs as the main Task of a fresh loop, in debug mode, on a
 * MockClock, and the test fails when it
 * - leaves a Task pending (the message lists each one's repr and, in debug
 *   mode, where it waits and where it was created; `allowPending`),
 * - leaves an exception never retrieved (`allowUnretrieved`),
 * - makes the loop call its exception handler otherwise, e.g. a callback that
 *   raised (`allowErrors`; a test that installs its own handler sees the
 *   reports itself),
 * - runs a callback longer than `slowCallbackDuration` real seconds (1 by default),
 * - waits on a manual clock that nothing advances (`deadlockTimeout`).
 * Whatever happens, leftover Tasks are cancelled, the loop is closed and the
 * current event loop (`setEventLoop`) is restored.
 *
 * Time: the default MockClock autojumps (an idle loop jumps to its next timer
 * at once, like `virtualTime: true`); `new MockClock({ autojumpThreshold: 0.05 })`
 * jumps only after 50 ms of real idleness (for code that waits on real host
 * work between timers); `autojumpThreshold: Infinity` is manual: time moves
 * only by `clock.advance(seconds)`, from the test or from outside the loop,
 * and `waitAllTasksBlocked()` lets what the due timers woke run.
 *
 * This layer uses the core alone (no `node:` module), so it also runs in
 * browser test runners; it is not part of the main entry.
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import * as asyncio from "asyncio-ts";
 * import { asyncTest } from "asyncio-ts/testing";
 *
 * test("a late reply times out after 1 s", asyncTest(function* ({ clock }) {
 *   let error: unknown;
 *   try {
 *     yield* asyncio.waitFor(asyncio.sleep(10, "late"), 1);
 *   } catch (e) {
 *     error = e;
 *   }
 *   expect(error).toBeInstanceOf(asyncio.TimeoutError);
 *   expect(clock.time()).toBe(1);
 * }));
 * ```
 * @module asyncio-ts/testing
 */
export {
  AsyncTestError,
  type AsyncTestOptions,
  asyncTest,
  runTest,
  type TestEnv,
} from "./async-test.js";
export { MockClock, type MockClockOptions } from "./mock-clock.js";
export { waitAllTasksBlocked } from "./wait-all-tasks-blocked.js";
