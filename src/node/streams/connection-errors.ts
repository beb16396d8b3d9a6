/**
 * Python's OSError family for sockets, and the mapping from Node's error
 * codes to it, so `except ConnectionResetError` ports as
 * `e instanceof asyncio.ConnectionResetError`.
 */
import { OSError } from "../../core/exceptions.js";

export { OSError };
export class ConnectionError extends OSError {}
export class ConnectionResetError extends ConnectionError {}
export class ConnectionRefusedError extends ConnectionError {}
export class ConnectionAbortedError extends ConnectionError {}
export class BrokenPipeError extends ConnectionError {}
export class FileNotFoundError extends OSError {}
export class PermissionError extends OSError {}
export class ProcessLookupError extends OSError {}

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
