/**
 * `gather`: run awaitables concurrently and collect their results in argument
 * order, with CPython's rules:
 * - the first child to fail (or be cancelled) fails the gather at once, while
 *   the other children keep running (their later errors count as retrieved);
 * - with `returnExceptions`, errors (and a cancelled child's CancelledError)
 *   take their child's place in the results;
 * - cancelling the gather cancels every child; once they are all done the
 *   gather fails with CancelledError, whatever `returnExceptions` says.
 */
import { tagAwaiter } from "./awaited-by.js";
import {
  type AwaitedOf,
  deliveredCancelledError,
  ensureFuture,
  Future,
  type FutureLike,
  getEventLoop,
  Task,
} from "./kernel/index.js";

/**
 * Options of `gather`, the trailing options object (Python's keyword argument `return_exceptions`).
 *
 * @python `asyncio.gather` (its `return_exceptions` keyword) — https://docs.python.org/3/library/asyncio-task.html#asyncio.gather
 * @example
 * ```ts
 * const results = yield* asyncio.gather(fetchA(), fetchB(), { returnExceptions: true });
 * for (const r of results) if (r instanceof Error) console.error(r);
 * ```
 */
export interface GatherOptions {
  /** Put exceptions in the results instead of failing the gather. */
  returnExceptions?: boolean;
}

type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: AwaitedOf<T[K]> };
type ResultsOrErrors<T extends readonly unknown[]> = {
  -readonly [K in keyof T]: AwaitedOf<T[K]> | Error;
};

/**
 * Runs `aws` concurrently; the returned Future's result lists their results in order.
 *
 * As in CPython: the first child to fail fails the gather at once while the
 * others keep running; with `returnExceptions` errors take their child's place
 * in the results; cancelling the gather cancels every child.
 *
 * @python `asyncio.gather` — https://docs.python.org/3/library/asyncio-task.html#asyncio.gather
 * @example
 * ```ts
 * const [a, b] = yield* asyncio.gather(fetchA(), fetchB());
 * ```
 */
export function gather<const T extends readonly FutureLike<unknown>[]>(
  ...aws: T
): Future<Results<T>>;
export function gather<const T extends readonly FutureLike<unknown>[]>(
  ...args: [...T, GatherOptions & { returnExceptions: true }]
): Future<ResultsOrErrors<T>>;
export function gather<const T extends readonly FutureLike<unknown>[]>(
  ...args: [...T, GatherOptions]
): Future<Results<T>>;
export function gather(...args: unknown[]): Future<unknown[]> {
  let returnExceptions = false;
  const last = args[args.length - 1];
  if (isOptions(last)) {
    returnExceptions = last.returnExceptions === true;
    args.pop();
  }
  if (args.length === 0) {
    const outer = getEventLoop().createFuture<unknown[]>();
    outer.setResult([]);
    return outer;
  }

  const children: Future<unknown>[] = [];
  // An argument given twice is wrapped once (CPython's `arg_to_fut`). Looking
  // each one up in a Map cost a quarter of a spawn at 100,000 coroutines; one
  // Set of all the arguments, built natively, says whether any repeats, and
  // only then are they looked up.
  const seen = new Set(args).size === args.length ? null : new Map<unknown, Future<unknown>>();
  let nchildren = 0;
  const alreadyDone: Future<unknown>[] = [];
  let loop = undefined as Parameters<typeof ensureFuture>[1];
  let nfinished = 0;
  let outer: GatheringFuture | null = null;

  const onChildDone = (fut: Future<unknown>): void => {
    nfinished++;
    if (outer === null || outer.done()) {
      // The gather already failed: this child's outcome is nobody's to report.
      if (!fut.cancelled()) fut.exception();
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) {
        outer.setException(fut._makeCancelledError());
        return;
      }
      const exc = fut.exception();
      if (fut._failed) {
        outer.setException(exc);
        return;
      }
    }
    if (nfinished === nchildren) {
      const results: unknown[] = [];
      for (const child of children) {
        if (child.cancelled()) {
          results.push(deliveredCancelledError(child._cancelMessage ?? ""));
        } else {
          const exc = child.exception();
          results.push(child._failed ? exc : child.result());
        }
      }
      if (outer._cancelRequested) {
        // CPython builds this from its loop variable: the last child in the
        // list, not the one that just finished (which may take that child's
        // stored CancelledError, so a later await of it gets a fresh one).
        outer.setException(children[children.length - 1]!._makeCancelledError());
      } else {
        outer.setResult(results);
      }
    }
  };

  for (const arg of args) {
    let fut = seen?.get(arg);
    if (fut === undefined) {
      fut = ensureFuture(arg as FutureLike<unknown>, loop);
      loop ??= fut.getLoop();
      if (fut !== arg && fut instanceof Task) fut._logDestroyPending = false;
      seen?.set(arg, fut);
      nchildren++;
      if (fut.done()) alreadyDone.push(fut);
      else fut._addDoneCallbackInternal(onChildDone);
    }
    children.push(fut);
  }
  outer = new GatheringFuture(children, loop!);
  tagAwaiter(onChildDone, outer);
  for (const fut of alreadyDone) onChildDone(fut);
  return outer;
}

/** The Future `gather` returns: cancelling it cancels the children. */
class GatheringFuture extends Future<unknown[]> {
  static override readonly pythonName: string = "_GatheringFuture";
  /** @internal */ _cancelRequested = false;

  constructor(
    private readonly _children: readonly Future<unknown>[],
    loop: NonNullable<Parameters<typeof ensureFuture>[1]>,
  ) {
    super({ loop });
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this._children) {
      if (child.cancel(msg)) cancelled = true;
    }
    if (cancelled) {
      // The gather fails with CancelledError once the children are done (see onChildDone).
      this._cancelRequested = true;
    }
    return cancelled;
  }
}

function isOptions(value: unknown): value is GatherOptions {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Future) &&
    typeof (value as { then?: unknown }).then !== "function" &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function"
  );
}
