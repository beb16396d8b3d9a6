/** The errors of asyncio's streams, with CPython's messages and attributes. */
import { PythonError } from "../../core/exceptions.js";

/** Python's `EOFError`. */
export class EOFError extends PythonError {
  static override readonly pythonName: string = "EOFError";
}

/** The stream ended before the expected bytes arrived; `partial` holds what did. */
export class IncompleteReadError extends EOFError {
  static override readonly pythonName: string = "IncompleteReadError";
  constructor(
    readonly partial: Uint8Array,
    readonly expected: number | undefined,
  ) {
    super(
      `${partial.length} bytes read on a total of ${expected === undefined ? "undefined" : expected} expected bytes`,
    );
  }
}

/** The limit was reached while looking for a separator; `consumed` bytes would have to be read. */
export class LimitOverrunError extends PythonError {
  static override readonly pythonName: string = "LimitOverrunError";
  constructor(
    message: string,
    readonly consumed: number,
  ) {
    super(message);
  }
}
