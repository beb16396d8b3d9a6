/**
 * Python's built-in exceptions that asyncio raises or lets through, with
 * CPython's class names and messages: the classes JavaScript lacks
 * (RuntimeError, ValueError, KeyError…), each a subclass of PythonError so
 * that its `name` and `String(e)` read as Python's.
 *
 * Python splits exceptions into `BaseException` (not caught by `except Exception`:
 * CancelledError, KeyboardInterrupt, SystemExit) and `Exception`. JavaScript's
 * `catch` catches everything, so the split matters only where asyncio itself
 * looks at it: a TaskGroup re-raises a KeyboardInterrupt bare, an ExceptionGroup
 * refuses to hold one, the loop lets one escape `runForever`.
 *
 * asyncio's own exceptions (CPython's asyncio/exceptions.py) are in
 * exceptions.ts, which re-exports these: kernel files import every exception
 * from there.
 */
import { className, named } from "./class-name.js";
import { reprValue } from "./repr.js";

/**
 * Root of the errors that Python derives from `BaseException` only
 * (CancelledError, KeyboardInterrupt, SystemExit, GeneratorExit): a `catch`
 * that handles ordinary failures should let these through.
 *
 * @python `BaseException` — https://docs.python.org/3/library/exceptions.html#BaseException
 * @example
 * ```ts
 * try {
 *   yield* work();
 * } catch (e) {
 *   if (e instanceof asyncio.BaseException) throw e; // cancellation, Ctrl-C, exit: let them through
 *   console.error("work failed:", e);
 * }
 * ```
 */
export class BaseException extends Error {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.CancelledError.pythonName); // "CancelledError"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "BaseException");
  /**
   * The Python class name (`pythonName`), so stack traces and `String(e)` read as Python's.
   *
   * @python no counterpart: Python's `type(e).__name__` — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(String(new asyncio.CancelledError("stop"))); // "CancelledError: stop"
   * ```
   */
  override get name(): string {
    return className(this);
  }
}

/**
 * Python's `KeyboardInterrupt`: escapes the loop instead of going to the exception handler.
 *
 * On Node, `run()` and `Runner` raise it from the main Task on Ctrl-C (SIGINT).
 *
 * @python `KeyboardInterrupt` — https://docs.python.org/3/library/exceptions.html#KeyboardInterrupt
 * @example
 * ```ts
 * try {
 *   await asyncio.run(main());
 * } catch (e) {
 *   if (!(e instanceof asyncio.KeyboardInterrupt)) throw e;
 *   console.log("interrupted");
 * }
 * ```
 */
export class KeyboardInterrupt extends BaseException {
  static override readonly pythonName = /* @__PURE__ */ named(this, "KeyboardInterrupt");
  /** @internal An exit exception (`isExitException`). */
  get _exits(): true {
    return true;
  }
}

/**
 * Python's `SystemExit`: escapes the loop instead of going to the exception handler.
 *
 * @python `SystemExit` — https://docs.python.org/3/library/exceptions.html#SystemExit
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   throw new asyncio.SystemExit(2); // run() rejects with it; the loop does not log it
 * }
 * ```
 */
export class SystemExit extends BaseException {
  static override readonly pythonName = /* @__PURE__ */ named(this, "SystemExit");
  /**
   * The exit status or message it was made with.
   *
   * @python `SystemExit.code` — https://docs.python.org/3/library/exceptions.html#SystemExit.code
   * @example
   * ```ts
   * const exit = new asyncio.SystemExit(3);
   * console.log(exit.code); // 3
   * ```
   */
  readonly code: number | string | undefined;
  constructor(code?: number | string) {
    super(code === undefined ? "" : String(code));
    this.code = code;
  }
  /** @internal An exit exception (`isExitException`). */
  get _exits(): true {
    return true;
  }
}

/**
 * Python's `GeneratorExit`: what `aclose()` throws into an async generator's
 * body at its `yield* emit(x)`, so its `finally` blocks run. A body that
 * catches it must not emit again.
 *
 * @python `GeneratorExit` — https://docs.python.org/3/library/exceptions.html#GeneratorExit
 * @example
 * ```ts
 * const numbers = asyncio.asyncGenerator(function* (emit) {
 *   try {
 *     for (let i = 0; ; i++) yield* emit(i);
 *   } finally {
 *     console.log("closed"); // runs on aclose(): GeneratorExit was thrown at the emit
 *   }
 * });
 * ```
 */
