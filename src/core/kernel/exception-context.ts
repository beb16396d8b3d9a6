/** The text the default exception handler prints, laid out as CPython's. */
import type { ExceptionContext } from "./events.js";
import { reprValue } from "./repr.js";

export function formatExceptionContext(context: ExceptionContext): string {
  const lines = [context.message || "Unhandled exception in event loop"];
  for (const key of Object.keys(context).sort()) {
    if (key === "message" || key === "exception") continue;
    const value = context[key];
    if (key === "sourceTraceback" && typeof value === "string") {
      lines.push(`${key}: Object created at (most recent call last):\n${value}`);
    } else {
      lines.push(`${key}: ${reprValue(value)}`);
    }
  }
  const exc = context.exception;
  if (exc !== undefined) {
    lines.push(exc instanceof Error && exc.stack ? exc.stack : `${reprValue(exc)}`);
  }
  return lines.join("\n");
}
