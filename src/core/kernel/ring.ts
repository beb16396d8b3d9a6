/**
 * A FIFO of pending work backed by a power-of-two circular array.
 *
 * The loop's ready queue: a push is a store and an increment, a shift frees its
 * slot so the queue never keeps a finished callback alive.
 *
 * Invariants: the array's length is a power of two and `mask` is that length
 * minus one; `length` is `(tail - head) & mask`, so the ring is never full
 * between calls (the push that fills it grows it at once, which is why
 * `head === tail` can mean empty only); every slot outside [head, tail) is
 * `undefined`.
 */
export class Ring<T> {
  private items: (T | undefined)[];
  private mask: number;
  private head = 0;
  private tail = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.items = new Array<T | undefined>(size);
    this.mask = size - 1;
  }

  get length(): number {
    return (this.tail - this.head) & this.mask;
  }

  push(item: T): void {
    this.items[this.tail] = item;
    this.tail = (this.tail + 1) & this.mask;
    if (this.tail === this.head) this.grow();
  }

  /** Removes and returns the oldest item; the caller checks `length` first. */
  shift(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    return item;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = this.tail = 0;
  }

  private grow(): void {
    // Full: head === tail.
    const size = this.items.length;
    this.items = unrolledDoubled(this.items, this.head);
    this.mask = size * 2 - 1;
    this.head = 0;
    this.tail = size;
  }
}

/**
 * A full circular array of power-of-two length, its items unrolled oldest
 * first (from `head`) into a new array twice as long.
 */
export function unrolledDoubled<T>(
  items: readonly (T | undefined)[],
  head: number,
): (T | undefined)[] {
  const size = items.length;
  const mask = size - 1;
  const out = new Array<T | undefined>(size * 2);
  for (let i = 0; i < size; i++) out[i] = items[(head + i) & mask];
  return out;
}
