/**
 * `wait`: wait for some or all of a set of Futures, returning `[done, pending]`.
 * It never raises TimeoutError and never cancels anything.
 */
import {
  type Coroutine,
  className,
  ensureFuture,
  Future,
  getRunningLoop,
  isCoroutine,
  type TimerHandle,
  ValueError,
} from "./kernel/index.js";

export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";

export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** Seconds to wait at most (`undefined`: no limit). */
  timeout?: number | undefined;
  /** When to return: `ALL_COMPLETED` (the default), `FIRST_COMPLETED` or `FIRST_EXCEPTION`. */
  returnWhen?: ReturnWhen;
}

/**
 * Waits for the Futures and Tasks of `fs` as `returnWhen` says.
 * @example const [done, pending] = yield* asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
 */
export function* wait<F extends Future<unknown> | PromiseLike<unknown>>(
  fs: Iterable<F>,
  options?: WaitOptions,
): Coroutine<[Set<AsFuture<F>>, Set<AsFuture<F>>]> {
  if (fs instanceof Future || isCoroutine(fs)) {
    throw new TypeError(
      `expect a list of futures, not ${fs instanceof Future ? className(fs) : "coroutine"}`,
    );
  }
  const unique = [...new Set(fs)];
  if (unique.length === 0) throw new ValueError("Set of Tasks/Futures is empty.");
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
  if (loop._tracer !== null) loop._tracer.labelFuture(waiter, "wait()");
  let timer: TimerHandle | null = null;
  const release = (): void => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  const timeout = options?.timeout;
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
}

/** What `wait` returns for an element: the Future itself, or the Future wrapping a Promise. */
export type AsFuture<F> =
  F extends Future<unknown> ? F : F extends PromiseLike<infer T> ? Future<T> : never;
