/** The errors of asyncio's streams, with CPython's messages and attributes. */
import { named, PythonError } from "../../core/kernel/index.js";

/**
 * A read hit the end of the stream: Python's built-in `EOFError`, the base of IncompleteReadError.
 *
 * @python `EOFError` — https://docs.python.org/3/library/exceptions.html#EOFError
 * @example
 * ```ts
 * try {
 *   yield* reader.readexactly(8);
 * } catch (e) {
 *   if (e instanceof asyncio.EOFError) console.log("stream ended");
 *   else throw e;
 * }
 * ```
 */
export class EOFError extends PythonError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.EOFError.pythonName); // "EOFError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "EOFError");
}

/**
 * The stream ended before the expected bytes arrived (`readexactly`, `readuntil`); `partial`
 * holds what did.
 *
 * @python `asyncio.IncompleteReadError` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.IncompleteReadError
 * @example
 * ```ts
 * try {
 *   const header = yield* reader.readexactly(16);
 * } catch (e) {
 *   if (!(e instanceof asyncio.IncompleteReadError)) throw e;
 *   console.log(`got ${e.partial.length} of ${e.expected} bytes`);
 * }
 * ```
 */
export class IncompleteReadError extends EOFError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.IncompleteReadError.pythonName); // "IncompleteReadError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "IncompleteReadError");
  constructor(
    /**
     * The bytes read before the stream ended.
     *
     * @python `asyncio.IncompleteReadError.partial` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.IncompleteReadError
     * @example
     * ```ts
     * try {
     *   yield* reader.readexactly(512);
     * } catch (e) {
     *   if (e instanceof asyncio.IncompleteReadError) console.log(e.partial); // the truncated record
     *   else throw e;
     * }
     * ```
     */
    readonly partial: Uint8Array,
    /**
     * How many bytes were expected (`undefined` for `readuntil`, which had no count).
     *
     * @python `asyncio.IncompleteReadError.expected` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.IncompleteReadError
     * @example
     * ```ts
     * try {
     *   yield* reader.readexactly(512);
     * } catch (e) {
     *   if (!(e instanceof asyncio.IncompleteReadError)) throw e;
     *   console.log(`${e.expected! - e.partial.length} bytes missing`);
     * }
     * ```
     */
    readonly expected: number | undefined,
  ) {
    super(
      `${partial.length} bytes read on a total of ${expected === undefined ? "undefined" : expected} expected bytes`,
    );
  }
}

/**
 * `readuntil` reached the reader's limit while looking for its separator; the data stays in
 * the buffer and `consumed` says how many bytes would have to be read.
 *
 * @python `asyncio.LimitOverrunError` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.LimitOverrunError
 * @example
 * ```ts
 * try {
 *   yield* reader.readuntil(new TextEncoder().encode("\r\n"));
 * } catch (e) {
 *   if (!(e instanceof asyncio.LimitOverrunError)) throw e;
 *   yield* reader.readexactly(e.consumed); // skip the oversized chunk
 * }
 * ```
 */
export class LimitOverrunError extends PythonError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(e).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html
   * @example
   * ```ts
   * console.log(asyncio.LimitOverrunError.pythonName); // "LimitOverrunError"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "LimitOverrunError");
  constructor(
    message: string,
    /**
     * The number of bytes to be consumed (read past) before the separator could be found.
     *
     * @python `asyncio.LimitOverrunError.consumed` — https://docs.python.org/3/library/asyncio-exceptions.html#asyncio.LimitOverrunError
     * @example
     * ```ts
     * try {
     *   yield* reader.readuntil(new TextEncoder().encode("\n"));
     * } catch (e) {
     *   if (!(e instanceof asyncio.LimitOverrunError)) throw e;
     *   yield* reader.readexactly(e.consumed);
     * }
     * ```
     */
    readonly consumed: number,
  ) {
    super(message);
  }
}
