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
 * per Future amortised; the oldest entry, when it is the one removed, goes
 * at once (Futures added in the order they finish never need a compaction). Removing a Future still pending (a coroutine closed
 * while it waited) takes it out at once, as a Set would.
 */
import type { Future } from "./futures.js";

// Below this many entries, done Futures are not worth a compaction.
const MIN_COMPACT = 64;

export class FutureList<F extends Future<unknown>> {
  private items: (F | undefined)[] = [];
  /** The entries before this index were removed oldest first (see `remove`) and are gone. */
  private start = 0;
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
      const i = items.indexOf(future, this.start);
      if (i >= 0) items.splice(i, 1);
    } else if (this.registered === 0) {
      this.items = [];
      this.start = 0;
    } else if (items[this.start] === future) {
      // The oldest entry, as when the Futures finish in the order they were
      // added (a TaskGroup's children, mostly): it goes without reading the
      // others' states, which compactions did for twice the entries in all
      // (W4: 0.93x CPU time).
      items[this.start++] = undefined;
      if (this.start >= MIN_COMPACT && this.start > items.length / 2) this._dropRemoved();
    } else if (
      items.length - this.start >= MIN_COMPACT &&
      this.registered < (items.length - this.start) / 2
    ) {
      const start = this.start;
      this.start = 0;
      this.items = items.filter((f, i) => i >= start && !f!.done());
    }
  }

  /** The registered Futures in the order they were added, and maybe some done ones removed since. */
  entries(): readonly F[] {
    this._dropRemoved();
    return this.items as F[];
  }

  private _dropRemoved(): void {
    if (this.start > 0) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
}
