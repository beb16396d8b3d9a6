/**
 * The names of asyncio-ts's own coroutines, as Python's `__qualname__` gives
 * them (`Queue.get`, `Event.wait`, `Lock.acquire`, `sleep`): what a Task's
 * repr, a trace and `asyncio-ts ps` show of a Task made directly on one
 * (`createTask(queue.get())`), where CPython says `coro=<Queue.get() running
 * at …>` (coroutine-name.ts reads them).
 *
 * Nothing else can give them. The fastest waits are hand-written iterators
 * (hand-coroutine.ts): no function made them, and the inspector sees an
 * object, not a suspended generator. A generator method is named `acquire`,
 * without its class. A minifier renames functions. So each name is written
 * once as a string, on the prototype its coroutines inherit from, under a
 * symbol: nothing per coroutine, one property read to find it, and nothing
 * a minifier renames.
 * - A hand coroutine's class declares it: `get [QUALNAME]() { return "Queue.get"; }`.
 * - A generator function's goes on its `prototype`, which every coroutine
 *   it makes inherits: `nameCoroutines(function* sleep() {…}, "sleep")`, and
 *   for a class's generator methods, `named(this, "Lock", ["acquire"])`
 *   (class-name.ts) names `Lock.prototype.acquire`'s `Lock.acquire`.
 * As in Python, the name is the defining class's: a BoundedSemaphore's
 * `acquire()` is `Semaphore.acquire`, a PriorityQueue's `get()` is `Queue.get`.
 */

/** The key of the name on a coroutine's prototype. */
export const QUALNAME: unique symbol = Symbol("asyncio-ts qualname");

/** A coroutine, which carries its name if it is one of asyncio-ts's own. */
export interface MaybeQualified {
  readonly [QUALNAME]?: string;
}

/**
 * Names `qualname` every coroutine the generator function `fn` makes;
 * returns `fn`. Called with a `@__PURE__` annotation, so a bundler still
 * drops an unused `fn`.
 */
export function nameCoroutines<F extends { readonly prototype: object }>(
  fn: F,
  qualname: string,
): F {
  Object.defineProperty(fn.prototype, QUALNAME, { value: qualname });
  return fn;
}
