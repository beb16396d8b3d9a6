/**
 * Which Context a callback runs in: Python's keyword-only `context=` of
 * `call_soon`/`call_later`/`call_at`, given after the callback's arguments,
 * and the Context an exception handler runs in (Python 3.12+).
 */
import { Context } from "./contextvars.js";
import type { ExceptionContext } from "./events.js";

/**
 * Python's keyword-only `context=` of `call_soon`, `call_later` and `call_at`:
 * an object `{ context }` after the callback's arguments. The callback runs in
 * that Context itself (what it sets stays there), not in a copy of the current one.
 *
 * @python `asyncio.loop.call_soon` (its `context` keyword) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_soon
 * @example
 * ```ts
 * loop.callSoon(callback, arg, { context: ctx });
 * ```
 */
export interface ContextOption {
  /** The Context the callback runs in (`undefined`: a copy of the current one, Python's None). */
  readonly context: Context | undefined;
}

/** The Context of what an error report is about (its task, future or handle), if it has one. */
export function contextOfReport(report: ExceptionContext): Context | null {
  const thing = report.task ?? report.future ?? report.handle;
  const getContext = (thing as { getContext?: unknown } | undefined)?.getContext;
  return typeof getContext === "function" ? (getContext.call(thing) as Context) : null;
}

/**
 * Removes a trailing `{ context }` from `args` and returns its Context. Only
 * a plain object whose one key is `context`, holding a Context (or undefined,
 * Python's None), counts: a callback argument is never mistaken for it.
 */
export function takeContextOption(args: unknown[]): Context | undefined {
  const last = args[args.length - 1];
  if (
    typeof last !== "object" ||
    last === null ||
    Object.getPrototypeOf(last) !== Object.prototype
  ) {
    return undefined;
  }
  const keys = Object.keys(last);
  const context = (last as { context?: unknown }).context;
  if (keys.length !== 1 || keys[0] !== "context") return undefined;
  if (context !== undefined && !(context instanceof Context)) return undefined;
  args.pop();
  return context;
}
