/**
 * Python's OSError family for sockets (and `socket.gaierror` for names that
 * do not resolve), and the mapping from Node's error codes to it, so
 * `except ConnectionResetError` ports as `e instanceof asyncio.ConnectionResetError`.
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

/**
 * The names of CPython's `socket.EAI_*` constants that a failed name lookup carries as `errno`.
 *
 * @python `socket.gaierror` — https://docs.python.org/3/library/socket.html#socket.gaierror
 * @example
 * ```ts
 * const again: asyncio.EaiName = "EAI_AGAIN";
 * ```
 */
export type EaiName =
  | "EAI_BADFLAGS"
  | "EAI_NONAME"
  | "EAI_AGAIN"
  | "EAI_FAIL"
  | "EAI_NODATA"
  | "EAI_FAMILY"
  | "EAI_SOCKTYPE"
  | "EAI_SERVICE"
  | "EAI_ADDRFAMILY"
  | "EAI_MEMORY"
  | "EAI_CANCELED";

/** Linux's (glibc's) number and `gai_strerror` text for each: what CPython prints on Linux. */
const EAI: Record<EaiName, [number, string]> = {
  EAI_BADFLAGS: [-1, "Bad value for ai_flags"],
  EAI_NONAME: [-2, "Name or service not known"],
  EAI_AGAIN: [-3, "Temporary failure in name resolution"],
  EAI_FAIL: [-4, "Non-recoverable failure in name resolution"],
  EAI_NODATA: [-5, "No address associated with hostname"],
  EAI_FAMILY: [-6, "ai_family not supported"],
  EAI_SOCKTYPE: [-7, "ai_socktype not supported"],
  EAI_SERVICE: [-8, "Servname not supported for ai_socktype"],
  EAI_ADDRFAMILY: [-9, "Address family for hostname not supported"],
  EAI_MEMORY: [-10, "Memory allocation failure"],
  EAI_CANCELED: [-101, "Request canceled"],
};

/**
 * A host name did not resolve (Node's `getaddrinfo ENOTFOUND`, `EAI_AGAIN`…). Python's `socket.gaierror`, an OSError, so `except socket.gaierror` ports as `instanceof`; `errno` is the name of CPython's constant (`socket.EAI_NONAME` becomes `"EAI_NONAME"`), `String(e)` CPython's on Linux (`gaierror: [Errno -2] Name or service not known`), and Node's own error is the `cause`.
 *
 * @python `socket.gaierror` — https://docs.python.org/3/library/socket.html#socket.gaierror
 * @example
 * ```ts
 * try {
 *   yield* asyncio.openConnection("nonexistent.invalid", 80);
 * } catch (e) {
 *   if (!(e instanceof asyncio.gaierror)) throw e;
 *   console.log(e.errno, e.message); // "EAI_NONAME" "[Errno -2] Name or service not known"
 * }
 * ```
 */
export class gaierror extends OSError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.gaierror.pythonName); // "gaierror"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "gaierror");
  /**
   * The name of CPython's `socket.EAI_*` constant (`"EAI_NONAME"` where CPython's `errno` is `-2`).
   *
   * @python `OSError.errno` — https://docs.python.org/3/library/exceptions.html#OSError.errno
   * @example
   * ```ts
   * const e = new asyncio.gaierror("EAI_AGAIN");
   * console.log(e.errno === "EAI_AGAIN"); // true: Python's `e.errno == socket.EAI_AGAIN`
   * ```
   */
  declare readonly errno: EaiName;
  /**
   * The C library's text for `errno` (glibc's `gai_strerror`, as CPython reports it on Linux).
   *
   * @python `OSError.strerror` — https://docs.python.org/3/library/exceptions.html#OSError.strerror
   * @example
   * ```ts
   * console.log(new asyncio.gaierror("EAI_NONAME").strerror); // "Name or service not known"
   * ```
   */
  readonly strerror: string;

  constructor(errno: EaiName, options?: ErrorOptions) {
    const [number, strerror] = EAI[errno];
    super(`[Errno ${number}] ${strerror}`, errno, options);
    this.strerror = strerror;
  }

  /** @internal How `reprValue` shows the arguments: CPython's `gaierror(-2, 'Name or service not known')`. */
  get _reprArgs(): string {
    return `${EAI[this.errno][0]}, '${this.strerror}'`;
  }
}

/**
 * The EAI_ name of a Node name-resolution error: Node reports both
 * EAI_NONAME and EAI_NODATA as `ENOTFOUND`, told apart by libuv's errno.
 */
function eaiName(code: string, error: unknown): EaiName | undefined {
  if (code === "ENOTFOUND") {
    return (error as { errno?: unknown }).errno === UV_EAI_NODATA ? "EAI_NODATA" : "EAI_NONAME";
  }
  return Object.hasOwn(EAI, code) ? (code as EaiName) : undefined;
}

/** libuv's fixed number for EAI_NODATA (Node's `errno` beside the code `ENOTFOUND`). */
const UV_EAI_NODATA = -3007;

/** The Python class for a Node socket error; other errors pass unchanged. */
export function toOSError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return error;
  const eai = eaiName(code, error);
  if (eai !== undefined) return new gaierror(eai, { cause: error });
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
