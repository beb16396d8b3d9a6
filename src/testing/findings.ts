/**
 * What a test left behind, written for a person reading a failed test: a
 * heading that says what went wrong and which option permits it, the reprs
 * the loop would print, and (in debug mode) where each Task waits and where
 * it was created, innermost frame first as JavaScript stacks read, so a
 * terminal can link them.
 */
import {
  type ExceptionContext,
  type FrameInfo,
  parseStack,
  reprValue,
  type Task,
} from "../core/kernel/index.js";

/** One problem: its text, the exception it carried, the asyncTest option that permits it. */
export interface Finding {
  readonly text: string;
  readonly exception?: unknown;
  readonly option?: string;
}

// Enough frames to see a Task's coroutine and its callers, not the whole test runner.
const MAX_FRAMES = 6;

/** A pending Task: its repr, where it waits, where it was made (not for the test's own Task). */
export function describeTask(task: Task<unknown>, testTask?: Task<unknown>): string {
  if (task === testTask) {
    return addFrames([`${task} (the test)`], "waiting at", task.getStack()).join("\n");
  }
  const lines = addFrames([String(task)], "waiting at", task.getStack());
  return addFrames(lines, "created at", parseStack(task._sourceTraceback)).join("\n");
}

/** A report the loop sent to its exception handler. */
export function describeReport(context: ExceptionContext): string {
  const exc = context.exception;
  const head = context.message || "Unhandled exception in event loop";
  const lines = [exc === undefined ? head : `${head}: ${errorLine(exc)}`];
  for (const key of Object.keys(context)) {
    if (key === "message" || key === "exception" || key === "sourceTraceback") continue;
    lines.push(`  ${key}: ${reprValue(context[key])}`);
  }
  const source = context.sourceTraceback;
  if (typeof source === "string") addFrames(lines, "created at", parseStack(source));
  return lines.join("\n");
}

/** "Future exception was never retrieved" and "Task exception was never retrieved". */
export function isUnretrievedReport(context: ExceptionContext): boolean {
  return / exception was never retrieved$/.test(context.message ?? "");
}

/** The findings as a numbered list, each entry indented under its number, and the options that permit them. */
export function formatFindings(findings: readonly Finding[]): string {
  const items = findings.map((f, i) => `${i + 1}. ${f.text.replaceAll("\n", "\n   ")}`);
  const options = [...new Set(findings.flatMap((f) => (f.option === undefined ? [] : [f.option])))];
  if (options.length > 0)
    items.push(`(asyncTest options that permit these: ${options.join(", ")})`);
  return items.join("\n");
}

function addFrames(lines: string[], label: string, outermostFirst: FrameInfo[]): string[] {
  if (outermostFirst.length === 0) return lines;
  lines.push(`  ${label}:`);
  for (const frame of outermostFirst.slice(-MAX_FRAMES).reverse()) {
    const where = `${frame.fileName}:${frame.lineNumber}:${frame.columnNumber}`;
    lines.push(`    at ${frame.functionName} (${where})`);
  }
  return lines;
}

function errorLine(e: unknown): string {
  if (e instanceof Error) return e.message ? `${e.name}: ${e.message}` : e.name;
  return reprValue(e);
}
