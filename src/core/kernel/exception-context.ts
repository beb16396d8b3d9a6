/** The text the default exception handler prints, laid out as CPython's. */
import type { ExceptionContext } from "./events.js";
import { reprValue } from "./repr.js";
import { formatFrame, parseStack } from "./stack.js";

export function formatExceptionContext(context: ExceptionContext): string {
  const lines = [context.message || "Unhandled exception in event loop"];
  for (const key of Object.keys(context).sort()) {
    if (key === "message" || key === "exception") continue;
    const value = context[key];
    if (key === "sourceTraceback" && typeof value === "string") {
      // A JavaScript stack reads newest first and starts inside asyncio-ts
      // (`new Future`, `createTask`): CPython's layout, oldest first, the
      // program's frames only, unless none is left to show.
      const frames = parseStack(value);
      const text = frames.length > 0 ? frames.map(formatFrame).join("\n") : value;
      lines.push(`${key}: Object created at (most recent call last):\n${text}`);
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
