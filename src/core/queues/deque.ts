/**
 * A double-ended FIFO for the queues: Python's `collections.deque`, reduced to
 * what `queues.py` uses (append, popleft, remove, len, iteration).
 *
 * Items live in an array from `head` on; `shift` leaves a hole at the front
 * and the array is compacted once the holes outnumber the items, so every
 * operation but `remove` is amortised O(1), as in CPython.
 */
export class Deque<T> implements Iterable<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the oldest item; the caller checks `length` first. */
  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 32 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes the first occurrence of `item`; false when absent (where Python raises ValueError). */
  remove(item: T): boolean {
    const i = this.items.indexOf(item, this.head);
    if (i < 0) return false;
    if (i === this.head) this.shift();
    else this.items.splice(i, 1);
    return true;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
