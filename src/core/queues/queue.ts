/**
 * `Queue`: a FIFO for coordinating producer and consumer tasks, as CPython's
 * `asyncio.Queue` (3.13, with `shutdown`).
 *
 * Waiting is done in two wait queues (wait-queue.ts), `_getters` and
 * `_putters`. Whoever frees what a waiter waits for (an item for a getter, a
 * slot for a putter) resolves the oldest waiter not done yet and takes it out
 * of its queue (`_wakeupNext`); the woken task then loops and re-checks
 * (queue-put-get.ts), because another task may have taken the item or slot
 * first.
 *
 * Invariants that make cancellation lose nothing (CPython's `except:` blocks
 * in `get`/`put`):
 * - an item is taken out of the queue only by the task that returns it, so a
 *   `get()` cancelled while waiting has taken nothing; if it had already been
 *   woken (its Future has a result) the wake-up passes to the next getter
 *   while items remain (`WaitQueue._handOn`), so no item is left behind with
 *   getters asleep (conformance: queue_cancelled_get);
 * - an item is inserted only by the `put()` that returns, so a cancelled
 *   `put()` inserted nothing; a woken, cancelled putter passes its wake-up on
 *   the same way while slots remain (conformance: queue_cancelled_put).
 * - `_unfinishedTasks` counts items put and not yet marked done; the join
 *   event is set exactly while it is zero.
 */
import {
  type Coroutine,
  checkNumber,
  className,
  named,
  reprValue,
  ValueError,
} from "../kernel/index.js";
import { Event } from "../locks/event.js";
import { LoopBound } from "../loop-bound.js";
import { WaitQueue } from "../wait-queue.js";
import { Deque } from "./deque.js";
import { QueueEmpty, QueueFull, QueueShutDown } from "./errors.js";
import { QueueGet, QueuePut } from "./queue-put-get.js";

/** What a queue keeps its items in: subclasses choose it in `_init`. */
export interface QueueStorage<T> extends Iterable<T> {
  readonly length: number;
}

/**
 * A snapshot of a queue's state, from `statistics()`.
 *
 * @python no counterpart: Trio's `statistics()` records — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue
 * @example
 * ```ts
 * const { qsize, maxsize, getters, putters, unfinishedTasks }: asyncio.QueueStatistics = q.statistics();
 * ```
 */
export interface QueueStatistics {
  /** Items in the queue. */
  readonly qsize: number;
  /** The queue's `maxsize` (`<= 0`: unbounded). */
  readonly maxsize: number;
  /** Futures of tasks waiting in `get()` (the `_getters[n]` of the repr). */
  readonly getters: number;
  /** Futures of tasks waiting in `put()` (the `_putters[n]` of the repr). */
  readonly putters: number;
  /** Items put and not yet marked done with `taskDone()`. */
  readonly unfinishedTasks: number;
}

/**
 * A first-in, first-out queue. `maxsize <= 0` means unbounded; otherwise
 * `put()` waits while `maxsize` items are in the queue.
 *
 * @python `asyncio.Queue` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue
 * @example
 * ```ts
 * const q = new asyncio.Queue<string>(2);
 * yield* q.put("job");
 * const job = yield* q.get();
 * q.taskDone();
 * ```
 */
