/**
 * The queue errors, with CPython's names. CPython raises the bare classes, so
 * their messages are empty.
 */
import { named, PythonError } from "../kernel/index.js";

/**
 * `getNowait()` on an empty queue (Python's `asyncio.QueueEmpty`).
 *
 * @python `asyncio.QueueEmpty` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.QueueEmpty
 * @example
 * ```ts
 * try { q.getNowait(); } catch (e) { if (!(e instanceof asyncio.QueueEmpty)) throw e; }
 * ```
 */
export class QueueEmpty extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "QueueEmpty");
}

/**
 * `putNowait()` on a full queue (Python's `asyncio.QueueFull`).
 *
 * @python `asyncio.QueueFull` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.QueueFull
 * @example
 * ```ts
 * try {
 *   q.putNowait(job);
 * } catch (e) {
 *   if (!(e instanceof asyncio.QueueFull)) throw e;
 *   console.log("dropping", job);
 * }
 * ```
 */
export class QueueFull extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "QueueFull");
}

/**
 * A put, or a get once nothing is left, on a queue that was shut down (Python 3.13's `asyncio.QueueShutDown`).
 *
 * @python `asyncio.QueueShutDown` — https://docs.python.org/3/library/asyncio-queue.html#asyncio.QueueShutDown
 * @example
 * ```ts
 * function* consumer(q: asyncio.Queue<string>): asyncio.Coroutine<void> {
 *   try {
 *     for (;;) console.log(yield* q.get());
 *   } catch (e) {
 *     if (!(e instanceof asyncio.QueueShutDown)) throw e; // drained after q.shutdown()
 *   }
 * }
 * ```
 */
export class QueueShutDown extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "QueueShutDown");
}
