/**
 * The `{ signal }` option of `createTask`, `loop.createTask`,
 * `TaskGroup.createTask`, `Runner.run` and `run`: an AbortSignal from
 * JavaScript's world that cancels the Task when it aborts.
 *
 * - The cancel message is the abort reason's `message` when it has one (an
 *   Error, a DOMException, a CancelledError from another Task's `signal`),
 *   the reason itself when it is a string, else `String(reason)`.
 * - An already-aborted signal cancels the Task before its first step: the
 *   coroutine never runs (as `cancel()` right after `create_task` in
 *   CPython). An eager start is turned off for it.
 * - The option is applied to the Task the loop's task factory returned,
 *   whatever the factory did with the options (it never sees `signal`).
 * - The abort listener is removed as soon as the Task is done, so a
 *   long-lived signal shared by many Tasks holds none of them.
 */
import type { Task, TaskOptions } from "./tasks.js";

/**
 * Options of the `createTask` functions: Python's keywords, and an AbortSignal.
 *
 * `signal` cancels the Task when it aborts (before its first step if it
 * already has), with the abort reason's message as the cancel message.
 *
 * @python `asyncio.create_task` (its keyword arguments, and an AbortSignal) — https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task
 * @example
 * ```ts
 * const task = asyncio.createTask(download(url), {
 *   name: "download",
 *   signal: AbortSignal.timeout(30_000), // cancels the Task after 30 s
 * });
 * ```
 */
export interface CreateTaskOptions extends TaskOptions {
  /** Cancels the Task when it aborts (before its first step if it already has). */
  signal?: AbortSignal;
}

/** The options to create the Task with: without `signal`, and not eager if it already aborted. */
export function optionsWithoutSignal(options: CreateTaskOptions, signal: AbortSignal): TaskOptions {
  const { signal: _, ...rest } = options;
  if (signal.aborted) rest.eagerStart = false;
  return rest;
}

/** Makes `signal` cancel `task`, until the task is done. */
export function cancelOnAbort(task: Task<unknown>, signal: AbortSignal): void {
  if (task.done()) return;
  if (signal.aborted) {
    task.cancel(abortMessage(signal.reason));
    return;
  }
  const onAbort = (): void => {
    if (!task.done()) task.cancel(abortMessage(signal.reason));
  };
  signal.addEventListener("abort", onAbort, { once: true });
  task._onDone(() => signal.removeEventListener("abort", onAbort));
}

/** The cancel message for an abort `reason`. */
export function abortMessage(reason: unknown): string {
  if (typeof reason === "string") return reason;
  if (typeof reason === "object" && reason !== null) {
    const message = (reason as { message?: unknown }).message;
    if (typeof message === "string") return message;
  }
  return String(reason);
}