export class GeneratorExit extends BaseException {
  static override readonly pythonName = /* @__PURE__ */ named(this, "GeneratorExit");
}

/**
 * Root of the errors Python derives from `Exception`, for the names JavaScript lacks.
 *
 * Its `name` is the Python class name (`RuntimeError`), as `String(e)` shows.
 *
 * @python `Exception` — https://docs.python.org/3/library/exceptions.html#Exception
 * @example
 * ```ts
 * try {
 *   lock.release();
 * } catch (e) {
 *   if (e instanceof asyncio.PythonError) console.log(e.name, e.message); // RuntimeError Lock is not acquired.
 * }
 * ```
 */
export class PythonError extends Error {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.RuntimeError.pythonName); // "RuntimeError"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "PythonError");
  /**
   * The Python class name (`pythonName`), so stack traces and `String(e)` read as Python's.
   *
   * @python no counterpart: Python's `type(e).__name__` — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(new asyncio.RuntimeError("boom").name); // "RuntimeError"
   * ```
   */
  override get name(): string {
    return className(this);
  }
}

/**
 * Python's `RuntimeError`: what asyncio raises for a call in the wrong state (releasing an unlocked Lock, running a closed loop).
 *
 * @python `RuntimeError` — https://docs.python.org/3/library/exceptions.html#RuntimeError
 * @example
 * ```ts
 * try {
 *   new asyncio.Lock().release();
 * } catch (e) {
 *   console.log(String(e)); // "RuntimeError: Lock is not acquired."
 * }
 * ```
 */
export class RuntimeError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "RuntimeError");
}

/**
 * Python's `RecursionError`: a Task's coroutine chain (`yield*` within
 * `yield*`…) grew deeper than the host's stack allows. JavaScript's own
 * overflow (V8's `RangeError: Maximum call stack size exceeded`) is its
 * `cause`; see stack-overflow.ts.
 *
 * @python `RecursionError` — https://docs.python.org/3/library/exceptions.html#RecursionError
 * @example
 * ```ts
 * try {
 *   yield* task;
 * } catch (e) {
 *   if (e instanceof asyncio.RecursionError) console.log("chain too deep:", e.cause);
 * }
 * ```
 */
export class RecursionError extends RuntimeError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "RecursionError");
}

/**
 * Python's `ValueError`: an argument of the right type with a wrong value (a negative Semaphore value, a Barrier of no parties).
 *
 * @python `ValueError` — https://docs.python.org/3/library/exceptions.html#ValueError
 * @example
 * ```ts
 * try {
 *   new asyncio.Semaphore(-1);
 * } catch (e) {
 *   console.log(String(e)); // "ValueError: Semaphore initial value must be >= 0"
 * }
 * ```
 */
export class ValueError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "ValueError");
}

/**
 * Python's `NotImplementedError`: a method a subclass must override.
 *
 * @python `NotImplementedError` — https://docs.python.org/3/library/exceptions.html#NotImplementedError
 * @example
 * ```ts
 * class Base {
 *   *handle(): asyncio.Coroutine<void> {
 *     throw new asyncio.NotImplementedError();
 *   }
 * }
 * ```
 */
export class NotImplementedError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "NotImplementedError");
}

/**
 * Python's `AttributeError` (assigning a read-only attribute, such as `ContextVar.name`).
 *
 * @python `AttributeError` — https://docs.python.org/3/library/exceptions.html#AttributeError
 * @example
 * ```ts
 * try {
 *   (new asyncio.ContextVar("user") as { name: string }).name = "other";
 * } catch (e) {
 *   console.log(e instanceof asyncio.AttributeError);
 * }
 * ```
 */
export class AttributeError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "AttributeError");
}

/**
 * Python's `LookupError` (a missing context variable).
 *
 * @python `LookupError` — https://docs.python.org/3/library/exceptions.html#LookupError
 * @example
 * ```ts
 * const user = new asyncio.ContextVar<string>("user");
 * try {
 *   user.get();
 * } catch (e) {
 *   console.log(e instanceof asyncio.LookupError); // true: no value and no default
 * }
 * ```
 */
export class LookupError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "LookupError");
}

