/**
 * Coroutines written by hand, for the hottest waits (`sleep(0)`, Event.wait,
 * Queue.get/put). A generator function costs a generator object and a
 * resumption per level of `yield*`; an iterator object with `next`/`throw`/
 * `return` costs a small object and plain method calls, about 1.5x faster on
 * a switch. Each one behaves exactly as the generator it replaces, its
 * `finally` included: `throw` and `return` do the clean-up, then pass on.
 *
 * They inherit from the generator prototype, so `isCoroutine` accepts them
 * and `createTask(event.wait())` works as with any coroutine; they override
 * every method the generator prototype has. Each declares the name of the
 * coroutine it stands for (`Event.wait`), which reprs, traces and
 * `asyncio-ts ps` show of a Task made on it: no function's name or stack
 * frame can give it.
 */
import { GENERATOR_PROTOTYPE, type Yielded } from "./coroutine.js";
import { QUALNAME } from "./coroutine-qualname.js";
import { RuntimeError } from "./exceptions.js";
import { AWAIT_NOT_USED, type Future, PENDING } from "./futures.js";

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface below
export abstract class HandCoroutine<T> {
  /** Python's `__qualname__` of the coroutine function this one stands for (coroutine-qualname.ts). */
  abstract get [QUALNAME](): string;

  /** Itself, as a generator's; a wait may give `yield*` an iterator shared by many (locks/event.ts). */
  [Symbol.iterator](): Generator<Yielded, T, unknown> {
    return this;
  }

  /** Starts or resumes the coroutine. */
  abstract next(): IteratorResult<Yielded, T>;

  /** @internal The clean-up a `finally` would do when the coroutine is left by a throw or a close. */
  abstract _abandon(): void;

  throw(error: unknown): IteratorResult<Yielded, T> {
    this._abandon();
    throw error;
  }

  return(value: T): IteratorResult<Yielded, T> {
    this._abandon();
    return { done: true, value };
  }
}

/**
 * Everything a generator has, whatever the project's `lib` says one has: the
 * prototype is the generator prototype (below), so the iterator helpers
 * (`map`, `take`…) and `[Symbol.dispose]` of newer libs are inherited, not
 * written here. An `implements Generator` clause would make the shipped
 * declarations fail to type-check in a project whose `lib` lists them
 * (`ESNext`; or any `lib` with @types/node 26, which pulls in
 * `esnext.disposable`).
 */
export interface HandCoroutine<T> extends Generator<Yielded, T, unknown> {}

Object.setPrototypeOf(HandCoroutine.prototype, GENERATOR_PROTOTYPE);

// The two checks of the waits, as functions rather than methods, so that a
// program whose only hand coroutine is `sleep(0)`'s does not carry them.

/**
 * On a resumption of `coro` after waiting on `waiter`: a Task resumes only
 * once it is done, so a pending one means the coroutine is driven by hand.
 * It fails as `yield* waiter` would, after its clean-up.
 */
export function checkResumed(coro: HandCoroutine<unknown>, waiter: Future<unknown>): void {
  if (waiter._state === PENDING) resumedByHand(coro);
}

/** A resumption of `coro` before the wake-up: the clean-up, then the error of `yield* waiter`. */
export function resumedByHand(coro: HandCoroutine<unknown>): never {
  coro._abandon();
  throw new RuntimeError(AWAIT_NOT_USED);
}

/**
 * What every YieldOnce's first `next()` returns: one for all. A generator
 * suspended in `yield*` keeps its delegate's last result in a register, so
 * a result made per call stayed alive with each suspended Task (40 bytes;
 * W1 has 100,000 Tasks in `sleep(0)` at once). Frozen, as `DONE`: nobody's
 * write can reach another wait.
 */
const YIELDED: IteratorYieldResult<undefined> = Object.freeze({ done: false, value: undefined });
/** What the last `next()` of a `sleep(0)` without a result returns: one for all, as `YIELDED`. */
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** `yield` once, then return `result`: what `sleep(0)` does. */
export class YieldOnce<T> extends HandCoroutine<T> {
  private yielded = false;

  get [QUALNAME](): string {
    return "sleep";
  }

  constructor(private readonly result: T) {
    super();
  }

  next(): IteratorResult<Yielded, T> {
    if (this.yielded) {
      const result = this.result;
      return result === undefined
        ? (DONE as IteratorReturnResult<T>)
        : { done: true, value: result };
    }
    this.yielded = true;
    return YIELDED;
  }

  /** @internal */
  _abandon(): void {
    this.yielded = true;
  }
}
