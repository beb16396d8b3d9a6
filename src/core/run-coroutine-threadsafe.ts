/**
 * `runCoroutineThreadsafe`: hand a coroutine to a running loop from outside
 * it (a host callback, ordinary async code) and get its outcome back.
 */
import {
  type Coroutine,
  type EventLoop,
  ensureFuture,
  Future,
  isCoroutine,
} from "./kernel/index.js";

/**
 * Runs `coro` as a Task of `loop`, created in the loop's next iteration, and
 * returns a Future with its outcome. Where CPython returns a
 * `concurrent.futures.Future`, this is a Future of `loop`: `await` it from
 * ordinary async code (it is PromiseLike), and `cancel()` it to cancel the Task.
 * @throws TypeError if `coro` is not a coroutine.
 *
 * @python `asyncio.run_coroutine_threadsafe` — https://docs.python.org/3/library/asyncio-task.html#asyncio.run_coroutine_threadsafe
 * @example
 * ```ts
 * const value = await asyncio.runCoroutineThreadsafe(fetchPrice(id), loop);
 * ```
 */
export function runCoroutineThreadsafe<T>(coro: Coroutine<T>, loop: EventLoop): Future<T> {
  if (!isCoroutine(coro)) throw new TypeError("A coroutine object is required");
  const future = new Future<T>({ loop });
  loop.callSoonThreadsafe(() => {
    let task: Future<T>;
    try {
      task = ensureFuture(coro, loop);
    } catch (e) {
      if (!future.done()) future.setException(e);
      throw e;
    }
    chain(task, future);
  });
  return future;
}

/** CPython's `_chain_future`: `destination` gets `source`'s outcome; cancelling it cancels `source`. */
function chain<T>(source: Future<T>, destination: Future<T>): void {
  destination._addDoneCallbackInternal(() => {
    if (destination.cancelled()) source.cancel();
  });
  source._addDoneCallbackInternal(() => {
    if (destination.done()) return;
    if (source.cancelled()) {
      destination.cancel();
    } else if (source._failed) {
      destination.setException(source.exception());
      // It stands for CPython's concurrent.futures.Future, which never reports an unread error.
      destination._clearLogTraceback();
    } else {
      destination.setResult(source.result());
    }
  });
}
