/**
 * A Task's stack, as `Task.getStack()` and `Task.printStack()` give it
 * (CPython keeps these apart from the Task too, as base_tasks.py's
 * `_task_get_stack` and `_task_print_stack`). What a program calls while
 * debugging, never on the way of a step: out of tasks.ts, whose reader is
 * there for the step and the wake-up.
 *
 * JavaScript cannot look inside a suspended generator, so the frames of a
 * pending Task are the stack recorded when it last suspended, which only
 * debug mode records; a running Task's are the live stack, and a failed
 * one's the traceback of its error.
 */
import { PENDING } from "./flags.js";
import { reprValue } from "./repr.js";
import { captureStack, type FrameInfo, formatFrame, parseStack } from "./stack.js";
import type { Task } from "./tasks.js";

/** `task.getStack({ limit })`: the newest frames of a stack, the oldest of a traceback. */
export function taskGetStack(task: Task<unknown>, limit: number | undefined): FrameInfo[] {
  let frames: FrameInfo[];
  let traceback = false;
  if (task._state !== PENDING) {
    if (!task._failed) return [];
    const exc = task._exception;
    frames = exc instanceof Error ? parseStack(exc.stack) : [];
    traceback = true;
  } else if (task._loop._currentTask === task) {
    // Two frames are not the Task's: this function's and `getStack`'s.
    frames = parseStack(captureStack(2));
  } else {
    frames = parseStack(task._suspendedStack);
  }
  if (limit === undefined) return frames;
  if (limit <= 0) return [];
  return traceback ? frames.slice(0, limit) : frames.slice(-limit);
}

/** `task.printStack(options)`: Python's `print_stack` layout, to `file` or standard error. */
export function taskPrintStack(
  task: Task<unknown>,
  options: { limit?: number; file?: { write(text: string): void } } | undefined,
): void {
  const frames = task.getStack(options);
  const lines: string[] = [];
  if (frames.length === 0) lines.push(`No stack for ${task}${whyNoStack(task)}`);
  else if (task._failed) lines.push(`Traceback for ${task} (most recent call last):`);
  else lines.push(`Stack for ${task} (most recent call last):`);
  for (const frame of frames) lines.push(formatFrame(frame));
  if (task._failed) lines.push(errorLine(task._exception));
  const text = `${lines.join("\n")}\n`;
  if (options?.file !== undefined) options.file.write(text);
  else console.error(text.trimEnd());
}

/** Why a pending Task shows no frames: only debug mode records where it suspended. */
function whyNoStack(task: Task<unknown>): string {
  const unrecorded =
    task._state === PENDING &&
    task._loop._currentTask !== task &&
    task._suspendedStack === undefined;
  return unrecorded ? " (a suspended Task's frames are recorded in debug mode only)" : "";
}

/** The last line of a traceback: `ValueError: boom`. */
function errorLine(e: unknown): string {
  if (e instanceof Error) return e.message ? `${e.name}: ${e.message}` : e.name;
  return reprValue(e);
}
