/**
 * The loop's timers: a binary min-heap ordered by deadline, then by scheduling
 * order, so equal deadlines fire first-scheduled first (what real time gives
 * CPython, whose heap compares deadlines only).
 *
 * Invariants: `items` is a binary heap under `before` (no child before its
 * parent), so `peek()` is the timer to fire next; `_seq` is unique per loop,
 * so the order is total. The heap knows nothing of cancellation: a cancelled
 * timer stays until the loop pops it at the top or rebuilds the heap without
 * it (`filter`). The loop sets a TimerHandle's `_scheduled` as it pushes it
 * and clears it as it takes it out (but for `close()`, which drops them all).
 */
export interface HeapTimer {
  /** @internal */ readonly _when: number;
  /** @internal */ readonly _seq: number;
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

export class TimerHeap<T extends HeapTimer> {
  private items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(timer: T): void {
    const items = this.items;
    let i = items.length;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(timer, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = timer;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) this._siftDown(last, 0);
    return top;
  }

  /** Keeps the timers passing `keep` and restores the heap order (Floyd's build). */
  filter(keep: (timer: T) => boolean): void {
    this.items = this.items.filter(keep);
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this._siftDown(this.items[i]!, i);
  }

  clear(): void {
    this.items = [];
  }

  private _siftDown(timer: T, start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(items[right]!, items[child]!)) child = right;
      if (!before(items[child]!, timer)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = timer;
  }
}
