/**
 * Coroutines that ran to their end, so that a second driver fails as in
 * CPython. A Python coroutine knows it is finished: `send()` on it raises
 * RuntimeError("cannot reuse already awaited coroutine"). A JavaScript
 * generator does not tell: `next()` on a finished one returns
 * `{ done: true, value: undefined }`, as a coroutine returning `undefined`
 * does, so a second Task ended with `undefined` (`gather(t, co)` where
 * `t = createTask(co)` gave `[1, undefined]`, CPython `[1, RuntimeError]`).
 *
 * Whoever sees a coroutine end marks it: a Task's step, and `waitFor`, which
 * awaits a coroutine in the caller's Task as CPython 3.12+ does. A coroutine
 * ended by a plain `yield*` in user code is not seen, and a Task given it
 * afterwards still ends with `undefined`. Pinned by the conformance scenario
 * `coroutine_reuse`.
 *
 * The mark is a symbol-keyed property on the generator, not a WeakSet: in
 * an interleaved A/B of bench/ab-pair.mjs W4 (100,000 Tasks spawned and
 * finished, 31 pairs, a loaded machine) a WeakSet cost 16% of CPU per Task,
 * the property about 4%.
 */
import { RuntimeError } from "./exceptions.js";

const FINISHED: unique symbol = Symbol("asyncio-ts finished coroutine");
type Markable = { [FINISHED]?: true };

/**
 * What a driver that resumed `coro` and got `{ done: true, value }` must
 * raise: null when that end is the coroutine's own (it just returned), the
 * RuntimeError when `coro` had already ended, the only way a generator gives
 * `undefined` without running. Marks `coro` as ended.
 */
export function reuseError(coro: object, value: unknown): RuntimeError | null {
  if (value === undefined && (coro as Markable)[FINISHED] === true) {
    return new RuntimeError("cannot reuse already awaited coroutine");
  }
  (coro as Markable)[FINISHED] = true;
  return null;
}
