/**
 * Every bit of a Future's `_flags` word, Future's and Task's, in one table
 * (Tokio's `runtime/task/state.rs` is the model): what each bit means, who
 * sets it and who clears it. test/flags.test.ts checks that no two overlap.
 *
 * Why a word and not fields: a suspended Task is mostly its Future's fields,
 * and eight booleans as own properties cost a Task eight slots and a store
 * each at creation; in one small integer they cost one. The bits are read
 * with a mask on the hot paths (`Future.next`, `Task._run`, `Task._step`).
 *
 * A new Future's word is 0 (`PENDING`, every boolean false): a bit whose
 * natural default is true is stored inverted (`NO_LOG_DESTROY`), so that
 * construction stores nothing more.
 *
 * Adding a bit: take the next free one below 31 (the word stays a small
 * integer), write its line here, and add it to `FUTURE_BITS` or `TASK_BITS`.
 */

// --- the state, in bits 0–1: one of three values, never a combination ---

/** Not done yet: no result, exception or cancellation. */
export const PENDING = 0;
/** Cancelled (`cancel()`), or a Task whose coroutine raised CancelledError. */
export const CANCELLED = 1;
/** Done with a result, or with an exception when `FAILED` is set too. */
export const FINISHED = 2;
/** The two bits the state lives in. */
export const STATE_MASK = 3;

// --- Future's booleans ---

/**
 * FINISHED with an exception: `_value` is the exception, not the result.
 * Set once, with FINISHED, by `setException`; never cleared.
 */
export const FAILED = 1 << 2;
/**
 * Python's `__log_traceback`: an exception nobody retrieved yet. Set by
 * `setException`; cleared when `result()`, `exception()` or a waking Task
 * retrieves it, or by `cancel()` (loss-report.ts reports what stays set).
 */
export const LOG_TRACEBACK = 1 << 3;
/**
 * Python's `_asyncio_future_blocking`: `next()` set it as it yielded the
 * Future to a Task, which clears it as it starts waiting. Still set at the
 * next `next()` means nobody waited: a resumption by hand (RuntimeError).
 */
export const BLOCKING = 1 << 4;

// --- Task's booleans ---

/**
 * A cancellation to deliver at the next step (Python's `_must_cancel`). Set
 * by `cancel()` when no awaited Future took it; cleared by the step that
 * delivers it, or by `uncancel()` down to zero requests.
 */
export const MUST_CANCEL = 1 << 5;
/**
 * The next step throws the exception kept in `_extra._stepExc` (which may be
 * `undefined`, hence a bit). Set by `_scheduleThrow`; cleared by `_run`.
 */
export const HAS_STEP_EXC = 1 << 6;
/**
 * The Future the Task waits on (`_futWaiter`) completed and pushed the Task
 * on the ready queue: its next run is a wake-up with that Future's outcome.
 * Set by `Future._schedule`; cleared by `Task._run`.
 */
export const WOKEN = 1 << 7;
/**
 * Inverted Python `_log_destroy_pending`: set means "do not report this Task
 * if it is destroyed while pending". Set by `runUntilComplete` and `gather`
 * for the Tasks they wrap, and by a Task refused at construction. Nothing
 * reads it yet: CPython reads it in `Task.__del__`, and JavaScript has no
 * finaliser that could still show the Task; it is kept so the writers stay
 * CPython's.
 */
export const NO_LOG_DESTROY = 1 << 8;
/**
 * The Task's coroutine is driven by another driver too (a second Task, or
 * `waitFor` in a caller): when it ends, the coroutine's end is checked
 * against what the other driver saw (shared-coroutines.ts). Set by the
 * Task's `_waitOn` on both sharing Tasks, found as the last two waiters of
 * one Future; never cleared.
 */
export const SHARED_CORO = 1 << 9;

/**
 * Set by `gather` on the Futures among its arguments while it reads them, to
 * spot one given twice without a hash table of every argument (gather.ts);
 * cleared before gather returns. Above Task's booleans, below its counter.
 */
export const GATHER_MARK = 1 << 15;

// --- Task's counter, in bits 16–29 ---

/** Where Task's count of cancellation requests starts (Python's `_num_cancels_requested`). */
export const CANCELS_SHIFT = 16;
/**
 * The count's bits: `cancel()` adds one, `uncancel()` takes one back. A count
 * of CANCELS_MAX or more keeps CANCELS_MAX here and the rest in the Task's
 * extras (`_moreCancels`), so the word stays below 2^30 (tasks.ts).
 */
export const CANCELS_MASK = 0x3fff << CANCELS_SHIFT;
/** The largest count the word holds. */
export const CANCELS_MAX = 0x3fff;

/** Future's bits (the state mask included), for the overlap test. */
export const FUTURE_BITS = { STATE_MASK, FAILED, LOG_TRACEBACK, BLOCKING, GATHER_MARK } as const;
/** Task's bits, above Future's. */
export const TASK_BITS = {
  MUST_CANCEL,
  HAS_STEP_EXC,
  WOKEN,
  NO_LOG_DESTROY,
  SHARED_CORO,
  CANCELS_MASK,
} as const;
