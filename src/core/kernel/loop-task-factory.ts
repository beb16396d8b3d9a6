/**
 * The loop's task factory (CPython's `loop.set_task_factory`): what makes
 * the Task for each `createTask` on the loop, when a program installs one
 * (`eagerTaskFactory`, or its own).
 *
 * A part of `EventLoop` in a file of its own (loop-parts.ts): a program sets
 * the factory once, before it starts its Tasks. `EventLoop._newTask`, on
 * the way of every `createTask`, reads the field these methods set and stays
 * in event-loop.ts.
 */
import type { Coroutine } from "./coroutine.js";
import type { EventLoop } from "./event-loop.js";
import type { Task, TaskOptions } from "./tasks.js";

/**
 * What `setTaskFactory` installs: makes the Task for each `createTask` on
 * the loop (as `eagerTaskFactory` does), given the coroutine and the Task options.
 *
 * @python `asyncio.loop.set_task_factory` (its factory) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_task_factory
 * @example
 * ```ts
 * const factory: asyncio.TaskFactory = (loop, coro, options) => {
 *   const task = new asyncio.Task(coro, { ...options, loop });
 *   console.log("created", task.getName());
 *   return task;
 * };
 * loop.setTaskFactory(factory);
 * ```
 */
export type TaskFactory = <T>(
  loop: EventLoop,
  coro: Coroutine<T>,
  options?: TaskOptions,
) => Task<T>;

/** EventLoop's task-factory methods (loop-parts.ts adds them to the loop). */
export abstract class LoopTaskFactory {
  /**
   * Sets the factory `createTask` makes Tasks with (`null` or `undefined`
   * for the default, `new Task`). A non-function raises TypeError, as in CPython.
   *
   * @python `asyncio.loop.set_task_factory` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.set_task_factory
   * @example
   * ```ts
   * loop.setTaskFactory(asyncio.eagerTaskFactory);
   * ```
   */
  setTaskFactory(this: EventLoop, factory: TaskFactory | null | undefined): void {
    if (factory != null && typeof factory !== "function") {
      throw new TypeError("task factory must be a callable or None");
    }
    this._taskFactory = factory ?? null;
  }

  /**
   * The task factory `setTaskFactory` installed, or `null` for the default.
   *
   * @python `asyncio.loop.get_task_factory` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.get_task_factory
   * @example
   * ```ts
   * if (loop.getTaskFactory() === null) loop.setTaskFactory(asyncio.eagerTaskFactory);
   * ```
   */
  getTaskFactory(this: EventLoop): TaskFactory | null {
    return this._taskFactory;
  }
}
