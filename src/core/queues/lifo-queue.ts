/** `LifoQueue`: a Queue that gives its most recently added item first. */
import { named } from "../kernel/index.js";
import { Queue } from "./queue.js";

/**
 * A last-in, first-out queue (a stack).
 *
 * @python `asyncio.LifoQueue` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.LifoQueue
 * @example
 * ```ts
 * const q = new asyncio.LifoQueue<number>();
 * q.putNowait(1);
 * q.putNowait(2);
 * q.getNowait(); // 2
 * ```
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  static override readonly pythonName = /* @__PURE__ */ named(this, "LifoQueue");
  declare protected _queue: T[];

  protected override _init(_maxsize: number): void {
    this._queue = [];
  }

  protected override _put(item: T): void {
    this._queue.push(item);
  }

  protected override _get(): T {
    return this._queue.pop() as T;
  }
}
