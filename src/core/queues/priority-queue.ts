/**
 * `PriorityQueue`: a Queue that gives its lowest item first, kept in a binary
 * heap laid out exactly as Python's `heapq` lays out its list, so equal
 * priorities come out, and the repr shows the items, in CPython's order.
 */
import { named } from "../kernel/index.js";
import { type Comparator, pythonCompare } from "./compare.js";
import { Queue } from "./queue.js";

/**
 * Options of `new PriorityQueue(maxsize, options)`.
 *
 * @python no counterpart: Python orders with `<`; a PriorityQueue of other values takes a comparator — https://docs.python.org/3/library/asyncio-queue.html#asyncio.PriorityQueue
 * @example
 * ```ts
 * const q = new asyncio.PriorityQueue<{ due: number }>(0, { compare: (a, b) => a.due - b.due });
 * ```
 */
export interface PriorityQueueOptions<T> {
  /**
   * Orders the items: negative when `a` comes first. By default Python's
   * ordering of numbers, strings and arrays (compared like tuples).
   */
  compare?: Comparator<T>;
}

/**
 * A queue that retrieves its lowest item first; entries are typically
 * `[priority, data]` arrays.
 *
 * @python `asyncio.PriorityQueue` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.PriorityQueue
 * @example
 * ```ts
 * const q = new asyncio.PriorityQueue<[number, string]>();
 * q.putNowait([2, "later"]);
 * q.putNowait([1, "first"]);
 * q.getNowait(); // [1, "first"]
 * ```
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  static override readonly pythonName = /* @__PURE__ */ named(this, "PriorityQueue");
  declare protected _queue: T[];
  private readonly _compare: Comparator<T>;

  constructor(maxsize = 0, options?: PriorityQueueOptions<T>) {
    super(maxsize);
    this._compare = options?.compare ?? pythonCompare;
  }

  protected override _init(_maxsize: number): void {
    this._queue = [];
  }

  /** `heapq.heappush`: append, then sift up. A failing comparison leaves the item appended, as in CPython. */
  protected override _put(item: T): void {
    const heap = this._queue;
    heap.push(item);
    this._siftDown(0, heap.length - 1);
  }

  /** `heapq.heappop`: the last item replaces the root, then sinks. */
  protected override _get(): T {
    const heap = this._queue;
    const last = heap.pop() as T;
    if (heap.length === 0) return last;
    const top = heap[0]!;
    heap[0] = last;
    this._siftUp(0);
    return top;
  }

  /** heapq's `_siftdown`: moves `heap[pos]` towards the root while it is less than its parent. */
  private _siftDown(start: number, pos: number): void {
    const heap = this._queue;
    const item = heap[pos]!;
    while (pos > start) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos]!;
      if (this._compare(item, parent) < 0) {
        heap[pos] = parent;
        pos = parentPos;
        continue;
      }
      break;
    }
    heap[pos] = item;
  }

  /** heapq's `_siftup`: the smaller child rises down to a leaf, then `_siftDown` places the item. */
  private _siftUp(pos: number): void {
    const heap = this._queue;
    const end = heap.length;
    const start = pos;
    const item = heap[pos]!;
    let child = 2 * pos + 1;
    while (child < end) {
      const right = child + 1;
      if (right < end && !(this._compare(heap[child]!, heap[right]!) < 0)) child = right;
      heap[pos] = heap[child]!;
      pos = child;
      child = 2 * pos + 1;
    }
    heap[pos] = item;
    this._siftDown(start, pos);
  }
}
