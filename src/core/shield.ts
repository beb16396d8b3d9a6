/**
 * `shield`: protect work from the cancellation of whoever awaits it.
 *
 * Cancelling the returned Future (as cancelling the awaiting Task does)
 * leaves the inner work running. Once the outer Future is cancelled the
 * inner one's outcome is no longer copied; an error it ends with then stays
 * unretrieved and is reported as "exception was never retrieved" like any
 * other, unless someone else awaits the inner Task.
 */
import { tagAwaiter } from "./awaited-by.js";
import { type AwaitedOf, ensureFuture, type Future, type FutureLike } from "./kernel/index.js";

/**
 * A Future following `aw` that can be cancelled without cancelling `aw`.
 *
 * If the inner work fails after the outer Future was cancelled, its error is reported as never retrieved unless someone awaits it.
 *
 * @python `asyncio.shield` — https://docs.python.org/3/library/asyncio-task.html#asyncio.shield
 * @example
 * ```ts
 * const save = asyncio.createTask(saveToDatabase(record));
 * try {
 *   yield* asyncio.shield(save); // cancelling us does not cancel the save
 * } catch (e) {
 *   if (e instanceof asyncio.CancelledError) yield* save; // let it finish, then propagate
 *   throw e;
 * }
 * ```
 */
export function shield<A extends FutureLike<unknown>>(aw: A): Future<AwaitedOf<A>>;
export function shield<T>(aw: FutureLike<T>): Future<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner;
  const loop = inner.getLoop();
  const outer = loop.createFuture<T>();
  loop._tracer?._labelFuture(outer, "shield()");
  const awaiting = loop._currentTask;
  const onInnerDone = (inner: Future<T>): void => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception();
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
    } else if (inner._failed) {
      outer.setException(inner.exception());
    } else {
      outer.setResult(inner.result());
    }
  };
  const onOuterDone = (): void => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
  if (awaiting !== null) tagAwaiter(onInnerDone, awaiting);
  inner._addDoneCallbackInternal(onInnerDone);
  outer._addDoneCallbackInternal(onOuterDone);
  return outer;
}
