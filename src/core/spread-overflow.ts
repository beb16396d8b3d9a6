/**
 * Telling a spread that overflowed the stack from deep recursion, so that
 * whoever reports V8's `RangeError: Maximum call stack size exceeded` from a
 * Task (tasks.ts makes it a RecursionError, as CPython raises at its limit)
 * can say what to use instead of `gather(...aws)`.
 *
 * A call spreading a huge array (`gather(...aws)` past about 123,000 on
 * Node's default stack, `Math.max(...xs)`) overflows at once, in a shallow
 * stack: no frame of the error's trace repeats. Recursion overflows only
 * after thousands of frames, and every trace of it (ten frames by default)
 * repeats its cycle.
 */

/** What to do instead, for the message of the error that reports the overflow. */
export const SPREAD_OVERFLOW_HINT =
  "a call that spreads a large array overflows the stack before it runs (gather(...aws) past about 120,000 awaitables): use gather.from(aws), which takes the array itself";

/** True for V8's stack overflow thrown by a spread call rather than by deep recursion. */
export function isSpreadOverflow(error: unknown): boolean {
  if (!(error instanceof RangeError) || error.message !== "Maximum call stack size exceeded") {
    return false;
  }
  const frames = (error.stack ?? "").split("\n").filter((line) => line.startsWith("    at "));
  return frames.length > 0 && new Set(frames).size === frames.length;
}
