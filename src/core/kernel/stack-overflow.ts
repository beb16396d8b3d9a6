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

/** CPython's error for `overflow`, which it keeps as its cause. */
export function recursionError(overflow: Error): RecursionError {
  return new RecursionError("maximum recursion depth exceeded", { cause: overflow });
}
