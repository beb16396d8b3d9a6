/**
 * `async with` for generator coroutines: `asyncWith(cm, function* (value) {...})`.
 */
import type { Awaitable, Coroutine } from "./kernel/index.js";

/**
 * Python's asynchronous context manager. `aexit` receives what the body threw
 * (`undefined` when it finished normally) and returns true to suppress it.
 */
export interface AsyncContextManager<T> {
  aenter(): Awaitable<T>;
  aexit(exc?: unknown): Awaitable<boolean | undefined | void>;
}

/** The result of `asyncWith`: `undefined` is possible only if the manager may suppress errors. */
export type AsyncWithResult<M, R> = M extends { aexit(exc?: unknown): Awaitable<infer S> }
  ? true extends S
    ? R | undefined
    : R
  : R;

/**
 * Python's `async with cm as value: body`: enters `cm`, runs `body(value)`, and
 * exits `cm` whether the body returned or threw. Returns what the body returns.
 * @example
 * yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
 *   tg.createTask(work(1));
 *   tg.createTask(work(2));
 * });
 */
export function* asyncWith<M extends AsyncContextManager<unknown>, R>(
  cm: M,
  body: (value: EnteredValue<M>) => Coroutine<R>,
): Coroutine<AsyncWithResult<M, R>> {
  const value = (yield* cm.aenter()) as EnteredValue<M>;
  let result: R;
  try {
    result = yield* body(value);
  } catch (e) {
    if ((yield* cm.aexit(e)) === true) return undefined as AsyncWithResult<M, R>;
    throw e;
  }
  yield* cm.aexit(undefined);
  return result as AsyncWithResult<M, R>;
}

/** What `aenter()` gives (`as value`). */
export type EnteredValue<M> = M extends { aenter(): Awaitable<infer T> } ? T : never;
