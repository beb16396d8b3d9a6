/**
 * `asCompleted`: the awaitables in the order they finish.
 *
 * As in CPython, every Future gets a done callback that moves it to a queue;
 * completion order is the order those callbacks run. A timeout puts one
 * sentinel per unfinished Future in the queue, so every remaining wait raises
 * TimeoutError; nothing is cancelled.
 */

import type { AsyncIterableLike, AsyncIteratorLike } from "./async-iteration.js";
import { forAwaitIterator } from "./for-await.js";
import {
  type AwaitedOf,
  type Coroutine,
  checkNumber,
  checkOptions,
  className,
  type EventLoop,
  ensureFuture,
  Future,
  type FutureLike,
  getEventLoop,
  inspectCustom,
  isCoroutine,
  named,
  Ring,
  type Task,
  TimeoutError,
  type TimerHandle,
} from "./kernel/index.js";
import { typeName } from "./type-name.js";
import { WaitQueue } from "./wait-queue.js";

/**
 * Options of `asCompleted` (Python's keyword arguments).
 *
 * @python `asyncio.as_completed` (its `timeout` keyword) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
 * @example
 * ```ts
 * for (const next of asyncio.asCompleted(tasks, { timeout: 5 })) console.log(yield* next);
 * ```
 */
export interface AsCompletedOptions {
  /** Seconds after which every remaining wait raises TimeoutError; null (Python's None) or absent: no limit. */
  timeout?: number | null;
}

/**
 * What async iteration over `asCompleted` gives for an awaitable of type `A`,
 * as Python 3.13's does: a Future or Task is given back as itself (so
 * `tasks.includes(done)` type-checks), a coroutine or other awaitable as the
 * Task made for it, a Promise as the Future that follows it.
 *
 * @python no counterpart: a TypeScript type operator; `asyncio.as_completed`'s `async for` yields "the original awaitable if it is a Task or Future, otherwise the implicitly created Task" — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
 * @example
 * ```ts
 * type Done = asyncio.AsCompletedFuture<asyncio.Task<string>>; // asyncio.Task<string>
 * ```
 */
export type AsCompletedFuture<A> =
  A extends Future<unknown>
    ? A
    : A extends PromiseLike<unknown>
      ? Future<AwaitedOf<A>>
      : Task<AwaitedOf<A>>;

/**
 * Iterate with `for...of` to get coroutines giving results in completion order
 * (the classic form), or with `asyncFor` / `anext()` to get the original
 * Futures and Tasks (Python 3.13's `async for`); `for await` in plain async
 * code gets those same Futures and Tasks.
 *
 * @python `asyncio.as_completed` (the iterator it returns) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
 * @example
 * ```ts
 * for (const next of asyncio.asCompleted([a(), b(), c()])) console.log(yield* next);
 * ```
 */
