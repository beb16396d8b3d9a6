/**
 * "Who awaits whom" edges that are not visible from a Future's callbacks
 * (Python 3.14's `future_add_to_awaited_by`): a TaskGroup's parent awaits its
 * children, a gather's Future awaits its children, a shielding Task awaits
 * the inner work. A Task waiting on a Future directly is already among that
 * Future's callbacks. The call graph (tools/call-graph.ts) reads both.
 */
import { Future } from "./futures.js";

/** Records that `waiter` awaits `future`. */
export function futureAddToAwaitedBy(future: Future<unknown>, waiter: Future<unknown>): void {
  if (!(future instanceof Future) || !(waiter instanceof Future)) return;
  (future._awaitedBy ??= new Set()).add(waiter);
}

/** Forgets that `waiter` awaits `future`. */
export function futureDiscardFromAwaitedBy(future: Future<unknown>, waiter: Future<unknown>): void {
  if (!(future instanceof Future)) return;
  future._awaitedBy?.delete(waiter);
}

/** Everything awaiting `future`: Tasks waiting on it, then the recorded edges. */
export function awaitersOf(future: Future<unknown>): Future<unknown>[] {
  const out = new Set<Future<unknown>>();
  for (const entry of future._entries()) {
    if (entry instanceof Future) out.add(entry);
  }
  if (future._awaitedBy !== null) for (const f of future._awaitedBy) out.add(f);
  return [...out];
}
