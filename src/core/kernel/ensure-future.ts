/**
 * `ensureFuture` and the bridge from Promises: anything awaitable becomes a
 * Future on a loop.
 */
import { type Awaitable, type AwaitedOf, type Coroutine, isCoroutine } from "./coroutine.js";
import type { EventLoop } from "./event-loop.js";
import { CancelledError, ValueError } from "./exceptions.js";
import { Future, PENDING } from "./futures.js";
import { reprValue } from "./repr.js";
import { getEventLoop, getRunningLoop } from "./running-loop.js";
import type { Task } from "./tasks.js";

/**
 * What `ensureFuture` accepts: a Future or Task, a coroutine, anything awaitable with `yield*`, or a Promise.
 *
 * @python `asyncio.ensure_future` (what it accepts) — https://docs.python.org/3/library/asyncio-future.html#asyncio.ensure_future
 * @example
 * ```ts
 * function* firstOf<T>(things: asyncio.FutureLike<T>[]): asyncio.Coroutine<T> {
 *   const futures = things.map((thing) => asyncio.ensureFuture(thing));
 *   const [done] = yield* asyncio.wait(futures, { returnWhen: asyncio.FIRST_COMPLETED });
 *   return [...done][0]!.result();
 * }
 * ```
 */
export type FutureLike<T> = Future<T> | Coroutine<T> | Awaitable<T> | PromiseLike<T>;

/**
 * A Future for `aw`: a Future or Task as it is (typed as it is), a coroutine
 * wrapped in a Task (a `Task<T>`, as typeshed types it), a Promise (or any
 * thenable) in a Future settled by it.
 *
 * @python `asyncio.ensure_future` — https://docs.python.org/3/library/asyncio-future.html#asyncio.ensure_future
 * @example
 * ```ts
 * const fut = asyncio.ensureFuture(fetchThing());
 * ```
 */
export function ensureFuture<F extends Future<unknown>>(aw: F, loop?: EventLoop): F;
export function ensureFuture<T>(aw: Coroutine<T>, loop?: EventLoop): Task<T>;
export function ensureFuture<A extends FutureLike<unknown>>(
  aw: A,
  loop?: EventLoop,
): Future<AwaitedOf<A>>;
export function ensureFuture<T>(aw: FutureLike<T>, loop?: EventLoop): Future<T> {
  if (aw instanceof Future) {
    if (loop !== undefined && aw._loop !== loop) {
      throw new ValueError(
        "The future belongs to a different loop than the one specified as the loop argument",
      );
    }
    return aw;
  }
  if (isCoroutine(aw)) {
    const target = loop ?? getEventLoop();
    try {
      return target.createTask(aw as Coroutine<T>);
    } catch (e) {
      aw.return(undefined as never);
      throw e;
    }
  }
  if (isThenable(aw)) return wrapPromise(aw, loop ?? getEventLoop());
  if (isAwaitableObject(aw)) {
    const target = loop ?? getEventLoop();
    return target.createTask(awaitIt(aw));
  }
  throw awaitableRequired(aw);
}

/**
 * CPython's TypeError for what is not awaitable. It says what it got where
 * the JavaScript mistake is likely (a coroutine function not called, an
 * array where gather takes arguments), or `always` (run()).
 */
export function awaitableRequired(value: unknown, always?: boolean): TypeError {
  const got =
    always === true || typeof value === "function" || Array.isArray(value)
      ? `, got ${reprValue(value)}`
      : "";
  return new TypeError(`An asyncio.Future, a coroutine or an awaitable is required${got}`);
}

function* awaitIt<T>(aw: Awaitable<T>): Coroutine<T> {
  return yield* aw;
}

/**
 * A Future settled by a Promise, to await it in a coroutine:
 * `const body = yield* asyncio.fromPromise(fetch(url))`. Given a function, it
 * is called with an AbortSignal that aborts if the Future is cancelled (for
 * example because the awaiting Task is), so the Promise's work stops too.
 *
 * @python no counterpart: Python has no Promises; `asyncio.wrap_future` is the nearest bridge — https://docs.python.org/3/library/asyncio-future.html#asyncio.wrap_future
 * @example
 * ```ts
 * const res = yield* asyncio.fromPromise((signal) => fetch(url, { signal }));
 * ```
 */
export function fromPromise<T>(
  source: PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>),
): Future<T> {
  const loop = getRunningLoop();
  if (typeof source !== "function") return wrapPromise(source, loop);
  const controller = new AbortController();
  const future = new PromiseFuture<T>(loop, controller);
  let promise: PromiseLike<T>;
  try {
    promise = source(controller.signal);
  } catch (e) {
    future._release();
    throw e;
  }
  future._follow(promise);
  return future;
}

/**
 * Python's `asyncio.wrap_future`: a Future of `loop` (the current loop by
 * default) that `future` settles. Python wraps a `concurrent.futures.Future`,
 * another thread's result; here that is a Promise (or any thenable). An
 * asyncio Future is returned as it is.
 *
 * @python `asyncio.wrap_future` — https://docs.python.org/3/library/asyncio-future.html#asyncio.wrap_future
 * @example
 * ```ts
 * const fut = asyncio.wrapFuture(worker.run(job));
 * ```
 */
export function wrapFuture<T>(
  future: Future<T> | PromiseLike<T>,
  options?: { loop?: EventLoop },
): Future<T> {
  if (future instanceof Future) return future;
  if (!isThenable(future)) {
    throw new TypeError(`concurrent.futures.Future is expected, got ${reprValue(future)}`);
  }
  return wrapPromise(future as PromiseLike<T>, options?.loop ?? getEventLoop());
}

function wrapPromise<T>(promise: PromiseLike<T>, loop: EventLoop): Future<T> {
  const future = new PromiseFuture<T>(loop, undefined);
  future._follow(promise);
  return future;
}

/**
 * @internal A Future that a Promise settles. While the Promise is pending the loop counts
 * it as a host operation in flight, so a virtual clock does not jump past it.
 */
export class PromiseFuture<T> extends Future<T> {
  static override readonly pythonName: string = "PromiseFuture";
  /** @internal Its loop's host-operation count is beyond the kernel contract (events.ts). */
  declare _loop: EventLoop;
  private _inFlight = true;

  constructor(
    loop: EventLoop,
    private readonly _controller: AbortController | undefined,
  ) {
    super({ loop });
    loop._hostOps++;
  }

  override cancel(msg?: string): boolean {
    if (!super.cancel(msg)) return false;
    this._release();
    this._controller?.abort(new CancelledError(msg ?? ""));
    return true;
  }

  /** @internal */
  _follow(promise: PromiseLike<T>): void {
    promise.then(
      (value) => {
        this._release();
        if (this._state === PENDING && !this._loop._closed) this.setResult(value);
      },
      (error: unknown) => {
        this._release();
        if (this._state === PENDING && !this._loop._closed) this.setException(error);
      },
    );
  }

  /** @internal */
  _release(): void {
    if (!this._inFlight) return;
    this._inFlight = false;
    this._loop._hostOps--;
    this._loop._wakeInTurn();
  }
}

/** A Promise or any object with a `then` method. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

/** An object `yield*` can await: a Future or another iterable that is not a collection. */
export function isAwaitableObject(value: unknown): value is Awaitable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Awaitable<unknown>)[Symbol.iterator] === "function" &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  );
}
