/**
 * Stack frames read from JavaScript stack traces, for `Task.getStack` and the
 * call graph. JavaScript cannot look inside a suspended generator, so the
 * frames of a waiting Task come from a trace taken at the moment it suspended
 * (in debug mode only: it costs a stack capture per suspension); the running
 * Task's come from the live stack.
 */

/** One frame: Python's `(filename, lineno, name)`. */
export interface FrameInfo {
  readonly functionName: string;
  readonly fileName: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

// V8: "    at fn (file:line:col)" or "    at file:line:col"; SpiderMonkey/JSC: "fn@file:line:col".
const V8_FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const GECKO_FRAME = /^(.*?)@(.+?):(\d+):(\d+)$/;

// The Task step that resumes a coroutine: frames below it belong to the loop, not the Task.
const STEP_FRAME = /_runAndHandleResult|_eagerStart/;

/**
 * The frames of a stack trace, outermost (oldest) first, without asyncio-ts's
 * own; a Task's trace stops at the step that resumed its coroutine.
 */
export function parseStack(stack: string | undefined): FrameInfo[] {
  if (stack === undefined) return [];
  const frames: FrameInfo[] = [];
  for (const line of stack.split("\n")) {
    const m = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line);
    if (m === null) continue;
    if (STEP_FRAME.test(m[1] ?? "")) break;
    const fileName = m[2]!;
    if (isInternal(fileName)) continue;
    frames.push({
      functionName: (m[1] ?? "").replace(/^(?:async |new )/, "") || "<anonymous>",
      fileName,
      lineNumber: Number(m[3]),
      columnNumber: Number(m[4]),
    });
  }
  return frames.reverse();
}

/** Python's traceback line for a frame. */
export function formatFrame(frame: FrameInfo): string {
  return `  File "${frame.fileName}", line ${frame.lineNumber}, in ${frame.functionName}`;
}

// asyncio-ts's own frames (core, tools, node layers) are not the user's call stack.
// Traces name ES modules by URL, or by path when a loader rewrote them (as test runners do).
const packageUrl = new URL("../", import.meta.url);
const packageDirs = [packageUrl.href, decodeURIComponent(packageUrl.pathname)];

function isInternal(fileName: string): boolean {
  return (
    packageDirs.some((dir) => fileName.startsWith(dir)) ||
    fileName.startsWith("node:") ||
    fileName === "<anonymous>"
  );
}
