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
  DoneQueue,
  deliveredCancelledError,
  EventLoop,
  ensureFuture,
  FINISHED,
  Future,
  type FutureLike,
  GATHER_MARK,
  getEventLoop,
  isCoroutine,
  NO_LOG_DESTROY,
  named,
  reprValue,
  Task,
  type TaskOptions,
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
 * in the results (each result is typed `T | Error`, unless `returnExceptions`
 * is known to be false); cancelling the gather cancels every child. The spread is
 * bounded by the engine's stack (about 120,000 arguments on Node): for more,
 * or for any iterable, use `gather.from(aws)`.
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
  ...args: [...T, GatherOptions & { returnExceptions?: false | undefined }]
): Future<Results<T>>;
export function gather<const T extends readonly FutureLike<unknown>[]>(
  ...args: [...T, GatherOptions]
): Future<ResultsOrErrors<T>>;
export function gather(...args: unknown[]): Future<unknown[]> {
  let returnExceptions = false;
  const last = args[args.length - 1];
  if (isOptions(last)) {
    returnExceptions = last.returnExceptions === true;
    args.pop();
  }
  return gatherAll(args as FutureLike<unknown>[], returnExceptions, true);
}

// The reference documents `gather.from` at its assignment below (TypeDoc
// reads that one); editors show this comment, which the .d.ts keeps.
/**
 * `gather` of every awaitable an iterable gives, in its order: Python's
 * `gather(*aws)`, for any number of awaitables.
 */
function gatherFrom<A extends FutureLike<unknown>>(
  aws: Iterable<A>,
  options?: GatherOptions & { returnExceptions?: false | undefined },
): Future<AwaitedOf<A>[]>;
function gatherFrom<A extends FutureLike<unknown>>(
  aws: Iterable<A>,
  options: GatherOptions,
): Future<(AwaitedOf<A> | Error)[]>;
function gatherFrom(
  aws: Iterable<FutureLike<unknown>>,
  options?: GatherOptions,
): Future<unknown[]> {
  if (aws instanceof Future || isCoroutine(aws) || typeof aws?.[Symbol.iterator] !== "function") {
    throw new TypeError(`gather.from() expects an iterable of awaitables, not ${reprValue(aws)}`);
  }
  return gatherAll(aws, options?.returnExceptions === true);
}

/**
 * `gather` of every awaitable an iterable gives, in its order, as `Array.from`
 * takes an iterable where `Array.of` takes arguments: Python's
 * `gather(*aws)`, for any number of awaitables (a spread puts each one on
 * the engine's stack).
 *
 * @python `asyncio.gather` — https://docs.python.org/3/library/asyncio-task.html#asyncio.gather
 * @example
 * ```ts
 * const pages = yield* asyncio.gather.from(urls.map(fetchPage));
 * ```
 */
gather.from = gatherFrom;

/** How many gathers are reading their arguments now (more than one: through an eager Task). */
let collecting = 0;

/**
 * The gather itself, over `aws` in order. An argument given twice is wrapped
 * once (CPython's `arg_to_fut`). When `aws` is gather's own argument array,
 * one native Set built over it at once tells whether any argument is given
 * twice; almost never, and then no argument is looked up and the array is
 * reused for the children (a Map lookup and insertion per coroutine was a
 * tenth of gathering 100,000 coroutines). Otherwise a Future says it was
 * seen with a mark in its flags, set while the arguments are read and
 * cleared after (a hash table of every argument cost a tenth of gathering
 * 100,000 Tasks); only other arguments (coroutines, Promises) are looked up
 * in a Map.
 */
