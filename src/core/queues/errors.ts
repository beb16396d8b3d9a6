/**
 * The queue errors, with CPython's names. CPython raises the bare classes, so
 * their messages are empty.
 */
import { PythonError } from "../kernel/index.js";

/**
 * `getNowait()` on an empty queue (Python's `asyncio.QueueEmpty`).
 * @example
 * try { q.getNowait(); } catch (e) { if (!(e instanceof asyncio.QueueEmpty)) throw e; }
 */
export class QueueEmpty extends PythonError {
  static override readonly pythonName: string = "QueueEmpty";
}

/** `putNowait()` on a full queue (Python's `asyncio.QueueFull`). */
export class QueueFull extends PythonError {
  static override readonly pythonName: string = "QueueFull";
}

/** A put, or a get once nothing is left, on a queue that was shut down (Python 3.13's `asyncio.QueueShutDown`). */
export class QueueShutDown extends PythonError {
  static override readonly pythonName: string = "QueueShutDown";
}
