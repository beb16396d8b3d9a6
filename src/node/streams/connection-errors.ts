/**
 * Python's OSError family for sockets, and the mapping from Node's error
 * codes to it, so `except ConnectionResetError` ports as
 * `e instanceof asyncio.ConnectionResetError`.
 */
import { named, OSError } from "../../core/kernel/index.js";

export { OSError };
/**
 * The base of the connection errors: a connection failed, was refused, reset or aborted, or a pipe broke. Python's built-in `ConnectionError`, so `except ConnectionError` ports as `instanceof`.
 *
 * @python `ConnectionError` — https://docs.python.org/3/library/exceptions.html#ConnectionError
 * @example
 * ```ts
 * try {
 *   yield* asyncio.openConnection("db.internal", 5432);
 * } catch (e) {
 *   if (e instanceof asyncio.ConnectionError) console.log("no connection:", e.message);
 *   else throw e;
 * }
 * ```
 */
export class ConnectionError extends OSError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.ConnectionError.pythonName); // "ConnectionError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "ConnectionError");
}
/**
 * The peer reset the connection (Node's `ECONNRESET`). Python's built-in `ConnectionResetError`, so `except ConnectionResetError` ports as `instanceof`.
 *
 * @python `ConnectionResetError` — https://docs.python.org/3/library/exceptions.html#ConnectionResetError
 * @example
 * ```ts
 * try {
 *   yield* reader.readexactly(4);
 * } catch (e) {
 *   if (!(e instanceof asyncio.ConnectionResetError)) throw e;
 *   console.log("peer went away");
 * }
 * ```
 */
export class ConnectionResetError extends ConnectionError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.ConnectionResetError.pythonName); // "ConnectionResetError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "ConnectionResetError");
}
/**
 * Nothing listens at the address connected to (Node's `ECONNREFUSED`). Python's built-in `ConnectionRefusedError`, so `except ConnectionRefusedError` ports as `instanceof`.
 *
 * @python `ConnectionRefusedError` — https://docs.python.org/3/library/exceptions.html#ConnectionRefusedError
 * @example
 * ```ts
 * try {
 *   yield* asyncio.openConnection("127.0.0.1", 1);
 * } catch (e) {
 *   if (!(e instanceof asyncio.ConnectionRefusedError)) throw e;
 *   console.log("nobody listens on port 1");
 * }
 * ```
 */
export class ConnectionRefusedError extends ConnectionError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.ConnectionRefusedError.pythonName); // "ConnectionRefusedError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "ConnectionRefusedError");
}
/**
 * The connection was aborted on this side (Node's `ECONNABORTED`). Python's built-in `ConnectionAbortedError`, so `except ConnectionAbortedError` ports as `instanceof`.
 *
 * @python `ConnectionAbortedError` — https://docs.python.org/3/library/exceptions.html#ConnectionAbortedError
 * @example
 * ```ts
 * try {
 *   yield* writer.drain();
 * } catch (e) {
 *   if (!(e instanceof asyncio.ConnectionAbortedError)) throw e;
 * }
 * ```
 */
export class ConnectionAbortedError extends ConnectionError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.ConnectionAbortedError.pythonName); // "ConnectionAbortedError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "ConnectionAbortedError");
}
/**
 * Writing to a pipe or socket whose other end is closed (Node's `EPIPE`). Python's built-in `BrokenPipeError`, so `except BrokenPipeError` ports as `instanceof`.
 *
 * @python `BrokenPipeError` — https://docs.python.org/3/library/exceptions.html#BrokenPipeError
 * @example
 * ```ts
 * try {
 *   proc.stdin!.write(data);
 *   yield* proc.stdin!.drain();
 * } catch (e) {
 *   if (!(e instanceof asyncio.BrokenPipeError)) throw e;
 *   console.log("the child stopped reading");
 * }
 * ```
 */
export class BrokenPipeError extends ConnectionError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.BrokenPipeError.pythonName); // "BrokenPipeError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "BrokenPipeError");
}
/**
 * A file or Unix socket path does not exist (Node's `ENOENT`). Python's built-in `FileNotFoundError`, so `except FileNotFoundError` ports as `instanceof`.
 *
 * @python `FileNotFoundError` — https://docs.python.org/3/library/exceptions.html#FileNotFoundError
 * @example
 * ```ts
 * try {
 *   yield* asyncio.openUnixConnection("/run/missing.sock");
 * } catch (e) {
 *   if (!(e instanceof asyncio.FileNotFoundError)) throw e;
 * }
 * ```
 */
export class FileNotFoundError extends OSError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.FileNotFoundError.pythonName); // "FileNotFoundError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "FileNotFoundError");
}
/**
 * The operation is not permitted (Node's `EACCES` or `EPERM`). Python's built-in `PermissionError`, so `except PermissionError` ports as `instanceof`.
 *
 * @python `PermissionError` — https://docs.python.org/3/library/exceptions.html#PermissionError
 * @example
 * ```ts
 * try {
 *   yield* asyncio.startServer(handle, "0.0.0.0", 80);
 * } catch (e) {
 *   if (e instanceof asyncio.PermissionError) console.log("port 80 needs privileges");
 *   else throw e;
 * }
 * ```
 */
export class PermissionError extends OSError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.PermissionError.pythonName); // "PermissionError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "PermissionError");
}
/**
 * No such process: signalling a child that is gone (Node's `ESRCH`). Python's built-in `ProcessLookupError`, so `except ProcessLookupError` ports as `instanceof`.
 *
 * @python `ProcessLookupError` — https://docs.python.org/3/library/exceptions.html#ProcessLookupError
 * @example
 * ```ts
 * try {
 *   proc.sendSignal("SIGTERM");
 * } catch (e) {
 *   if (!(e instanceof asyncio.ProcessLookupError)) throw e;
 * }
 * ```
 */
export class ProcessLookupError extends OSError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.ProcessLookupError.pythonName); // "ProcessLookupError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "ProcessLookupError");
}

/** The Python class for a Node socket error; other errors pass unchanged. */
export function toOSError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return error;
  const message = (error as Error).message;
  const Class =
    code === "ECONNRESET"
      ? ConnectionResetError
      : code === "ECONNREFUSED"
        ? ConnectionRefusedError
        : code === "ECONNABORTED"
          ? ConnectionAbortedError
          : code === "EPIPE"
            ? BrokenPipeError
            : code === "ENOENT"
              ? FileNotFoundError
              : code === "EACCES" || code === "EPERM"
                ? PermissionError
                : code === "ESRCH"
                  ? ProcessLookupError
                  : OSError;
  const mapped = new Class(message, code);
  mapped.cause = error;
  return mapped;
}
