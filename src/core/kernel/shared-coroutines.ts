/**
 * A coroutine object driven by two drivers at once, so that the one that
 * resumes it after the other finished it fails as in CPython, where `send()`
 * on a finished coroutine raises RuntimeError("cannot reuse already awaited
 * coroutine"). A JavaScript generator does not tell: `next()` on a finished
 * one returns `{ done: true, value: undefined }`, as a coroutine returning
 * `undefined` does, so the second Task would end with `undefined`
 * (`gather(t, co)` where `t = createTask(co)` gave `[1, undefined]`, CPython
 * `[1, RuntimeError]`).
 *
 * Marking every coroutine a Task finishes would tell them apart, but a
 * property added to each generator costs each Task a map transition and an
 * allocation (W4, 100,000 Tasks: 1.12-1.17x CPU), and a WeakSet more. So
 * the sharing is caught where it shows, at no cost to a working program,
 * in two places:
 * - as a Task is made: the Task made just before it (the tail of the loop's
 *   list of pending Tasks, which `add` hands back) holds the same
 *   coroutine. That is `createTask(co)` twice in a row, `tg.createTask(co)`
 *   twice, `gather(t, co)` with `t = createTask(co)`, `ensureFuture(co)`
 *   twice: one comparison per Task, whatever the coroutine does after.
 * - as a Task starts waiting on a Future that already has a waiter: the
 *   second Task resumed a coroutine suspended on a pending Future F that
 *   the first Task waits on, and got F yielded again (the first cleared its
 *   BLOCKING bit). F's last waiter is then the first Task, whose coroutine
 *   is the same object. That catches Tasks made apart (`ensureFuture` on a
 *   started coroutine), when the coroutine waits on a Future.
 * Both Tasks get the SHARED_CORO bit, and from then on each records here
 * when it sees the coroutine end; one that sees an end after the other did
 * resumed a finished coroutine, and raises the RuntimeError instead of what
 * it got (`undefined`, or the exception it threw in: CPython's `throw()`
 * into a finished coroutine raises it too).
 *
 * Not caught (the second driver ends with `undefined`, or with the
 * coroutine's result if it runs it first): a coroutine that had already
 * finished when the second driver started (`run()` of a coroutine a Task
 * finished, a coroutine finished by a plain `yield*`, a Task made after an
 * eager Task ran the coroutine to its end at once), which cannot be told
 * from one that returns `undefined` without waiting; Tasks made apart on a
 * coroutine suspended where the first Task is not F's last waiter (F
 * shared with later waiters; a primitive's SharedWait, which keeps its
 * waiters itself; a bare `yield`, as `sleep(0)`, which waits on nothing); a
 * driver that is not the Task of the coroutine (`waitFor(co)` and `yield*
 * co` run `co` in the caller's Task). Knowing what `waitFor` awaits in place
 * cost a map write per call, 6% of a `waitFor(coroutine)`. Pinned by the
 * conformance scenario `coroutine_reuse`; docs/porting.md lists both. The
 * lint rule no-reused-coroutine reports the shapes written out in one
 * function.
 */
import { GENERATOR_PROTOTYPE } from "./coroutine.js";
import { RuntimeError } from "./exceptions.js";
import { SHARED_CORO } from "./flags.js";

/** What this file reads and writes of a Task (tasks.ts imports it). */
export interface CoroutineDriver {
  /** @internal */ _coro: object | null;
  /** @internal */ _flags: number;
}

/** Shared coroutines one of whose drivers has seen them end. */
const ended = new WeakSet<object>();

/**
 * `waiter` is made just after `other` (null: none is pending), or is about
 * to wait on a Future whose last waiter is `other`: if both drive the same
 * coroutine, marks it shared and flags both.
 */
export function noteSharing(waiter: CoroutineDriver, other: CoroutineDriver | null): void {
  const coro = waiter._coro;
  if (coro === null || coro !== other?._coro) return;
  waiter._flags |= SHARED_CORO;
  other._flags |= SHARED_CORO;
}

/**
 * `coro`'s resumption threw a TypeError: was it executing further up the
 * stack (an eager Task made on the coroutine that makes it, where CPython's
 * send() raises ValueError "coroutine already executing")? Only a
 * generator's own `next` can tell without running code: a generator that
 * raised is finished, and resuming it again returns at once; one that is
 * executing throws again. A coroutine with a `next` of its own (written by
 * hand) is not resumed a second time to ask.
 */
export function isExecuting(coro: Iterator<unknown>): boolean {
  if (coro.next !== GENERATOR_PROTOTYPE.next) return false;
  try {
    coro.next();
    return false;
  } catch {
    return true;
  }
}

/**
 * A driver of the shared coroutine `coro` saw it end, by returning or by
 * raising. What it must raise instead: the RuntimeError when another driver
 * saw the end first, so that this one resumed a finished coroutine (its
 * `next()` gave `undefined`, its `throw()` gave back what was thrown in),
 * else null.
 */
export function sharedEnd(coro: object): RuntimeError | null {
  if (ended.has(coro)) return new RuntimeError("cannot reuse already awaited coroutine");
  ended.add(coro);
  return null;
}
