/** `sleep`: suspend the current Task for a while. */
import {
  _getRunningLoop,
  type Coroutine,
  checkNumber,
  type Future,
  getRunningLoop,
  nameCoroutines,
  recordSuspension,
  YieldOnce,
} from "./kernel/index.js";

/**
 * Suspends the calling Task for `delay` seconds and returns `result`.
 * `sleep(0)` (or any delay ≤ 0) gives the loop exactly one turn.
 *
 * @python `asyncio.sleep` — https://docs.python.org/3/library/asyncio-task.html#asyncio.sleep
 * @example
 * ```ts
 * yield* asyncio.sleep(1.5);
 * ```
 */
export function sleep(delay: number): Coroutine<undefined>;
export function sleep<T>(delay: number, result: T): Coroutine<T>;
export function sleep<T>(delay: number, result?: T): Coroutine<T | undefined> {
  if (typeof delay === "number" && delay <= 0) {
    // The hottest wait of all: a hand-written coroutine, no generator.
    const loop = _getRunningLoop();
    if (loop !== null && (loop._debug || loop._tracer !== null)) recordSuspension(loop);
    return new YieldOnce(result);
  }
  return sleepFor(delay, result);
}

// A method, named sleep as CPython's coroutine is: stacks show a sleeping
// Task's coroutine by its function's name, and a bundler renames a second
// function called sleep (esbuild: sleep2) but no method. Reprs, traces and
// `asyncio-ts ps` read the name nameCoroutines gives, which no minifier renames.
const sleepFor = /* @__PURE__ */ nameCoroutines(
  {
    *sleep<T>(delay: number, result: T): Coroutine<T> {
      checkNumber(delay, "sleep", "delay");
      const loop = getRunningLoop();
      const future = loop.createFuture<T>();
      if (loop._tracer !== null) {
        // 12 significant digits: 0.1 + 0.2 reads as sleep(0.3), not sleep(0.30000000000000004).
        loop._tracer._labelFuture(future, `sleep(${Number(delay.toPrecision(12))})`);
      }
      const timer = loop.callLater(delay, setResultUnlessCancelled, future, result);
      try {
        return yield* future;
      } finally {
        timer.cancel();
      }
    },
  }.sleep,
  "sleep",
);

function setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  if (!future.cancelled()) future.setResult(result);
}
