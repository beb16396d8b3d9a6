/**
 * Call-graph introspection (Python 3.14's `asyncio.graph`): which Task awaits
 * which Future or Task, as a tree rooted at the awaited one.
 *
 * Edges come from the Futures' waiting Tasks and from the "awaited by" edges
 * that TaskGroup, gather and shield record. Call stacks come from stack
 * traces: the live one for the current Task, and for a suspended Task the
 * one taken when it suspended, which exists only in debug mode (JavaScript
 * cannot look inside a suspended generator).
 */
import { awaitersOf } from "../core/awaited-by.js";
import { RuntimeError } from "../core/exceptions.js";
import { Future } from "../core/futures.js";
import { _getRunningLoop } from "../core/running-loop.js";
import { captureStack, type FrameInfo, parseStack } from "../core/stack.js";
import { Task } from "../core/tasks.js";
import { objectId } from "./object-id.js";

/** One frame of a call stack. */
export interface FrameCallGraphEntry {
  readonly frame: FrameInfo;
}

/** A Future, the frames of its coroutine (if a Task), and what awaits it. */
export interface FutureCallGraph {
  readonly future: Future<unknown>;
  readonly callStack: readonly FrameCallGraphEntry[];
  readonly awaitedBy: readonly FutureCallGraph[];
}

export interface CallGraphOptions {
  /** Python's `depth`: 1 + how many of the newest user frames to skip (asyncio-ts's own never show). */
  depth?: number;
  /** Keep at most this many frames: the newest if positive, the oldest if negative. */
  limit?: number;
}

/**
 * The call graph of `future`, or of the current Task when omitted (then
 * `undefined` outside a Task).
 * @example console.log(asyncio.captureCallGraph(task)?.awaitedBy.length);
 */
export function captureCallGraph(
  future?: Future<unknown>,
  options?: CallGraphOptions,
): FutureCallGraph | undefined {
  return callGraphOf(future, options);
}

/** `captureCallGraph` for the public functions, each of which calls it directly. */
function callGraphOf(
  future: Future<unknown> | undefined,
  options: CallGraphOptions | undefined,
): FutureCallGraph | undefined {
  const loop = _getRunningLoop();
  const limit = options?.limit;
  if (future !== undefined) {
    if (loop === null || future !== loop._currentTask) return buildGraph(future, limit);
  } else {
    if (loop === null) {
      throw new RuntimeError(
        "capture_call_graph() is called outside of a running event loop and no *future* to introspect was provided",
      );
    }
    if (loop._currentTask === null) return undefined;
    future = loop._currentTask;
  }
  const skip = (options?.depth ?? 1) - 1;
  // Not the Task's: this function and the public one that called it.
  const frames = parseStack(captureStack(2));
  if (skip > 0) frames.splice(-skip, skip);
  return graph(future, frames, limit);
}

/** The call graph as text, Python's layout. */
export function formatCallGraph(future?: Future<unknown>, options?: CallGraphOptions): string {
  return formatGraph(callGraphOf(future, options));
}

function formatGraph(root: FutureCallGraph | undefined): string {
  if (root === undefined) return "";
  const lines: string[] = [];
  render(root, lines, 0);
  return lines.join("\n");
}

/** Prints `formatCallGraph` (to standard output by default, as Python's goes to stdout). */
export function printCallGraph(
  future?: Future<unknown>,
  options?: CallGraphOptions & { file?: { write(text: string): void } },
): void {
  const text = formatGraph(callGraphOf(future, options));
  if (options?.file !== undefined) options.file.write(`${text}\n`);
  else console.log(text);
}

function buildGraph(future: Future<unknown>, limit: number | undefined): FutureCallGraph {
  if (!(future instanceof Future)) {
    throw new TypeError(
      `${String(future)} object does not appear to be compatible with asyncio.Future`,
    );
  }
  const frames = future instanceof Task && limit !== 0 ? parseStack(future._suspendedStack) : [];
  return graph(future, frames, limit);
}

function graph(
  future: Future<unknown>,
  frames: FrameInfo[],
  limit: number | undefined,
): FutureCallGraph {
  // Newest frame first, as Python's call stacks are listed.
  let stack = frames.reverse();
  if (limit !== undefined) stack = limit >= 0 ? stack.slice(0, limit) : stack.slice(limit);
  return {
    future,
    callStack: stack.map((frame) => ({ frame })),
    awaitedBy: awaitersOf(future).map((f) => buildGraph(f, limit)),
  };
}

/** Python's `id()` in hex. */
function idOf(o: object): string {
  return `0x${objectId(o).toString(16)}`;
}

function render(node: FutureCallGraph, lines: string[], level: number): void {
  const add = (line: string): void => {
    lines.push(`${"    ".repeat(level)}${line}`);
  };
  const f = node.future;
  add(
    f instanceof Task ? `* Task(name='${f.getName()}', id=${idOf(f)})` : `* Future(id=${idOf(f)})`,
  );
  if (node.callStack.length > 0) {
    add("  + Call stack:");
    for (const { frame } of node.callStack) {
      add(`  |   File '${frame.fileName}', line ${frame.lineNumber}, in ${frame.functionName}()`);
    }
  }
  if (node.awaitedBy.length > 0) {
    add("  + Awaited by:");
    for (const parent of node.awaitedBy) render(parent, lines, level + 1);
  }
}
