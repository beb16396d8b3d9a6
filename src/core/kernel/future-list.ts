/**
 * A collection of Futures waited on or watched, for the hot cases where
 * CPython keeps a set or a deque: a TaskGroup's children, an Event's waiters.
 * It answers how many are registered (`size`) and lists them, in the order
 * they were added, for whoever wakes or cancels them (who skip the done ones).
 *
 * The Futures sit in an array and a counter says how many are registered.
 * Almost every removal is of a Future already done (a finished child, a
 * woken or cancelled waiter): that is a decrement, where a Set costs a hash
 * insertion and deletion per Future (about a sixth of the time of a TaskGroup
 * child at 100,000 children). Done Futures leave the array when it is
 * compacted, once fewer than half of its entries are registered, so it never
 * holds more than about twice the registered ones and compaction costs O(1)
 * per Future amortised. Removing a Future still pending (a coroutine closed
 * while it waited) takes it out at once, as a Set would.
 */
import type { Future } from "./futures.js";

// Below this many entries, done Futures are not worth a compaction.
const MIN_COMPACT = 64;

export class FutureList<F extends Future<unknown>> {
  private items: F[] = [];
  private registered = 0;

  /** How many Futures are registered (added and not removed). */
  get size(): number {
    return this.registered;
  }

  add(future: F): void {
    this.items.push(future);
    this.registered++;
  }

  /** Unregisters `future`, which was added and not removed yet. */
  remove(future: F): void {
    this.registered--;
    const items = this.items;
    if (!future.done()) {
      const i = items.indexOf(future);
      if (i >= 0) items.splice(i, 1);
    } else if (this.registered === 0) {
      this.items = [];
    } else if (items.length >= MIN_COMPACT && this.registered < items.length / 2) {
      this.items = items.filter((f) => !f.done());
    }
  }

  /** The registered Futures in the order they were added, and maybe some done ones removed since. */
  entries(): readonly F[] {
    return this.items;
  }
}
