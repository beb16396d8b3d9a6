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
import {
  _getRunningLoop,
  captureStack,
  type FrameInfo,
  Future,
  parseStack,
  RuntimeError,
  Task,
} from "../core/kernel/index.js";
import { objectId } from "./object-id.js";

/**
 * One frame of a call stack in a call graph.
 *
 * @python `asyncio.FrameCallGraphEntry` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.FrameCallGraphEntry
 * @example
 * ```ts
 * const graph = asyncio.captureCallGraph();
 * for (const entry of graph?.callStack ?? []) console.log(entry.frame.functionName);
 * ```
 */
export interface FrameCallGraphEntry {
  /**
   * The frame: its function's name, file, line and column, parsed from a stack trace.
   *
   * @python `asyncio.FrameCallGraphEntry.frame` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.FrameCallGraphEntry
   * @example
   * ```ts
   * const { functionName, fileName, lineNumber } = graph!.callStack[0]!.frame;
   * ```
   */
  readonly frame: FrameInfo;
}

/**
 * A Future (or Task), the frames of its coroutine when it is a Task, and the graphs of
 * what awaits it.
 *
 * @python `asyncio.FutureCallGraph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.FutureCallGraph
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const graph = asyncio.captureCallGraph();
 *   console.log(`${graph?.future} is awaited by ${graph?.awaitedBy.length} others`);
 * }
 * ```
 */
export interface FutureCallGraph {
  /**
   * The Future or Task this graph is rooted at.
   *
   * @python `asyncio.FutureCallGraph.future` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.FutureCallGraph
   * @example
   * ```ts
   * console.log(asyncio.captureCallGraph(task)?.future === task); // true
   * ```
   */
  readonly future: Future<unknown>;
  /**
   * The frames of its coroutine, newest first: the live stack for the running Task, the
   * stack recorded at its last suspension for a suspended one (debug mode only), else empty.
   *
   * @python `asyncio.FutureCallGraph.call_stack` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.FutureCallGraph
   * @example
   * ```ts
   * const frames = asyncio.captureCallGraph(task)?.callStack.map((e) => e.frame.functionName);
   * ```
   */
  readonly callStack: readonly FrameCallGraphEntry[];
  /**
   * The graphs of the Tasks and Futures awaiting it (through a wait, TaskGroup, gather or shield).
   *
   * @python `asyncio.FutureCallGraph.awaited_by` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.FutureCallGraph
   * @example
   * ```ts
   * const waiting = asyncio.captureCallGraph(task)?.awaitedBy.map((g) => String(g.future));
   * ```
   */
  readonly awaitedBy: readonly FutureCallGraph[];
}

/**
 * The keyword arguments of `captureCallGraph`, `formatCallGraph` and `printCallGraph`.
 *
 * @python `asyncio.capture_call_graph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.capture_call_graph
 * @example
 * ```ts
 * const options: asyncio.CallGraphOptions = { limit: 5 };
 * console.log(asyncio.formatCallGraph(task, options));
 * ```
 */
export interface CallGraphOptions {
  /**
   * 1 + how many of the newest user frames of the current Task to skip (asyncio-ts's own
   * frames never show). Default 1.
   * In Python, the `depth` argument of `asyncio.capture_call_graph`.
   *
   * @python `asyncio.capture_call_graph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.capture_call_graph
   * @example
   * ```ts
   * function* helper(): asyncio.Coroutine<void> {
   *   asyncio.printCallGraph(undefined, { depth: 2 }); // leave helper out
   * }
   * ```
   */
  depth?: number;
  /**
   * Keep at most this many frames of each stack: the newest if positive, the oldest if negative.
   * In Python, the `limit` argument of `asyncio.capture_call_graph`.
   *
   * @python `asyncio.capture_call_graph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.capture_call_graph
   * @example
   * ```ts
   * asyncio.printCallGraph(task, { limit: 3 });
   * ```
   */
  limit?: number;
}

/**
 * The call graph of `future` (or of the current Task when omitted; then `undefined` outside
 * a Task): its call stack and, recursively, what awaits it. A suspended Task's frames are
 * known only in debug mode (JavaScript cannot look inside a suspended generator).
 *
 * @python `asyncio.capture_call_graph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.capture_call_graph
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const child = asyncio.createTask(asyncio.sleep(1));
 *   yield* asyncio.sleep(0);
 *   const graph = asyncio.captureCallGraph(child);
 *   console.log(graph?.awaitedBy.length); // 0: nobody awaits it yet
 *   yield* child;
 * }
 * ```
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

/**
 * The call graph of `future` (or of the current Task) as text, in Python's layout: the Future,
 * its frames, and indented below, what awaits it.
 *
 * @python `asyncio.format_call_graph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.format_call_graph
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
 *     const child = tg.createTask(asyncio.sleep(1));
 *     yield* asyncio.sleep(0);
 *     console.log(asyncio.formatCallGraph(child));
 *   });
 * }
 * ```
 */
export function formatCallGraph(future?: Future<unknown>, options?: CallGraphOptions): string {
  return formatGraph(callGraphOf(future, options));
}

function formatGraph(root: FutureCallGraph | undefined): string {
  if (root === undefined) return "";
  const lines: string[] = [];
  render(root, lines, 0);
  return lines.join("\n");
}

/**
 * Prints `formatCallGraph(future, options)` to `options.file` (anything with `write`), or to
 * standard output by default, as Python's does.
 *
 * @python `asyncio.print_call_graph` — https://docs.python.org/3/library/asyncio-graph.html#asyncio.print_call_graph
 * @example
 * ```ts
 * function* worker(): asyncio.Coroutine<void> {
 *   asyncio.printCallGraph(); // the current Task and what awaits it
 *   yield* asyncio.sleep(1);
 * }
 * asyncio.printCallGraph(task, { file: process.stderr });
 * ```
 */
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