export class AsCompleted<T, F extends Future<unknown> = Future<T>>
  implements Iterable<Coroutine<T>>, AsyncIterableLike<F>, AsyncIterable<F>
{
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "AsCompleted");
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(it).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
   * @example
   * ```ts
   * console.log(asyncio.AsCompleted.pythonName); // "_AsCompletedIterator"
   * ```
   */
  static readonly pythonName: string = "_AsCompletedIterator";
  // A ring, not an array: an array's shift() copies it once it is large (asCompleted of 1,000,000).
  private readonly _done = new Ring<Future<T> | null>(16);
  // Bound to getEventLoop() at each wait, as the waits have always been.
  private readonly _getters = new WaitQueue<void>({ _getLoop: getEventLoop }, "asCompleted()");
  private readonly _todo: Set<Future<T>>;
  private _todoLeft: number;
  private _timeoutHandle: TimerHandle | null = null;
  private readonly _loop: EventLoop;

  constructor(aws: Iterable<FutureLike<T>>, options?: AsCompletedOptions) {
    if (isSingleAwaitable(aws)) {
      throw new TypeError(`expects an iterable of awaitables, not ${typeName(aws)}`);
    }
    checkOptions(options, "asCompleted");
    const timeout = options?.timeout;
    checkNumber(timeout, "asCompleted", "timeout", true);
    const loop = getEventLoop();
    this._loop = loop;
    this._todo = new Set([...new Set(aws)].map((aw) => ensureFuture(aw, loop)));
    for (const f of this._todo) f._addDoneCallbackInternal(this._handleCompletion);
    if (this._todo.size > 0 && timeout != null) {
      this._timeoutHandle = loop.callLater(timeout, this._handleTimeout);
    }
    this._todoLeft = this._todo.size;
  }

  /**
   * The classic form (`for ... of`): one coroutine per awaitable, each giving
   * the result of the next one to finish (or raising its error, or
   * TimeoutError once the timeout has passed).
   *
   * @python `asyncio.as_completed` (plain `for`: coroutines, in completion order) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
   * @example
   * ```ts
   * for (const next of asyncio.asCompleted([fetchA(), fetchB()])) {
   *   console.log(yield* next); // whichever finished first
   * }
   * ```
   */
  *[Symbol.iterator](): Iterator<Coroutine<T>> {
    while (this._todoLeft > 0) {
      this._todoLeft--;
      yield this._waitForOne(true) as Coroutine<T>;
    }
  }

  /**
   * Python 3.13's `async for` form: the iterator itself, whose `anext()`
   * gives the original Futures and Tasks as they finish (`asyncFor` calls it).
   *
   * @python `asyncio.as_completed` (`async for`, Python 3.13) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
   * @example
   * ```ts
   * yield* asyncio.asyncFor(asyncio.asCompleted(tasks), function* (done) {
   *   console.log(done.result()); // the original Futures and Tasks, as they finish
   * });
   * ```
   */
  aiter(): AsyncIteratorLike<F> {
    return this;
  }

  /**
   * `for await (const done of asCompleted(...))` from plain async code: the Futures and Tasks.
   *
   * @python `asyncio.as_completed` (`async for`) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
   * @example
   * ```ts
   * async function report(tasks: asyncio.Task<string>[]) {
   *   for await (const task of asyncio.asCompleted(tasks)) console.log(task.result());
   * }
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<F, undefined, undefined> {
    return forAwaitIterator<F>(this, () => this._loop);
  }

  /**
   * The next Future or Task to finish (`done` when none is left); TimeoutError once the timeout has passed.
   *
   * @python `asyncio.as_completed` (its iterator's `__anext__`) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
   * @example
   * ```ts
   * const it = asyncio.asCompleted(tasks);
   * const first = yield* it.anext();
   * if (!first.done) console.log(first.value.result());
   * ```
   */
  *anext(): Coroutine<IteratorResult<F, undefined>> {
    if (this._todoLeft === 0) return { done: true, value: undefined };
    this._todoLeft--;
    return { done: false, value: (yield* this._waitForOne(false)) as F };
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr without the module and address (it shows no state).
   *
   * @python `asyncio.as_completed` (its iterator's repr) — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
   * @example
   * ```ts
   * console.log(String(asyncio.asCompleted(tasks))); // <_AsCompletedIterator>
   * ```
   */
  toString(): string {
    return `<${className(this)}>`;
  }

  private readonly _handleTimeout = (): void => {
    for (const f of this._todo) {
      f.removeDoneCallback(this._handleCompletion);
      this._put(null);
    }
    this._todo.clear();
  };

  private readonly _handleCompletion = (f: Future<T>): void => {
    if (this._todo.size === 0) return; // the timeout came first
    this._todo.delete(f);
    this._put(f);
    if (this._todo.size === 0 && this._timeoutHandle !== null) this._timeoutHandle.cancel();
  };

  // The queue below behaves as asyncio.Queue's get/put_nowait do, hop for hop.
  private _put(f: Future<T> | null): void {
    this._done.push(f);
    this._wakeupNext();
  }

  private _wakeupNext(): void {
    this._getters._takeNext(undefined);
  }

  private *_waitForOne(resolve: boolean): Coroutine<T | Future<T>> {
    while (this._done.length === 0) {
      const getter = this._getters.park();
      try {
        yield* getter;
      } catch (e) {
        this._getters._handOn(getter, this._done.length > 0, undefined);
        throw e;
      }
    }
    const f = this._done.shift()!;
    if (f === null) throw new TimeoutError();
    return resolve ? f.result() : f;
  }
}

/**
 * The awaitables of `aws` in completion order.
 *
 * Nothing is cancelled when the timeout passes: every remaining wait
 * raises TimeoutError, and the Tasks go on running.
 *
 * @python `asyncio.as_completed` — https://docs.python.org/3/library/asyncio-task.html#asyncio.as_completed
 * @example
 * ```ts
 * for (const next of asyncio.asCompleted(tasks, { timeout: 5 })) results.push(yield* next);
 * ```
 */
export function asCompleted<A extends FutureLike<unknown>>(
  aws: Iterable<A>,
  options?: AsCompletedOptions,
): AsCompleted<AwaitedOf<A>, AsCompletedFuture<A>> {
  return new AsCompleted(aws as Iterable<FutureLike<AwaitedOf<A>>>, options) as AsCompleted<
    AwaitedOf<A>,
    AsCompletedFuture<A>
  >;
}

/**
 * What CPython refuses as "awaitable" rather than an iterable of them: a
 * Future, a coroutine, a thenable. An iterator of Tasks (`tasks.values()`) is
 * accepted; a generator of Tasks cannot be told from a coroutine, so it is not.
 */
function isSingleAwaitable(value: unknown): boolean {
  return (
    typeof value !== "object" ||
    value === null ||
    value instanceof Future ||
    isCoroutine(value) ||
    typeof (value as { then?: unknown }).then === "function"
  );
}
