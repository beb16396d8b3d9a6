/**
 * The loop's exception handler: where errors go that nothing else will see
 * (a callback that raised, a Task whose exception nobody retrieved, a
 * generator that failed to close), as CPython's `call_exception_handler`,
 * its `default_exception_handler` and the handler a program installs.
 *
 * A part of `EventLoop` in a file of its own (loop-parts.ts): it runs only
 * when something went wrong, never on the way of a callback or a Task step,
 * so the reader of the loop's iteration need not read it.
 */
import { contextOfReport } from "./callback-context.js";
import type { EventLoop } from "./event-loop.js";
import type { ExceptionContext } from "./events.js";
import { formatExceptionContext } from "./exception-context.js";
import { isExitException } from "./exceptions.js";
import { reprValue } from "./repr.js";

/**
 * What `setExceptionHandler` installs: called with the loop and the report
 * for each error nothing else will see (a callback that raised, a Task
 * exception never retrieved).
 *
 * @python `asyncio.loop.set_exception_handler` (its handler) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_exception_handler
 * @example
 * ```ts
 * const handler: asyncio.ExceptionHandler = (loop, context) => {
 *   console.error("loop error:", context.message);
 *   loop.defaultExceptionHandler(context);
 * };
 * loop.setExceptionHandler(handler);
 * ```
 */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/** EventLoop's exception-handler methods (loop-parts.ts adds them to the loop). */
export abstract class LoopExceptionHandler {
  /**
   * Sets the handler for errors nothing else will see (`null` or `undefined`
   * restores the default, which logs them). A non-function raises TypeError.
   *
   * @python `asyncio.loop.set_exception_handler` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_exception_handler
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, context) => {
   *   metrics.count("asyncio.error");
   *   loop.defaultExceptionHandler(context);
   * });
   * ```
   */
  setExceptionHandler(this: EventLoop, handler: ExceptionHandler | null | undefined): void {
    if (handler != null && typeof handler !== "function") {
      throw new TypeError(`A callable object or None is expected, got ${reprValue(handler)}`);
    }
    this._exceptionHandler = handler ?? null;
  }

  /**
   * The handler `setExceptionHandler` installed, or `null` for the default.
   *
   * @python `asyncio.loop.get_exception_handler` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.get_exception_handler
   * @example
   * ```ts
   * const previous = loop.getExceptionHandler();
   * loop.setExceptionHandler(() => {});
   * // ... later
   * loop.setExceptionHandler(previous);
   * ```
   */
  getExceptionHandler(this: EventLoop): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  /**
   * Reports `context` on standard error (Python logs it on the `asyncio` logger).
   *
   * @python `asyncio.loop.default_exception_handler` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.default_exception_handler
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, context) => {
   *   if (context.exception instanceof ExpectedError) return;
   *   loop.defaultExceptionHandler(context);
   * });
   * ```
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    console.error(formatExceptionContext(context));
  }

  /**
   * Sends `context` to the exception handler, or to the default one.
   *
   * A handler that raises is reported to the default handler; the handler runs
   * in the Context of the Task, Future or Handle reported on (as Python 3.12+).
   *
   * @python `asyncio.loop.call_exception_handler` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_exception_handler
   * @example
   * ```ts
   * asyncio.getRunningLoop().callExceptionHandler({
   *   message: "worker lost its connection",
   *   exception: error,
   * });
   * ```
   */
  callExceptionHandler(this: EventLoop, context: ExceptionContext): void {
    const handler = this._exceptionHandler;
    if (handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (e) {
        rethrowIfExit(e);
        console.error("Exception in default exception handler", e);
      }
      return;
    }
    try {
      // Python 3.12+: in the Context of the Task, Future or Handle that failed, where it has one.
      const ctx = contextOfReport(context);
      if (ctx !== null) ctx.run(handler, this, context);
      else handler(this, context);
    } catch (e) {
      rethrowIfExit(e);
      try {
        this.defaultExceptionHandler({
          message: "Unhandled error in exception handler",
          exception: e,
          context,
        });
      } catch (e2) {
        rethrowIfExit(e2);
        console.error(
          "Exception in default exception handler while handling an unexpected error in custom exception handler",
          e2,
        );
      }
    }
  }
}

function rethrowIfExit(e: unknown): void {
  if (isExitException(e)) throw e;
}
