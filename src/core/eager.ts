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

/** A constructor compatible with Task's, for `createEagerTaskFactory`. */
export type TaskConstructor = new <T>(
  coro: Coroutine<T>,
  options?: TaskOptions & { loop?: EventLoop },
) => Task<T>;

/**
 * A task factory building Tasks with `TaskClass`, started eagerly unless told
 * otherwise (`eagerStart: false`; `undefined` keeps the factory's mode, as
 * Python 3.14's `eager_start=None`).
 */
export function createEagerTaskFactory(TaskClass: TaskConstructor): TaskFactory {
  return <T>(loop: EventLoop, coro: Coroutine<T>, options?: TaskOptions): Task<T> =>
    new TaskClass(coro, { ...options, eagerStart: options?.eagerStart ?? true, loop });
}

/** The task factory that starts every Task eagerly. */
export const eagerTaskFactory: TaskFactory = createEagerTaskFactory(Task);
