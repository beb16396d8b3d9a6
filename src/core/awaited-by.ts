/**
 * "Who awaits whom", for the call graph (tools/call-graph.ts). Python 3.14
 * records every edge in a set on the awaited Future. Here most edges are read
 * from the Future's callbacks instead, so recording costs nothing per child:
 * - a Task waiting on a Future is among its callbacks as itself;
 * - a combinator's done callback is tagged once with whoever awaits through
 *   it (`tagAwaiter`): a TaskGroup's with its parent Task, a gather's with its
 *   gathering Future, a shield's with the shielding Task. The edge lasts as
 *   long as the callback is registered.
 * Edges recorded with `futureAddToAwaitedBy` (Python's public API) are kept
 * in a set on the Future, as in CPython.
 */
import { Future } from "./kernel/index.js";

/**
 * Records that `waiter` awaits `future`.
 *
 * For a combinator that waits on a Future in a way the call graph cannot see (`captureCallGraph`).
 *
 * @python `asyncio.future_add_to_awaited_by` (Python 3.14) — https://docs.python.org/3/library/asyncio-graph.html#asyncio.future_add_to_awaited_by
 * @example
 * ```ts
 * const inner = loop.createFuture<void>();
 * asyncio.futureAddToAwaitedBy(inner, asyncio.currentTask()!);
 * try {
 *   yield* inner;
 * } finally {
 *   asyncio.futureDiscardFromAwaitedBy(inner, asyncio.currentTask()!);
 * }
 * ```
 */
export function futureAddToAwaitedBy(future: Future<unknown>, waiter: Future<unknown>): void {
  if (!(future instanceof Future) || !(waiter instanceof Future)) return;
  (future._extras().awaitedBy ??= new Set()).add(waiter);
}

/**
 * Forgets that `waiter` awaits `future`.
 *
 * @python `asyncio.future_discard_from_awaited_by` (Python 3.14) — https://docs.python.org/3/library/asyncio-graph.html#asyncio.future_discard_from_awaited_by
 * @example
 * ```ts
 * asyncio.futureDiscardFromAwaitedBy(inner, asyncio.currentTask()!);
 * ```
 */
export function futureDiscardFromAwaitedBy(future: Future<unknown>, waiter: Future<unknown>): void {
  if (!(future instanceof Future)) return;
  future._extra?.awaitedBy?.delete(waiter);
}

const AWAITER: unique symbol = Symbol("asyncio.awaiter");

type Tagged = { [AWAITER]?: Future<unknown> };

/** Marks `callback` (a function, or a DoneQueue) as registered on behalf of `awaiter`; returns it. */
export function tagAwaiter<F extends object>(callback: F, awaiter: Future<unknown>): F {
  (callback as Tagged)[AWAITER] = awaiter;
  return callback;
}

/** Everything awaiting `future`: Tasks waiting on it, then the recorded edges. */
export function awaitersOf(future: Future<unknown>): Future<unknown>[] {
  const out = new Set<Future<unknown>>();
  for (const entry of future._entries()) {
    if (entry instanceof Future) out.add(entry);
    else if ((entry as Tagged)[AWAITER] !== undefined) out.add((entry as Tagged)[AWAITER]!);
  }
  const recorded = future._extra?.awaitedBy;
  if (recorded != null) for (const f of recorded) out.add(f);
  return [...out];
}
