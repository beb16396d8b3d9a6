/**
 * A double-ended FIFO for the queues: Python's `collections.deque`, reduced to
 * what `queues.py` uses (append, popleft, remove, len, iteration).
 *
 * A power-of-two circular array: append and popleft are a store and an
 * increment, and a queue that keeps emptying and refilling (a ping-pong
 * through a queue of maxsize 1) reuses one small array instead of allocating
 * one per item. `remove` is O(n), as in CPython.
 */
import { unrolledDoubled } from "../kernel/index.js";

// An emptied deque larger than this gives its array back (a burst of items
// must not hold its memory for good); smaller ones keep it for reuse.
const SHRINK_ABOVE = 64;
const INITIAL = 8;

export class Deque<T> implements Iterable<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(INITIAL);
  private mask = INITIAL - 1;
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count > this.mask) this.grow();
    this.items[(this.head + this.count) & this.mask] = item;
    this.count++;
  }

  /** The item `i` places from the oldest (0 is the oldest), left in place; `i < length`. */
  at(i: number): T {
    return this.items[(this.head + i) & this.mask] as T;
  }

  /** Removes and returns the oldest item; the caller checks `length` first. */
  shift(): T {
    const head = this.head;
    const item = this.items[head] as T;
    this.items[head] = undefined;
    this.head = (head + 1) & this.mask;
    if (--this.count === 0 && this.items.length > SHRINK_ABOVE) this.reset();
    return item;
  }

  /** Removes the first occurrence of `item`; false when absent (where Python raises ValueError). */
  remove(item: T): boolean {
    const { items, mask, head, count } = this;
    let i = 0;
    while (i < count && items[(head + i) & mask] !== item) i++;
    if (i === count) return false;
    // Close the gap by moving the later items one slot towards the head.
    for (; i < count - 1; i++) items[(head + i) & mask] = items[(head + i + 1) & mask];
    items[(head + count - 1) & mask] = undefined;
    if (--this.count === 0 && items.length > SHRINK_ABOVE) this.reset();
    return true;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.head + i) & this.mask] as T;
  }

  private reset(): void {
    this.items = new Array<T | undefined>(INITIAL);
    this.mask = INITIAL - 1;
    this.head = 0;
  }

  private grow(): void {
    const size = this.items.length;
    this.items = unrolledDoubled(this.items, this.head);
    this.mask = size * 2 - 1;
    this.head = 0;
  }
}
