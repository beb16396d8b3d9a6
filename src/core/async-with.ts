/**
 * `async with` for generator coroutines: `asyncWith(cm, function* (value) {...})`.
 */
import type { Emitted } from "./async-generator.js";
import { bodyCoroutine } from "./body-coroutine.js";
import { type Awaitable, nameCoroutines, type Yielded } from "./kernel/index.js";
import { typeName } from "./type-name.js";

/**
 * Python's asynchronous context manager. `aexit` receives what the body threw
 * (`undefined` when it finished normally) and returns true to suppress it.
 *
 * @python `object.__aenter__` and `object.__aexit__` (an asynchronous context manager) — https://docs.python.org/3/reference/datamodel.html#object.__aenter__
 * @example
 * ```ts
 * function connection(url: string): asyncio.AsyncContextManager<Connection> {
 *   let conn: Connection;
 *   return {
 *     *aenter() {
 *       conn = yield* connect(url);
 *       return conn;
 *     },
 *     *aexit() {
 *       yield* conn.close();
 *     },
 *   };
 * }
 * ```
 */
export interface AsyncContextManager<T> {
  /** Enters: what it gives is the `as` value `asyncWith` passes to the body. */
  aenter(): Awaitable<T>;
  /** Exits with what the body threw (`undefined` if nothing); true suppresses it. */
  aexit(exc?: unknown): Awaitable<boolean | undefined | void>;
}

/**
 * The result of `asyncWith`: `undefined` is possible only if the manager may suppress errors.
 *
 * @python `async with` (what the statement's body leaves behind) — https://docs.python.org/3/reference/compound_stmts.html#async-with
 * @example
 * ```ts
 * const value: string | undefined = yield* asyncio.asyncWith(suppressing, function* () {
 *   return "done"; // undefined if the manager suppressed an error
 * });
 * ```
 */
export type AsyncWithResult<M, R> = M extends {
  /** The manager's exit, whose result says whether it may suppress. */
  aexit(exc?: unknown): Awaitable<infer S>;
}
  ? true extends S
    ? R | undefined
    : R
  : R;

/**
 * Python's `async with cm as value: body`: enters `cm`, runs `body(value)`, and
 * exits `cm` whether the body returned or threw. Returns what the body returns.
 * Inside an async generator's body, the `asyncWith` body may emit.
 *
 * The body is a `function*` of its own, so `this` in it is not the
 * enclosing method's: a method's `async with self.lock:` passes `this` as the
 * last argument, as `Array.prototype.forEach` takes `thisArg`, and the body
 * reads `this` as the method would. Without it, `this.x` in the body is a
 * compile error whose type says so.
 *
 * @python `async with` — https://docs.python.org/3/reference/compound_stmts.html#async-with
 * @example
 * ```ts
 * yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
 *   tg.createTask(work(1));
 *   tg.createTask(work(2));
 * });
 *
 * class Cache {
 *   lock = new asyncio.Lock();
 *   items = new Map<string, number>();
 *   *put(key: string, value: number): asyncio.Coroutine<void> {
 *     yield* asyncio.asyncWith(this.lock, function* () {
 *       this.items.set(key, value); // `this` is the Cache: it is the last argument
 *     }, this);
 *   }
 * }
 * ```
 */
export function asyncWith<
  M extends AsyncContextManager<unknown>,
  R,
  Y extends Yielded | Emitted<unknown> = Yielded,
>(
  cm: M,
  body: (
    this: {
      readonly "`this` in an asyncWith body is undefined: pass the method's `this` as asyncWith's last argument, asyncWith(cm, function* () { ... }, this)": never;
    },
    value: EnteredValue<M>,
  ) => Generator<Y, R, unknown>,
): Generator<Y | Yielded, AsyncWithResult<M, R>, unknown>;
export function asyncWith<
  M extends AsyncContextManager<unknown>,
  R,
  This,
  Y extends Yielded | Emitted<unknown> = Yielded,
>(
  cm: M,
  body: (this: This, value: EnteredValue<M>) => Generator<Y, R, unknown>,
  thisArg: This,
): Generator<Y | Yielded, AsyncWithResult<M, R>, unknown>;
export function asyncWith<M extends AsyncContextManager<unknown>, R, This, Y>(
  cm: M,
  body: (this: This, value: EnteredValue<M>) => Generator<Y, R, unknown>,
  thisArg?: This,
): Generator<Y | Yielded, AsyncWithResult<M, R>, unknown> {
  return asyncWithCoroutine(cm, body, thisArg);
}

// A method named as the function, with the name nameCoroutines gives (see
// sleep.ts): a Task made on asyncWith() is coro=<asyncWith()> in reprs,
// traces and `asyncio-ts ps`. Python has no such coroutine (`async with` is a
// statement inside the coroutine that runs it); the name is the call the
// Task was made on.
const asyncWithCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *asyncWith<M extends AsyncContextManager<unknown>, R, This, Y>(
      cm: M,
      body: (this: This, value: EnteredValue<M>) => Generator<Y, R, unknown>,
      thisArg?: This,
    ): Generator<Y | Yielded, AsyncWithResult<M, R>, unknown> {
      if (typeof cm?.aenter !== "function" || typeof cm.aexit !== "function") {
        throw new TypeError(
          `'${typeName(cm)}' object does not support the asynchronous context manager protocol`,
        );
      }
      const value = (yield* cm.aenter()) as EnteredValue<M>;
      let result: R;
      try {
        result = yield* bodyCoroutine(body.call(thisArg as This, value), "asyncWith");
      } catch (e) {
        if ((yield* cm.aexit(e)) === true) return undefined as AsyncWithResult<M, R>;
        throw e;
      }
      yield* cm.aexit(undefined);
      return result as AsyncWithResult<M, R>;
    },
  }.asyncWith,
  "asyncWith",
);

/**
 * What `aenter()` gives (`as value`).
 *
 * @python `async with` (its `as` target) — https://docs.python.org/3/reference/compound_stmts.html#async-with
 * @example
 * ```ts
 * type Group = asyncio.EnteredValue<asyncio.TaskGroup>; // TaskGroup
 * ```
 */
export type EnteredValue<M> = M extends {
  /** The manager's entry, whose result is the `as` value. */
  aenter(): Awaitable<infer T>;
}
  ? T
  : never;