function gatherAll(
  aws: Iterable<FutureLike<unknown>>,
  returnExceptions: boolean,
  owned = false,
): Future<unknown[]> {
  // `owned`: `aws` is an array nobody else holds, which the children may replace in place.
  const distinct =
    owned && (aws as unknown[]).length > 1 && new Set(aws).size === (aws as unknown[]).length;
  const children: Future<unknown>[] = distinct ? (aws as Future<unknown>[]) : [];
  let wrapped: Map<unknown, Future<unknown>> | null = null;
  let nchildren = 0;
  const alreadyDone: Future<unknown>[] = [];
  let loop = undefined as Parameters<typeof ensureFuture>[1];
  let nfinished = 0;
  let outer: GatheringFuture | null = null;
  // One callback registration for all the children (done-queue.ts).
  let doneQueue: DoneQueue<Future<unknown>> | null = null;

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
      const results = children.map(outcome);
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

  /**
   * A child's completion while another is still pending (done-queue.ts):
   * one that succeeded is counted here, which is all its callback would do
   * (CPython's `_done_callback` only counts it), and its callback is not
   * queued. The last one's callback still runs from the queue after every
   * other queued one, so the gather finishes exactly where it would have.
   */
  const takeAtOnce = (fut: Future<unknown>): boolean => {
    if (outer === null || fut._state !== FINISHED || fut._failed) return false;
    nfinished++;
    return true;
  };

  /**
   * `arg` as a Future (CPython's `ensure_future`), on the loop of the first
   * argument; a Task made here for a coroutine is gather's own, whose
   * destruction while pending is not logged.
   */
  const wrap = (arg: FutureLike<unknown>): Future<unknown> => {
    const fut = ensureFuture(arg, loop);
    loop ??= fut.getLoop();
    if (fut !== arg && fut instanceof Task) fut._logDestroyPending = false;
    return fut;
  };

  /** A child of its own (not an argument given twice): its completion is counted and reported. */
  const adopt = (fut: Future<unknown>): void => {
    nchildren++;
    if (fut.done()) alreadyDone.push(fut);
    else (doneQueue ??= new DoneQueue(onChildDone, fut._loop, takeAtOnce)).add(fut);
  };

  // A gather inside another one's arguments (run by an eager Task) leaves the marks alone.
  const nested = collecting > 0;
  collecting++;
  try {
    if (distinct) {
      // Every argument is a child of its own; each takes its argument's place.
      const args = aws as FutureLike<unknown>[];
      let direct: OwnTaskOptions | null = null;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        let fut: Future<unknown>;
        if (direct !== null && isCoroutine(arg)) {
          fut = new Task(arg, direct);
          // gather's own (CPython's `_log_destroy_pending = False`), set as
          // the bit: the setter's one store sees every Future.
          fut._flags |= NO_LOG_DESTROY;
        } else {
          fut = wrap(arg);
          direct ??= directTaskOptions(loop);
        }
        adopt(fut);
        children[i] = fut;
      }
    } else {
      for (const arg of aws) {
        let fut: Future<unknown>;
        if (arg instanceof Future && !nested) {
          fut = wrap(arg);
          if ((fut._flags & GATHER_MARK) !== 0) {
            children.push(fut); // given twice
            continue;
          }
          fut._flags |= GATHER_MARK;
        } else {
          const known = wrapped?.get(arg);
          if (known !== undefined) {
            children.push(known);
            continue;
          }
          fut = wrap(arg);
          (wrapped ??= new Map()).set(arg, fut);
        }
        adopt(fut);
        children.push(fut);
      }
    }
  } finally {
    collecting--;
    if (!nested && !distinct) for (const fut of children) fut._flags &= ~GATHER_MARK;
  }
  if (children.length === 0) {
    const empty = getEventLoop().createFuture<unknown[]>();
    empty.setResult([]);
    return empty;
  }
  outer = new GatheringFuture(children, loop!);
  if (doneQueue !== null) tagAwaiter(doneQueue, outer);
  for (const fut of alreadyDone) onChildDone(fut);
  return outer;
}

/**
 * The options gather's own Tasks on `loop` are constructed with directly, when
 * that is all `ensureFuture` would do there: `createTask` is EventLoop's own
 * (not overridden), no task factory is set, and the loop is neither closed
 * (whose error `ensureFuture` raises, closing the coroutine) nor in debug
 * mode (whose source traceback would lose the frames skipped). Otherwise
 * null, and each coroutine goes through `ensureFuture`. The calls skipped
 * and the options object `createTask` spreads for each Task were 3% of W1's
 * CPU time (100,000 coroutines gathered) and 56 of its 590 bytes allocated
 * per child.
 */
function directTaskOptions(loop: EventLoop | undefined): OwnTaskOptions | null {
  return loop?.createTask === EventLoop.prototype.createTask &&
    loop._taskFactory === null &&
    !loop._closed &&
    !loop._debug
    ? { loop }
    : null;
}

/** What `createTask` gives `new Task` when called without options. */
type OwnTaskOptions = TaskOptions & { loop: EventLoop };

/**
 * A child's place in the results: its result or its error; a cancelled
 * child's is a fresh CancelledError (CPython's gather makes one rather than
 * take the child's stored error, which `await child` still gets), made as
 * the runtime's own are, without a stack.
 */
function outcome(child: Future<unknown>): unknown {
  if (child.cancelled()) return deliveredCancelledError(child._cancelMessage);
  const exc = child.exception();
  return child._failed ? exc : child.result();
}

/** The Future `gather` returns: cancelling it cancels the children. */
class GatheringFuture extends Future<unknown[]> {
  static override readonly pythonName = /* @__PURE__ */ named(this, "_GatheringFuture");
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
