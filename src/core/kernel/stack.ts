/**
 * Stack frames read from JavaScript stack traces, for `Task.getStack` and the
 * call graph. JavaScript cannot look inside a suspended generator, so the
 * frames of a waiting Task come from a trace taken at the moment it suspended
 * (in debug mode only: it costs a stack capture per suspension); the running
 * Task's come from the live stack.
 *
 * Which frames are asyncio-ts's own is found from the traces themselves, never
 * from a module URL, so this works bundled, minified or as a classic script:
 * - the capture drops its callers' frames by count (`captureStack(callers)`);
 * - a Task's frames end at the step that resumed its coroutine, found by a
 *   method name (minifiers keep property names);
 * - where asyncio-ts runs from its own files (unbundled, or the package's
 *   Node bundles, dist/bundle/), frames in those files are dropped too.
 *   Bundled into one file with the program, its frames cannot be told from
 *   the program's by file, and its coroutines (`sleep`, `asyncWith`) show, as
 *   asyncio's own coroutines show in CPython's call graph.
 */

/**
 * One stack frame of a Task (`Task.getStack`): Python's `(filename, lineno, name)`, read from a JavaScript stack trace.
 *
 * @python `asyncio.Task.get_stack` (the frames it returns) — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.get_stack
 * @example
 * ```ts
 * for (const frame of task.getStack()) {
 *   console.log(`${frame.fileName}:${frame.lineNumber} in ${frame.functionName}`);
 * }
 * ```
 */
export interface FrameInfo {
  /** The function's name, as the stack trace gives it (`<anonymous>` for none). */
  readonly functionName: string;
  /** The file or URL of the frame's code. */
  readonly fileName: string;
  /** 1-based line in `fileName`. */
  readonly lineNumber: number;
  /** 1-based column in `fileName`. */
  readonly columnNumber: number;
}

// V8: "    at fn (file:line:col)" or "    at file:line:col"; SpiderMonkey/JSC: "fn@file:line:col".
const V8_FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const GECKO_FRAME = /^(.*?)@(.+?):(\d+):(\d+)$/;

// The Task's method that resumes its coroutine (tasks.ts): frames below it belong to the loop.
// scripts/build-browser.mjs keeps its name when it shortens the other `_` names.
const STEP_FRAME = /(?:^|\.)_resumeCoroutine$/;

// A hand-written coroutine's methods (hand-coroutine.ts): not a coroutine function's frame.
const ITERATOR_METHOD = /\.(?:next|throw|return)$/;

// Deep enough for a chain of coroutines above the loop's own frames.
const CAPTURE_DEPTH = 64;

/**
 * The stack of whoever called the functions that called this one: the
 * trace's frame lines without this frame and `callers` more.
 */
export function captureStack(callers: number): string | undefined {
  const host = Error as { stackTraceLimit?: number };
  const limit = host.stackTraceLimit;
  host.stackTraceLimit = CAPTURE_DEPTH;
  let stack: string | undefined;
  try {
    stack = new Error().stack;
  } finally {
    host.stackTraceLimit = limit;
  }
  if (stack === undefined) return undefined;
  return frameLines(stack)
    .slice(1 + callers)
    .join("\n");
}

/**
 * The frames of a stack trace, outermost (oldest) first, without the host's
 * and, where they can be told apart, asyncio-ts's own; a Task's trace stops
 * at the step that resumed its coroutine.
 */
export function parseStack(stack: string | undefined): FrameInfo[] {
  if (stack === undefined) return [];
  const own = ownDirectory();
  const frames: FrameInfo[] = [];
  for (const frame of framesOf(stack)) {
    if (STEP_FRAME.test(frame.functionName)) break;
    if (isHost(frame.fileName) || (own !== null && frame.fileName.startsWith(own))) continue;
    frames.push(frame);
  }
  return frames.reverse();
}

/**
 * The frame of a Task's own coroutine in a stack taken inside its step: the
 * outermost one above the step, whose function is the one the Task's
 * coroutine was made by and whose line is where it is now (CPython's
 * `cr_code` and `cr_frame.f_lineno`). Null when it cannot be told: the step
 * is not in the trace (cut by the capture's depth), the frame is nameless
 * (an anonymous `function*`), a hand-written iterator (`X.next`), or, where
 * they can be told apart, one of asyncio-ts's own coroutines.
 */
export function coroutineFrame(stack: string | undefined): FrameInfo | null {
  if (stack === undefined) return null;
  let outermost: FrameInfo | null = null;
  for (const frame of framesOf(stack)) {
    if (STEP_FRAME.test(frame.functionName)) {
      if (outermost === null || ITERATOR_METHOD.test(outermost.functionName)) return null;
      if (outermost.functionName === "<anonymous>") return null;
      const own = ownDirectory();
      return own !== null && outermost.fileName.startsWith(own) ? null : outermost;
    }
    if (!isHost(frame.fileName)) outermost = frame;
  }
  return null;
}

/** Python's traceback line for a frame. */
export function formatFrame(frame: FrameInfo): string {
  return `  File "${frame.fileName}", line ${frame.lineNumber}, in ${frame.functionName}`;
}

/** The trace's frame lines, as text (a capture passes them on unparsed). */
function frameLines(stack: string): string[] {
  return stack.split("\n").filter((line) => parseFrame(line) !== null);
}

/** The trace's frames, each line parsed once. */
function framesOf(stack: string): FrameInfo[] {
  const frames: FrameInfo[] = [];
  for (const line of stack.split("\n")) {
    const frame = parseFrame(line);
    if (frame !== null) frames.push(frame);
  }
  return frames;
}

function parseFrame(line: string): FrameInfo | null {
  const m = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line);
  if (m === null) return null;
  return {
    functionName: (m[1] ?? "").replace(/^(?:async |new )/, "") || "<anonymous>",
    fileName: m[2]!,
    lineNumber: Number(m[3]),
    columnNumber: Number(m[4]),
  };
}

/** The engine's own frames (`Generator.next`) and Node's internals. */
function isHost(fileName: string): boolean {
  return fileName === "<anonymous>" || fileName === "native" || fileName.startsWith("node:");
}

let ownDir: string | null | undefined;

/**
 * The directory of asyncio-ts's layers (`…/src/`, holding `core/kernel/stack.js`),
 * or of the package's Node bundles (`…/dist/bundle/`, whose chunks
 * scripts/build-bundles.mjs names `asyncio-ts-<hash>.js`; the core is in
 * one), read from where
 * this function's own frame says it runs; null when it runs from anyone
 * else's bundle. Looked up on first use.
 */
function ownDirectory(): string | null {
  if (ownDir === undefined) {
    const file = framesOf(new Error().stack ?? "")[0]?.fileName ?? "";
    ownDir =
      /^(.*[/\\])(?:core[/\\]kernel[/\\]stack|asyncio-ts-[A-Z0-9]{8})\.[cm]?[jt]s$/.exec(
        file,
      )?.[1] ?? null;
  }
  return ownDir;
}
