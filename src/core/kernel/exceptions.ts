/**
 * The exceptions asyncio raises, with CPython's class names and messages.
 *
 * Python splits exceptions into `BaseException` (not caught by `except Exception`:
 * CancelledError, KeyboardInterrupt, SystemExit) and `Exception`. JavaScript's
 * `catch` catches everything, so the split matters only where asyncio itself
 * looks at it: a TaskGroup re-raises a KeyboardInterrupt bare, an ExceptionGroup
 * refuses to hold one, the loop lets one escape `runForever`.
 */
import { className } from "./class-name.js";
import { reprValue } from "./repr.js";

/** Root of the errors that Python derives from `BaseException` only. */
export class BaseException extends Error {
  /** The class name Python prints (reprs, error names); declared, so minifiers cannot change it. */
  static readonly pythonName: string = "BaseException";
  override get name(): string {
    return className(this);
  }
}

/** The operation was cancelled (Python's `asyncio.CancelledError`, a `BaseException`). */
export class CancelledError extends BaseException {
  static override readonly pythonName: string = "CancelledError";
}

/** Python's `KeyboardInterrupt`: escapes the loop instead of going to the exception handler. */
export class KeyboardInterrupt extends BaseException {
  static override readonly pythonName: string = "KeyboardInterrupt";
}

/** Python's `SystemExit`: escapes the loop instead of going to the exception handler. */
export class SystemExit extends BaseException {
  static override readonly pythonName: string = "SystemExit";
  readonly code: number | string | undefined;
  constructor(code?: number | string) {
    super(code === undefined ? "" : String(code));
    this.code = code;
  }
}

/**
 * Python's `GeneratorExit`: what `aclose()` throws into an async generator's
 * body at its `yield* emit(x)`, so its `finally` blocks run. A body that
 * catches it must not emit again.
 */
export class GeneratorExit extends BaseException {
  static override readonly pythonName: string = "GeneratorExit";
}

/** Root of the errors Python derives from `Exception`, for the names JavaScript lacks. */
export class PythonError extends Error {
  /** The class name Python prints (reprs, error names); declared, so minifiers cannot change it. */
  static readonly pythonName: string = "PythonError";
  override get name(): string {
    return className(this);
  }
}

/** Python's `RuntimeError`. */
export class RuntimeError extends PythonError {
  static override readonly pythonName: string = "RuntimeError";
}

/**
 * asyncio's `SendfileNotAvailableError`: no native sendfile for this socket or
 * file. `loop.sendfile` copies instead unless told not to; on Node the copy
 * is the only path, so only code ported from CPython meets this name.
 */
export class SendfileNotAvailableError extends RuntimeError {
  static override readonly pythonName: string = "SendfileNotAvailableError";
}

/** Python's `ValueError`. */
export class ValueError extends PythonError {
  static override readonly pythonName: string = "ValueError";
}

/** Python's `NotImplementedError`: a method a subclass must override. */
export class NotImplementedError extends PythonError {
  static override readonly pythonName: string = "NotImplementedError";
}

/** Python's `AttributeError` (assigning a read-only attribute, such as `ContextVar.name`). */
export class AttributeError extends PythonError {
  static override readonly pythonName: string = "AttributeError";
}

/** Python's `LookupError` (a missing context variable). */
export class LookupError extends PythonError {
  static override readonly pythonName: string = "LookupError";
}

/**
 * Python's `KeyError`, for ported code that raises or catches it. Its message
 * is the key's repr, as Python's `str(KeyError('k'))` is `'k'`: it prints
 * `KeyError: 'k'`.
 */
export class KeyError extends LookupError {
  static override readonly pythonName: string = "KeyError";
  constructor(...args: [key?: unknown, options?: ErrorOptions]) {
    super(args.length === 0 ? "" : reprValue(args[0]), args[1]);
  }

  /** @internal How `reprValue` shows the arguments: the message is the key's repr already. */
  get _reprArgs(): string {
    return this.message;
  }
}

/** Python's `IndexError` (`pop from an empty deque`), for ported code that raises or catches it. */
export class IndexError extends LookupError {
  static override readonly pythonName: string = "IndexError";
}

/** Python's `OSError`; `errno` is the host's error code where there is one (Node's `"ECONNRESET"`). */
export class OSError extends PythonError {
  static override readonly pythonName: string = "OSError";
  declare readonly errno?: string;

  constructor(message?: string, errno?: string, options?: ErrorOptions) {
    super(message, options);
    // Only when there is one: an own `errno: undefined` would show in every printed TimeoutError.
    if (errno !== undefined) (this as { errno?: string }).errno = errno;
  }
}

/** Python's built-in `TimeoutError` (which `asyncio.TimeoutError` is since 3.11), an OSError. */
export class TimeoutError extends OSError {
  static override readonly pythonName: string = "TimeoutError";
  constructor(message?: string, options?: ErrorOptions) {
    super(message, undefined, options);
  }
}

/** Python's `StopAsyncIteration`: `anext(iterator)` with no default found the iterator exhausted. */
export class StopAsyncIteration extends PythonError {
  static override readonly pythonName: string = "StopAsyncIteration";
}

/** The Future or Task is not in a state that allows the operation. */
export class InvalidStateError extends PythonError {
  static override readonly pythonName: string = "InvalidStateError";
}

/** Errors that must not be handled as ordinary exceptions by the loop. */
export function isExitException(e: unknown): boolean {
  return e instanceof KeyboardInterrupt || e instanceof SystemExit;
}

/** The JavaScript name of a thrown value's class, as Python's `type(e).__name__` would read. */
export function errorClassName(e: unknown): string {
  if (e instanceof Error) return e.name;
  if (e === null) return "null";
  return typeof e;
}

/**
 * A CancelledError made by the runtime to deliver a cancellation. Its stack
 * would only show the loop's own frames, and capturing it was half the cost
 * of cancelling a waiting Task, so none is captured (where the host allows).
 */
export function deliveredCancelledError(message: string): CancelledError {
  const host = Error as { stackTraceLimit?: number };
  const limit = host.stackTraceLimit;
  host.stackTraceLimit = 0;
  try {
    return new CancelledError(message);
  } finally {
    host.stackTraceLimit = limit;
  }
}