/**
 * Python's `KeyError`, for ported code that raises or catches it. Its message
 * is the key's repr, as Python's `str(KeyError('k'))` is `'k'`: it prints
 * `KeyError: 'k'`.
 *
 * @python `KeyError` — https://docs.python.org/3/library/exceptions.html#KeyError
 * @example
 * ```ts
 * const e = new asyncio.KeyError("k");
 * console.log(String(e)); // "KeyError: 'k'"
 * ```
 */
export class KeyError extends LookupError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "KeyError");
  constructor(...args: [key?: unknown, options?: ErrorOptions]) {
    super(args.length === 0 ? "" : reprValue(args[0]), args[1]);
  }

  /** @internal How `reprValue` shows the arguments: the message is the key's repr already. */
  get _reprArgs(): string {
    return this.message;
  }
}

/**
 * Python's `IndexError` (`pop from an empty deque`), for ported code that raises or catches it.
 *
 * @python `IndexError` — https://docs.python.org/3/library/exceptions.html#IndexError
 * @example
 * ```ts
 * function pop<T>(items: T[]): T {
 *   if (items.length === 0) throw new asyncio.IndexError("pop from an empty deque");
 *   return items.pop()!;
 * }
 * ```
 */
export class IndexError extends LookupError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "IndexError");
}

/**
 * Python's `OSError`; `errno` is the host's error code where there is one (Node's `"ECONNRESET"`).
 *
 * @python `OSError` — https://docs.python.org/3/library/exceptions.html#OSError
 * @example
 * ```ts
 * try {
 *   yield* asyncio.openConnection("localhost", 1);
 * } catch (e) {
 *   if (e instanceof asyncio.OSError) console.log(e.errno); // "ECONNREFUSED"
 * }
 * ```
 */
export class OSError extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "OSError");
  /**
   * The host's error code (Node's `"ECONNRESET"`, a string where Python has a number), when the host gave one.
   *
   * @python `OSError.errno` — https://docs.python.org/3/library/exceptions.html#OSError.errno
   * @example
   * ```ts
   * const e = new asyncio.OSError("connection reset", "ECONNRESET");
   * console.log(e.errno); // "ECONNRESET"
   * ```
   */
  declare readonly errno?: string;

  constructor(message?: string, errno?: string, options?: ErrorOptions) {
    super(message, options);
    // Only when there is one: an own `errno: undefined` would show in every printed TimeoutError.
    if (errno !== undefined) (this as { errno?: string }).errno = errno;
  }
}

/**
 * Python's built-in `TimeoutError` (which `asyncio.TimeoutError` is since 3.11), an OSError.
 *
 * `waitFor`, `timeout()` and `timeoutAt()` raise it when their deadline passes.
 *
 * @python `asyncio.TimeoutError` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.TimeoutError
 * @example
 * ```ts
 * try {
 *   yield* asyncio.waitFor(asyncio.sleep(10), 1);
 * } catch (e) {
 *   if (e instanceof asyncio.TimeoutError) console.log("gave up after 1 s");
 * }
 * ```
 */
export class TimeoutError extends OSError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "TimeoutError");
  constructor(message?: string, options?: ErrorOptions) {
    super(message, undefined, options);
  }
}

/**
 * Python's `StopAsyncIteration`: `anext(iterator)` with no default found the iterator exhausted.
 *
 * @python `StopAsyncIteration` — https://docs.python.org/3/library/exceptions.html#StopAsyncIteration
 * @example
 * ```ts
 * const it = asyncio.asyncGenerator(function* (emit) {});
 * try {
 *   yield* asyncio.anext(it);
 * } catch (e) {
 *   console.log(e instanceof asyncio.StopAsyncIteration); // true
 * }
 * ```
 */
export class StopAsyncIteration extends PythonError {
  static override readonly pythonName = /* @__PURE__ */ named(this, "StopAsyncIteration");
}

/**
 * Errors that must not be handled as ordinary exceptions by the loop:
 * KeyboardInterrupt and SystemExit, known by a getter they declare rather
 * than by `instanceof`, so that a program that never imports SystemExit
 * (and so can never throw one) does not carry the class.
 */
export function isExitException(e: unknown): boolean {
  return e instanceof BaseException && (e as { _exits?: true })._exits === true;
}

/** The JavaScript name of a thrown value's class, as Python's `type(e).__name__` would read. */
export function errorClassName(e: unknown): string {
  if (e instanceof Error) return e.name;
  if (e === null) return "null";
  return typeof e;
}
