/**
 * The loop's tracing hooks: what a tracer (tools/trace.ts, whose record the
 * tools' trace-*.ts files draw) is told, as it happens. With no tracer installed each hook costs the
 * loop one null check, so they stay in the hot paths.
 */
import type { CoroutineCall, CoroutineEnd } from "./coroutine-function.js";
import type { EventLoop } from "./event-loop.js";
import type { Runnable } from "./events.js";
import type { Future } from "./futures.js";
import type { Task } from "./tasks.js";

// Its members are internal, not the interface itself: the shipped declarations
// keep it, empty, for `Tracer implements LoopTracer`. They are named `_…`, as
// internal members are, so the browser build shortens them
// (scripts/build-browser.mjs).
export interface LoopTracer {
  /** @internal An iteration (CPython's `_run_once`) begins, at `loop.time()`. */
  _iterationStarted(loop: EventLoop): void;
  /** @internal `task` was created while `parent` (or no Task) was running. */
  _taskCreated(task: Task<unknown>, parent: Task<unknown> | null): void;
  /** @internal A step of `task` begins: its coroutine is resumed. */
  _stepStarted(task: Task<unknown>): void;
  /**
   * @internal The step ended: `task` now waits on its `_futWaiter`, is scheduled again
   * (a bare yield), or is done.
   */
  _stepEnded(task: Task<unknown>): void;
  /** @internal `task`'s coroutine is suspending now: its frames are on the stack. */
  _taskSuspending(task: Task<unknown>): void;
  /** @internal Cancellation of `task` was requested while `by` (or no Task) was running. */
  _cancelRequested(task: Task<unknown>, by: Task<unknown> | null): void;
  /** @internal A coroutine made by `coroutine()` was awaited directly (`yield*`) inside `task`'s coroutine. */
  _coroutineAwaited(task: Task<unknown>, call: CoroutineCall): void;
  /** @internal That coroutine ended: `outcome` is what it returned or raised. */
  _coroutineEnded(
    task: Task<unknown>,
    call: CoroutineCall,
    end: CoroutineEnd,
    outcome: unknown,
  ): void;
  /** @internal What `future` stands for in the trace, e.g. `Queue.get()` or `sleep(2)`. */
  _labelFuture(future: Future<unknown>, label: string): void;
  /**
   * @internal `future` is done and about to wake what waits on it: whatever runs now
   * (a Task's step, a callback, a timer, a host callback) is what woke them.
   */
  _futureDone(future: Future<unknown>): void;
  /** @internal The loop runs `item` from its ready queue; `null` once it returned. */
  _itemRunning(item: Runnable | null): void;
}
