/**
 * Eager task factories (Python 3.12+): Tasks that run their first step
 * inside `createTask`, so a coroutine that finishes without suspending never
 * touches the loop.
 * @example loop.setTaskFactory(asyncio.eagerTaskFactory);
 */
import {
  type Coroutine,
  type EventLoop,
  Task,
  type TaskFactory,
  type TaskOptions,
} from "./kernel/index.js";

/**
 * A constructor compatible with Task's, for `createEagerTaskFactory`.
 *
 * @python `asyncio.create_eager_task_factory` (its `custom_task_constructor`) — https://docs.python.org/3/library/asyncio-task.html#asyncio.create_eager_task_factory
 * @example
 * ```ts
 * class TimedTask<T> extends asyncio.Task<T> {}
 * loop.setTaskFactory(asyncio.createEagerTaskFactory(TimedTask));
 * ```
 */
export type TaskConstructor = new <T>(
  coro: Coroutine<T>,
  options?: TaskOptions & { loop?: EventLoop },
) => Task<T>;

/**
 * A task factory building Tasks with `TaskClass`, started eagerly unless told
 * otherwise (`eagerStart: false`; `undefined` keeps the factory's mode, as
 * Python 3.14's `eager_start=None`).
 *
 * @python `asyncio.create_eager_task_factory` — https://docs.python.org/3/library/asyncio-task.html#asyncio.create_eager_task_factory
 * @example
 * ```ts
 * class LoggedTask<T> extends asyncio.Task<T> {}
 * asyncio.getRunningLoop().setTaskFactory(asyncio.createEagerTaskFactory(LoggedTask));
 * ```
 */
export function createEagerTaskFactory(TaskClass: TaskConstructor): TaskFactory {
  return <T>(loop: EventLoop, coro: Coroutine<T>, options?: TaskOptions): Task<T> =>
    new TaskClass(coro, { ...options, eagerStart: options?.eagerStart ?? true, loop });
}

/**
 * The task factory that starts every Task eagerly (Python 3.12+): its
 * first step runs inside `createTask`, so a coroutine that finishes without
 * suspending never touches the loop.
 *
 * @python `asyncio.eager_task_factory` — https://docs.python.org/3/library/asyncio-task.html#asyncio.eager_task_factory
 * @example
 * ```ts
 * const loop = asyncio.getRunningLoop();
 * loop.setTaskFactory(asyncio.eagerTaskFactory);
 * const task = asyncio.createTask(cachedLookup(key)); // ran up to its first wait already
 * console.log(task.done()); // true if it never had to wait
 * ```
 */
export const eagerTaskFactory: TaskFactory = createEagerTaskFactory(Task);