export class Queue<T = unknown> extends LoopBound {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(q).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue
   * @example
   * ```ts
   * console.log(asyncio.PriorityQueue.pythonName); // "PriorityQueue"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "Queue", ["join"], ["putNowait"]);
  /** @internal */ _maxsize: number;
  /** @internal */ _getters: WaitQueue<void> = new WaitQueue(this, `${className(this)}.get()`);
  /** @internal */ _putters: WaitQueue<void> = new WaitQueue(this, `${className(this)}.put()`);
  /** @internal */ _unfinishedTasks = 0;
  /** @internal */ _finished = new Event();
  /** @internal */ _isShutdown = false;
  /** The items; its type is chosen by `_init`. */
  protected _queue!: QueueStorage<T>;

  constructor(maxsize = 0) {
    super();
    checkNumber(maxsize, "Queue", "maxsize");
    this._maxsize = maxsize;
    this._finished.set();
    this._init(maxsize);
  }

  // The three storage hooks that subclasses override, as in CPython.

  protected _init(_maxsize: number): void {
    this._queue = new Deque<T>();
  }

  protected _put(item: T): void {
    (this._queue as Deque<T>).push(item);
  }

  protected _get(): T {
    return (this._queue as Deque<T>).shift();
  }

  /**
   * Number of items allowed in the queue (`<= 0`: unbounded).
   *
   * @python `asyncio.Queue.maxsize` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.maxsize
   * @example
   * ```ts
   * const q = new asyncio.Queue<number>(10);
   * console.log(q.maxsize); // 10
   * ```
   */
  get maxsize(): number {
    return this._maxsize;
  }

  /**
   * Number of items in the queue.
   *
   * @python `asyncio.Queue.qsize` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.qsize
   * @example
   * ```ts
   * console.log(`${q.qsize()} jobs waiting`);
   * ```
   */
  qsize(): number {
    return this._queue.length;
  }

  /**
   * True when the queue holds no item.
   *
   * @python `asyncio.Queue.empty` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.empty
   * @example
   * ```ts
   * while (!q.empty()) console.log(q.getNowait());
   * ```
   */
  empty(): boolean {
    return this._queue.length === 0;
  }

  /**
   * True when `maxsize` items are in the queue; never for an unbounded queue.
   *
   * @python `asyncio.Queue.full` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.full
   * @example
   * ```ts
   * if (!q.full()) q.putNowait(job);
   * ```
   */
  full(): boolean {
    if (this._maxsize <= 0) return false;
    return this.qsize() >= this._maxsize;
  }

  /**
   * Puts `item` in the queue, first waiting for a free slot while it is full.
   * A cancelled `put()` inserts nothing.
   * @throws QueueShutDown if the queue was shut down.
   *
   * @python `asyncio.Queue.put` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.put
   * @example
   * ```ts
   * yield* q.put(item);
   * ```
   */
  put(item: T): Coroutine<void> {
    return new QueuePut(this, item);
  }

  /**
   * Puts `item` in the queue at once.
   * @throws QueueFull if the queue is full; QueueShutDown if it was shut down.
   *
   * @python `asyncio.Queue.put_nowait` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.put_nowait
   * @example
   * ```ts
   * q.putNowait({ id: 1 });
   * ```
   */
  putNowait(item: T): void {
    if (this._isShutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinishedTasks++;
    this._finished.clear();
    this._wakeupNext(this._getters);
  }

  /**
   * Removes and returns an item, first waiting while the queue is empty.
   * A cancelled `get()` takes no item.
   * @throws QueueShutDown once the queue is shut down and empty.
   *
   * @python `asyncio.Queue.get` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.get
   * @example
   * ```ts
   * const item = yield* q.get();
   * ```
   */
  get(): Coroutine<T> {
    return new QueueGet(this);
  }

  /**
   * Removes and returns an item at once.
   * @throws QueueEmpty if the queue is empty; QueueShutDown if it is also shut down.
   *
   * @python `asyncio.Queue.get_nowait` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.get_nowait
   * @example
   * ```ts
   * const next = q.empty() ? undefined : q.getNowait();
   * ```
   */
  getNowait(): T {
    if (this.empty()) {
      if (this._isShutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this._get();
    this._wakeupNext(this._putters);
    return item;
  }

  /**
   * Marks one item got from the queue as processed; `join()` returns once
   * every item put has been marked so.
   * @throws ValueError if called more times than items were put.
   *
   * @python `asyncio.Queue.task_done` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.task_done
   * @example
   * ```ts
   * const job = yield* q.get();
   * try {
   *   yield* handleJob(job);
   * } finally {
   *   q.taskDone();
   * }
   * ```
   */
  taskDone(): void {
    if (this._unfinishedTasks <= 0) throw new ValueError("task_done() called too many times");
    this._unfinishedTasks--;
    if (this._unfinishedTasks === 0) this._finished.set();
  }

  /**
   * Waits until every item put in the queue has been got and marked done.
   *
   * @python `asyncio.Queue.join` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.join
   * @example
   * ```ts
   * yield* q.join();
   * ```
   */
  *join(): Coroutine<void> {
    if (this._unfinishedTasks > 0) yield* this._finished.wait();
  }

  /**
   * Shuts the queue down: later puts raise QueueShutDown, and gets do once the
   * queue is empty. With `immediate`, the remaining items are dropped, each
   * counted as done (which may release `join()`). Every waiting `get()` and
   * `put()` is woken to re-check.
   *
   * @python `asyncio.Queue.shutdown` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue.shutdown
   * @example
   * ```ts
   * q.shutdown(); // consumers finish what is queued, then get() raises QueueShutDown
   * q.shutdown(true); // or: drop what is queued, now
   * ```
   */
  shutdown(immediate = false): void {
    this._isShutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this._unfinishedTasks > 0) this._unfinishedTasks--;
      }
      if (this._unfinishedTasks === 0) this._finished.set();
    }
    this._getters._takeAll(undefined);
    this._putters._takeAll(undefined);
  }

  /**
   * A frozen snapshot: items, maxsize, waiting getters and putters, unfinished tasks.
   *
   * @python no counterpart: Trio's `statistics()`, a frozen record of the queue's state — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue
   * @example
   * ```ts
   * console.log(q.statistics()); // { qsize: 2, maxsize: 0, getters: 0, putters: 0, unfinishedTasks: 2 }
   * ```
   */
  statistics(): QueueStatistics {
    return Object.freeze({
      qsize: this.qsize(),
      maxsize: this._maxsize,
      getters: this._getters.length,
      putters: this._putters.length,
      unfinishedTasks: this._unfinishedTasks,
    });
  }

  /**
   * Python's `str(queue)`: `<Queue maxsize=0 _queue=[1, 2] tasks=2>`.
   *
   * @python `asyncio.Queue.__str__` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.Queue
   * @example
   * ```ts
   * console.log(String(q)); // <Queue maxsize=0 _queue=[1, 2] tasks=2>
   * ```
   */
  override toString(): string {
    return `<${className(this)} ${this._format()}>`;
  }

  /** @internal The words after the class name in the repr. */
  _format(): string {
    let result = `maxsize=${reprValue(this._maxsize)}`;
    if (this._queue !== undefined && this._queue.length > 0) {
      result += ` _queue=${reprValue([...this._queue])}`;
    }
    if (this._getters.length > 0) result += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) result += ` _putters[${this._putters.length}]`;
    if (this._unfinishedTasks !== 0) result += ` tasks=${this._unfinishedTasks}`;
    if (this._isShutdown) result += " shutdown";
    return result;
  }

  /** @internal Resolves the oldest waiter that is not done yet (cancelled ones are skipped). */
  _wakeupNext(waiters: WaitQueue<void>): void {
    waiters._takeNext(undefined);
  }
}
