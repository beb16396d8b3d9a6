/**
 * A TaskGroup's children: how many are still pending (CPython's
 * `len(self._tasks)`) and, for an abort, which ones to cancel, in creation
 * order.
 *
 * CPython keeps a set. Here the children sit in an array and a counter says
 * how many have not been reported done yet: a spawn is a push and a
 * completion a decrement, where a Set costs a hash insertion and deletion
 * (a quarter of a TaskGroup child's time at 100,000 children). The array
 * keeps finished Tasks until it is compacted, which happens once fewer than
 * half of its entries are pending, so it never holds more than about twice
 * the pending children and compaction costs O(1) per child amortised.
 */
import type { Task } from "./tasks.js";

// Below this many entries, finished Tasks are not worth a compaction.
const MIN_COMPACT = 64;

export class ChildTasks {
  private tasks: Task<unknown>[] = [];
  private pending = 0;

  /** Children not reported done yet. */
  get size(): number {
    return this.pending;
  }

  add(task: Task<unknown>): void {
    this.tasks.push(task);
    this.pending++;
  }

  /** One child added with `add` was reported done (its done callback ran). */
  finished(): void {
    this.pending--;
    const tasks = this.tasks;
    if (tasks.length >= MIN_COMPACT && this.pending < tasks.length / 2) {
      this.tasks = tasks.filter((t) => !t.done());
    }
  }

  /** The children in creation order, pending ones and maybe some already done. */
  entries(): readonly Task<unknown>[] {
    return this.tasks;
  }
}
