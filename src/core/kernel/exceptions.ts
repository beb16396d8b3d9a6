/**
 * asyncio's own exceptions, as CPython's asyncio/exceptions.py defines them:
 * CancelledError, InvalidStateError, SendfileNotAvailableError. Python's
 * built-in exceptions they derive from, and the others asyncio raises
 * (RuntimeError, ValueError, KeyboardInterrupt…), are in
 * builtin-exceptions.ts; this file re-exports them so a kernel file imports
 * every exception from one place. The module's other names live beside what
 * raises them (BrokenBarrierError in locks/barrier.ts, IncompleteReadError
 * and LimitOverrunError in node/streams/errors.ts), and its TimeoutError has
 * been the built-in one since Python 3.11.
 */

import { BaseException, PythonError, RuntimeError } from "./builtin-exceptions.js";
import { named } from "./class-name.js";

export * from "./builtin-exceptions.js";

/**
 * The operation was cancelled: `task.cancel()` throws it into the Task's
 * coroutine at its suspension point. A `BaseException`: code that catches it to
 * clean up must throw it again.
 *
 * @python `asyncio.CancelledError` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.CancelledError
 * @example
 * ```ts
 * function* worker(): asyncio.Coroutine<void> {
 *   try {
 *     yield* asyncio.sleep(3600);
 *   } catch (e) {
 *     if (e instanceof asyncio.CancelledError) console.log("cleaning up");
 *     throw e; // a cancelled Task must end cancelled
 *   }
 * }
 * ```
 */
export class CancelledError extends BaseException {
  static override readonly pythonName = /* @__PURE__ */ named(this, "CancelledError");
}

/**
 * asyncio's `SendfileNotAvailableError`: no native sendfile for this socket or
 * file. `loop.sendfile` copies instead unless told not to; on Node the copy
 * is the only path, so only code ported from CPython meets this name.
 *
 * @python `asyncio.SendfileNotAvailableError` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.SendfileNotAvailableError
 * @example
 * ```ts
 * try {
 *   yield* portedSendfile(transport, file); // code ported from CPython that raises it
 * } catch (e) {
 *   if (e instanceof asyncio.SendfileNotAvailableError) yield* copyInChunks(transport, file);
 * }
 * ```
 */
export class SendfileNotAvailableError extends RuntimeError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "SendfileNotAvailableError");
}

/**
 * The Future or Task is not in a state that allows the operation (a result set twice, `result()` before it is done).
 *
 * @python `asyncio.InvalidStateError` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.InvalidStateError
 * @example
 * ```ts
 * const fut = asyncio.getRunningLoop().createFuture<number>();
 * fut.setResult(1);
 * try {
 *   fut.setResult(2);
 * } catch (e) {
 *   console.log(String(e)); // "InvalidStateError: invalid state"
 * }
 * ```
 */
export class InvalidStateError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "InvalidStateError");
}
