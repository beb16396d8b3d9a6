/**
 * The name of the function that made a Task's coroutine, and where that
 * coroutine is, wherever they can be known: CPython's repr says
 * `coro=<send_message() running at x.py:3>` from the coroutine's code object
 * and frame, which a generator object does not expose. They come from
 * - the live stack, for the Task running now;
 * - the stack recorded at its last suspension, in debug mode;
 * - the call `coroutine()` recorded, for a coroutine it made (a name, no place);
 * - the name asyncio-ts's own coroutines carry (`Queue.get`, `sleep`:
 *   coroutine-qualname.ts), with a place where a stack shows one.
 * Otherwise nothing is known, and reprs say `coro=<coroutine>` as before.
 */
import { callOf } from "./coroutine-function.js";
import { type MaybeQualified, QUALNAME } from "./coroutine-qualname.js";
import { PENDING } from "./flags.js";
import { captureStack, coroutineFrame, type FrameInfo } from "./stack.js";
import type { Task } from "./tasks.js";

export interface CoroutineName {
  /** The function's name, as the engine's stack traces or `coroutine()` give it. */
  readonly name: string;
  /** Where the Task's coroutine is suspended or running; null when unknown. */
  readonly frame: FrameInfo | null;
}

/** What is known of `task`'s coroutine function; null when nothing is. */
export function coroutineName(task: Task<unknown>): CoroutineName | null {
  const stack = task._loop._currentTask === task ? captureStack(0) : task._suspendedStack;
  const frame = coroutineFrame(stack);
  const call = callOf(task._coro);
  if (call !== undefined) {
    // While traced, the outermost frame is the wrapper reporting the call: no place then.
    return { name: call.name, frame: frame?.functionName === call.name ? frame : null };
  }
  const qualname = (task._coro as MaybeQualified | null)?.[QUALNAME];
  if (qualname !== undefined) return { name: qualname, frame };
  return frame === null ? null : { name: frame.functionName, frame };
}

/** CPython's `_format_coroutine`, as far as the coroutine's name and place are known: a Task's `coro=<…>`. */
export function coroutineLabel(task: Task<unknown>): string {
  const known = coroutineName(task);
  if (known === null) return "coroutine";
  if (task._state !== PENDING) return `${known.name}() done`;
  const frame = known.frame;
  return frame === null
    ? `${known.name}()`
    : `${known.name}() running at ${frame.fileName}:${frame.lineNumber}`;
}
