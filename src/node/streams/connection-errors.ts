/**
 * Python's OSError family for sockets, and the mapping from Node's error
 * codes to it, so `except ConnectionResetError` ports as
 * `e instanceof asyncio.ConnectionResetError`.
 */
import { OSError } from "../../core/exceptions.js";

export { OSError };
export class ConnectionError extends OSError {
  static override readonly pythonName: string = "ConnectionError";
}
export class ConnectionResetError extends ConnectionError {
  static override readonly pythonName: string = "ConnectionResetError";
}
export class ConnectionRefusedError extends ConnectionError {
  static override readonly pythonName: string = "ConnectionRefusedError";
}
export class ConnectionAbortedError extends ConnectionError {
  static override readonly pythonName: string = "ConnectionAbortedError";
}
export class BrokenPipeError extends ConnectionError {
  static override readonly pythonName: string = "BrokenPipeError";
}
export class FileNotFoundError extends OSError {
  static override readonly pythonName: string = "FileNotFoundError";
}
export class PermissionError extends OSError {
  static override readonly pythonName: string = "PermissionError";
}
export class ProcessLookupError extends OSError {
  static override readonly pythonName: string = "ProcessLookupError";
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
