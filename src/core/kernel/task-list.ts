/**
 * The loop's pending Tasks (what `allTasks()` lists), as a doubly linked list
 * threaded through the Tasks themselves.
 *
 * Every Task enters it when created and leaves it when done, so this is on
 * the path of every spawn. A Set costs a hash insertion and a hash deletion
 * per Task (plus its table's growth and shrinking, about a fifth of a
 * spawn's time at 100,000 Tasks); two link fields cost two stores each way.
 * Iteration is in creation order, as the Set's was.
 *
 * Invariant: a Task is linked if and only if it is `head`, or its `_prevTask`
 * is not null.
 */

/** What the list needs of a Task: its two links. */
export interface Linked<T> {
  /** @internal */ _prevTask: T | null;
  /** @internal */ _nextTask: T | null;
}

export class TaskList<T extends Linked<T>> implements Iterable<T> {
  private head: T | null = null;
  private tail: T | null = null;

  /** Appends `task` (not already linked); returns the Task it follows, the newest before it, or null. */
  add(task: T): T | null {
    const tail = this.tail;
    task._prevTask = tail;
    task._nextTask = null;
    if (tail === null) this.head = task;
    else tail._nextTask = task;
    this.tail = task;
    return tail;
  }

  /** Unlinks `task`; does nothing if it is not linked. */
  delete(task: T): void {
    const prev = task._prevTask;
    const next = task._nextTask;
    if (prev === null) {
      if (this.head !== task) return;
      this.head = next;
    } else {
      prev._nextTask = next;
    }
    if (next === null) this.tail = prev;
    else next._prevTask = prev;
    task._prevTask = task._nextTask = null;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let task = this.head; task !== null; ) {
      // Read the link first: the caller may finish `task` while iterating.
      const next = task._nextTask;
      yield task;
      task = next;
    }
  }
}
