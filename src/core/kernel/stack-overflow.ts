/**
 * A coroutine chain deeper than the host's stack, reported as CPython reports
 * one deeper than its recursion limit: `RecursionError: maximum recursion
 * depth exceeded`. Resuming a Task resumes every generator of its `yield*`
 * chain, one native frame or more per level (V8 does not flatten delegation),
 * so a chain of a few thousand levels overflows the stack
 * (BENCHMARKS.md, "Deep chains").
 *
 * The host's error goes up through the chain's generators as any error does
 * (each `catch` and `finally` on the way sees it, as a Python frame sees the
 * RecursionError); the Task turns it into a RecursionError where it leaves
 * the coroutine, so awaiting the Task, `task.exception()` and the exception
 * handler name what happened in Python's words.
 *
 * One overflow is no recursion: a call spreading a huge array
 * (`gather(...aws)` past about 123,000 on Node's default stack) overflows at
 * once, in a shallow stack where no frame of the trace repeats, whereas every
 * trace of recursion (ten frames by default) repeats its cycle. CPython has
 * no such limit, so that one stays a RangeError, whose message says to use
 * `gather.from(aws)`.
 */
import { RecursionError } from "./exceptions.js";

/** What V8 and JavaScriptCore (RangeError) and SpiderMonkey (InternalError) throw when the stack runs out. */
const OVERFLOW = /^(?:Maximum call stack size exceeded\.?|too much recursion)$/;

/** Whether `e` is the host's own stack-overflow error. */
export function isStackOverflow(e: unknown): e is Error {
  return (
    e instanceof Error &&
    (e instanceof RangeError || e.name === "InternalError") &&
    OVERFLOW.test(e.message)
  );
}

/**
 * What a Task reports for `overflow`, keeping it as the cause: CPython's
 * RecursionError, or for a spread a RangeError that says what to use instead.
 */
export function overflowError(overflow: Error): Error {
  if (isSpreadOverflow(overflow)) {
    return new RangeError(`${overflow.message}: ${SPREAD_OVERFLOW_HINT}`, { cause: overflow });
  }
  return new RecursionError("maximum recursion depth exceeded", { cause: overflow });
}

/** What to do instead, for the message of the error that reports the overflow. */
export const SPREAD_OVERFLOW_HINT =
  "a call that spreads a large array overflows the stack before it runs (gather(...aws) past about 120,000 awaitables): use gather.from(aws), which takes the array itself";

/**
 * True for V8's stack overflow thrown by a spread call rather than by deep
 * recursion. Only frames with a source position count: the engine's own
 * (`Generator.next (<anonymous>)`) repeat once per `yield*` level whatever
 * overflowed, so a spread two coroutines deep would otherwise pass for recursion.
 */
export function isSpreadOverflow(error: unknown): boolean {
  if (!(error instanceof RangeError) || error.message !== "Maximum call stack size exceeded") {
    return false;
  }
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.startsWith("    at ") && /:\d+:\d+\)?$/.test(line));
  return frames.length > 0 && new Set(frames).size === frames.length;
}
