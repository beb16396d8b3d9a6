/**
 * `wait`: wait for some or all of a set of Futures, returning `[done, pending]`.
 * It never raises TimeoutError and never cancels anything.
 */
import {
  type Coroutine,
  checkNumber,
  checkOptions,
  ensureFuture,
  Future,
  getRunningLoop,
  isCoroutine,
  nameCoroutines,
  type TimerHandle,
  ValueError,
} from "./kernel/index.js";
import { typeName } from "./type-name.js";

/**
 * `wait` returns when any Future finishes or is cancelled.
 *
 * @python `asyncio.FIRST_COMPLETED` — https://docs.python.org/3/library/asyncio-task.html#asyncio.FIRST_COMPLETED
 * @example
 * ```ts
 * const [done, pending] = yield* asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
 * ```
 */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/**
 * `wait` returns when any Future finishes with an exception, or when all are done.
 *
 * @python `asyncio.FIRST_EXCEPTION` — https://docs.python.org/3/library/asyncio-task.html#asyncio.FIRST_EXCEPTION
 * @example
 * ```ts
 * const [done, pending] = yield* asyncio.wait(tasks, { returnWhen: asyncio.FIRST_EXCEPTION });
 * for (const task of pending) task.cancel();
 * ```
 */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/**
 * `wait` returns when every Future is done (the default).
 *
 * @python `asyncio.ALL_COMPLETED` — https://docs.python.org/3/library/asyncio-task.html#asyncio.ALL_COMPLETED
 * @example
 * ```ts
 * const [done] = yield* asyncio.wait(tasks, { returnWhen: asyncio.ALL_COMPLETED }); // the default
 * ```
 */
export const ALL_COMPLETED = "ALL_COMPLETED";

/**
 * The three constants `wait`'s `returnWhen` takes.
 *
 * @python `asyncio.wait` (its `return_when` keyword) — https://docs.python.org/3/library/asyncio-task.html#asyncio.wait
 * @example
 * ```ts
 * const when: asyncio.ReturnWhen = failFast ? asyncio.FIRST_EXCEPTION : asyncio.ALL_COMPLETED;
 * yield* asyncio.wait(tasks, { returnWhen: when });
 * ```
 */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/**
 * Options of `wait` (Python's keyword arguments `timeout` and `return_when`).
 *
 * @python `asyncio.wait` (its keyword arguments) — https://docs.python.org/3/library/asyncio-task.html#asyncio.wait
 * @example
 * ```ts
 * const [done, pending] = yield* asyncio.wait(tasks, { timeout: 10, returnWhen: asyncio.FIRST_COMPLETED });
 * ```
 */
export interface WaitOptions {
  /** Seconds to wait at most (`undefined` or `null`, Python's `None`: no limit). */
  timeout?: number | undefined | null;
  /** When to return: `ALL_COMPLETED` (the default), `FIRST_COMPLETED` or `FIRST_EXCEPTION`. */
  returnWhen?: ReturnWhen;
}

/**
 * Waits for the Futures and Tasks of `fs` as `returnWhen` says.
 *
 * Returns `[done, pending]`, two Sets. It never raises TimeoutError and
 * never cancels anything: on timeout the unfinished ones are in `pending`.
 * Coroutines are refused (TypeError), as in Python 3.11+: wrap them in Tasks.
 *
 * @python `asyncio.wait` — https://docs.python.org/3/library/asyncio-task.html#asyncio.wait
 * @example
 * ```ts
 * const [done, pending] = yield* asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
 * ```
 */
export function wait<F extends Future<unknown> | PromiseLike<unknown>>(
  fs: Iterable<F>,
  options?: WaitOptions,
): Coroutine<[Set<AsFuture<F>>, Set<AsFuture<F>>]> {
  return waitCoroutine(fs, options);
}

// A method named as the function: reprs, traces and `asyncio-ts ps` name a
// Task made on it `wait()` (CPython: `wait()`) from the name
// nameCoroutines gives, which no minifier renames (see sleep.ts).
const waitCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *wait<F extends Future<unknown> | PromiseLike<unknown>>(
      fs: Iterable<F>,
      options?: WaitOptions,
    ): Coroutine<[Set<AsFuture<F>>, Set<AsFuture<F>>]> {
      if (fs instanceof Future || isCoroutine(fs)) {
        throw new TypeError(`expect a list of futures, not ${typeName(fs)}`);
      }
      const unique = [...new Set(fs)];
      if (unique.length === 0) throw new ValueError("Set of Tasks/Futures is empty.");
      checkOptions(options, "wait");
      const timeout = options?.timeout;
      checkNumber(timeout, "wait", "timeout", true);
      const returnWhen = options?.returnWhen ?? ALL_COMPLETED;
      if (
        returnWhen !== FIRST_COMPLETED &&
        returnWhen !== FIRST_EXCEPTION &&
        returnWhen !== ALL_COMPLETED
      ) {
        throw new ValueError(`Invalid return_when value: ${String(returnWhen)}`);
      }
      if (unique.some(isCoroutine)) {
        throw new TypeError("Passing coroutines is forbidden, use tasks explicitly.");
      }
      const loop = getRunningLoop();
      const futures = unique.map((f) => ensureFuture(f, loop)) as AsFuture<F>[];
      const waiter = loop.createFuture<void>();
      loop._tracer?._labelFuture(waiter, "wait()");
      let timer: TimerHandle | null = null;
      const release = (): void => {
        if (!waiter.done()) waiter.setResult(undefined);
      };
      if (timeout != null) timer = loop.callLater(timeout, release);
      let counter = futures.length;
      const onCompletion = (f: Future<unknown>): void => {
        counter--;
        if (
          counter <= 0 ||
          returnWhen === FIRST_COMPLETED ||
          (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== undefined)
        ) {
          timer?.cancel();
          release();
        }
      };
      for (const f of futures) f._addDoneCallbackInternal(onCompletion);
      try {
        yield* waiter;
      } finally {
        timer?.cancel();
        for (const f of futures) f.removeDoneCallback(onCompletion);
      }
      const done = new Set<AsFuture<F>>();
      const pending = new Set<AsFuture<F>>();
      for (const f of futures) (f.done() ? done : pending).add(f);
      return [done, pending];
    },
  }.wait,
  "wait",
);

/**
 * What `wait` returns for an element: the Future itself, or the Future wrapping a Promise.
 *
 * @python `asyncio.wait` (the Futures of its result) — https://docs.python.org/3/library/asyncio-task.html#asyncio.wait
 * @example
 * ```ts
 * const promise = fetch("https://example.com");
 * const [done]: [Set<asyncio.AsFuture<typeof promise>>, unknown] = yield* asyncio.wait([promise]);
 * ```
 */
export type AsFuture<F> =
  F extends Future<unknown> ? F : F extends PromiseLike<infer T> ? Future<T> : never;
