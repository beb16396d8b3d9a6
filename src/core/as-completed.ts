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
  className,
  type EventLoop,
  ensureFuture,
  Future,
  type FutureLike,
  getEventLoop,
  inspectCustom,
  isCoroutine,
  TimeoutError,
  type TimerHandle,
} from "./kernel/index.js";

export interface AsCompletedOptions {
  /** Seconds after which every remaining wait raises TimeoutError. */
  timeout?: number;
}

/**
 * Iterate with `for...of` to get coroutines giving results in completion order
 * (the classic form), or with `asyncFor` / `anext()` to get the original
 * Futures and Tasks (Python 3.13's `async for`); `for await` in plain async
 * code gets those same Futures and Tasks.
 * @example
 * for (const next of asyncio.asCompleted([a(), b(), c()])) console.log(yield* next);
 */
export class AsCompleted<T>
  implements Iterable<Coroutine<T>>, AsyncIterableLike<Future<T>>, AsyncIterable<Future<T>>
{
  /** The class name Python prints (reprs, error names); declared, so minifiers cannot change it. */
  static readonly pythonName: string = "_AsCompletedIterator";
  private readonly _done: (Future<T> | null)[] = [];
  private readonly _getters: Future<void>[] = [];
  private readonly _todo: Set<Future<T>>;
  private _todoLeft: number;
  private _timeoutHandle: TimerHandle | null = null;
  private readonly _loop: EventLoop;

  constructor(aws: Iterable<FutureLike<T>>, options?: AsCompletedOptions) {
    if (isSingleAwaitable(aws)) {
      throw new TypeError(`expects an iterable of awaitables, not ${typeName(aws)}`);
    }
    const loop = getEventLoop();
    this._loop = loop;
    this._todo = new Set([...new Set(aws)].map((aw) => ensureFuture(aw, loop)));
    for (const f of this._todo) f._addDoneCallbackInternal(this._handleCompletion);
    const timeout = options?.timeout;
    if (this._todo.size > 0 && timeout !== undefined) {
      this._timeoutHandle = loop.callLater(timeout, this._handleTimeout);
    }
    this._todoLeft = this._todo.size;
  }

  *[Symbol.iterator](): Iterator<Coroutine<T>> {
    while (this._todoLeft > 0) {
      this._todoLeft--;
      yield this._waitForOne(true) as Coroutine<T>;
    }
  }

  aiter(): AsyncIteratorLike<Future<T>> {
    return this;
  }

  /** `for await (const done of asCompleted(...))` from plain async code: the Futures and Tasks. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Future<T>, undefined, undefined> {
    return forAwaitIterator<Future<T>>(this, () => this._loop);
  }

  *anext(): Coroutine<IteratorResult<Future<T>, undefined>> {
    if (this._todoLeft === 0) return { done: true, value: undefined };
    this._todoLeft--;
    return { done: false, value: (yield* this._waitForOne(false)) as Future<T> };
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /** CPython's repr without the module and address (it shows no state). */
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
    while (this._getters.length > 0) {
      const getter = this._getters.shift()!;
      if (!getter.done()) {
        getter.setResult(undefined);
        break;
      }
    }
  }

  private *_waitForOne(resolve: boolean): Coroutine<T | Future<T>> {
    while (this._done.length === 0) {
      const loop = getEventLoop();
      const getter = loop.createFuture<void>();
      if (loop._tracer !== null) loop._tracer.labelFuture(getter, "asCompleted()");
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (e) {
        getter.cancel();
        const i = this._getters.indexOf(getter);
        if (i >= 0) this._getters.splice(i, 1);
        if (this._done.length > 0 && !getter.cancelled()) this._wakeupNext();
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
 * @example for (const next of asyncio.asCompleted(tasks, { timeout: 5 })) results.push(yield* next);
 */
export function asCompleted<const A extends readonly FutureLike<unknown>[]>(
  aws: A,
  options?: AsCompletedOptions,
): AsCompleted<AwaitedOf<A[number]>>;
export function asCompleted<T>(
  aws: Iterable<FutureLike<T>>,
  options?: AsCompletedOptions,
): AsCompleted<T>;
export function asCompleted<T>(
  aws: Iterable<FutureLike<T>>,
  options?: AsCompletedOptions,
): AsCompleted<T> {
  return new AsCompleted(aws, options);
}

/** Python's `type(value).__name__`, for the message above. */
function typeName(value: unknown): string {
  if (Object.prototype.toString.call(value) === "[object Generator]") return "coroutine";
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return className(value);
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
