/**
 * `TaskGroup`: structured concurrency with CPython 3.13's rules.
 *
 * - The first child to fail aborts the group: every other child is cancelled,
 *   and so is the parent Task (interrupting the `asyncWith` body wherever it
 *   waits). The group remembers that it cancelled the parent and takes the
 *   request back (`uncancel`) on exit.
 * - Exit waits for every child, absorbing cancellations of the parent while it
 *   waits (a cancellation from outside aborts the children and is propagated
 *   once they are done).
 * - Errors come out as one ExceptionGroup: the children's in completion order,
 *   then the body's. A KeyboardInterrupt or SystemExit is re-raised bare.
 *   Cancellations are never errors.
 * - Children are cancelled in creation order (CPython iterates a set).
 * - A child that succeeds or is cancelled while a sibling is still pending
 *   is forgotten as it completes, with no callback queued (`_takeAtOnce`).
 */
import type { AsyncContextManager } from "./async-with.js";
import { tagAwaiter } from "./awaited-by.js";
import { BaseExceptionGroup } from "./exception-group.js";
import {
  type AwaitedOf,
  CancelledError,
  type Coroutine,
  type CreateTaskOptions,
  currentContext,
  DoneQueue,
  type EventLoop,
  FutureList,
  getRunningLoop,
  inspectCustom,
  isExitException,
  named,
  RuntimeError,
  SkippedCallbacks,
  type Task,
} from "./kernel/index.js";
import { WaitQueue } from "./wait-queue.js";

/**
 * Structured concurrency (CPython 3.13's rules): Tasks started with
 * `tg.createTask` inside `asyncWith(new TaskGroup(), ...)` all finish before
 * the block is left. The first child to fail cancels the others and the body;
 * the block then raises their errors together as an ExceptionGroup (a
 * KeyboardInterrupt or SystemExit bare). Children are cancelled in creation order.
 *
 * @python `asyncio.TaskGroup` — https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const [user, orders] = yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
 *     const user = tg.createTask(fetchUser(42));
 *     const orders = tg.createTask(fetchOrders(42));
 *     return [user, orders] as const;
 *   }); // both are done here; if one failed, the other was cancelled and an ExceptionGroup raised
 *   console.log(user.result(), orders.result());
 * }
 * ```
 */
export class TaskGroup implements AsyncContextManager<TaskGroup> {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "TaskGroup", ["aenter", "aexit"]);
  private _entered = false;
  private _exiting = false;
  private _aborting = false;
  private _loop: EventLoop | null = null;
  private _parentTask: Task<unknown> | null = null;
  private _parentCancelRequested = false;
  private readonly _tasks = new FutureList<Task<unknown>>();
  private _errors: unknown[] = [];
  private _baseError: unknown;
  private _doneQueue: DoneQueue<Task<unknown>> | null = null;
  /** Where the done callbacks of the children forgotten at once would have run (the repr counts them till then). */
  private _skipped: SkippedCallbacks | null = null;
  /** Where the parent waits in `aexit` for the last child (CPython's `_on_completed_fut`). */
  private readonly _childrenDone = new WaitQueue(this, "TaskGroup children");

  /**
   * `async with` entry (called by `asyncWith`): binds the group to the current Task and gives the group. A RuntimeError if entered twice or outside a Task.
   *
   * @python `asyncio.TaskGroup.__aenter__` — https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup
   * @example
   * ```ts
   * yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
   *   // aenter() gave tg, bound to the current Task
   * });
   * ```
   */
  *aenter(): Coroutine<TaskGroup> {
    if (this._entered) throw new RuntimeError(`TaskGroup ${this} has already been entered`);
    this._loop ??= getRunningLoop();
    this._parentTask = this._loop._currentTask;
    if (this._parentTask === null) {
      throw new RuntimeError(`TaskGroup ${this} cannot determine the parent task`);
    }
    this._entered = true;
    tagAwaiter(this._onTaskDone, this._parentTask);
    this._doneQueue = tagAwaiter(
      new DoneQueue(this._onTaskDone, this._loop, this._takeAtOnce),
      this._parentTask,
    );
    return this;
  }

  /**
   * `async with` exit (called by `asyncWith`): waits for every child, then
   * raises the children's and the body's errors as one ExceptionGroup, if any.
   *
   * @python `asyncio.TaskGroup.__aexit__` — https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup
   * @example
   * ```ts
   * yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
   *   tg.createTask(worker());
   * }); // aexit() waited for worker() here
   * ```
   */
  *aexit(exc?: unknown): Coroutine<void> {
    const raised = exc !== undefined;
    const parent = this._parentTask!;
    this._exiting = true;
    if (isExitException(exc) && this._baseError === undefined) this._baseError = exc;
    let propagateCancellation: unknown = exc instanceof CancelledError ? exc : undefined;
    if (raised && !this._aborting) this._abort();

    // CPython: "We use while-loop here because "self._on_completed_fut" can
    // be cancelled multiple times if our parent task is being cancelled
    // repeatedly (or even once, when our own cancellation is already in
    // progress)" (conformance: taskgroup_cancel_from_outside; repeated
    // cancellation: test_taskgroup_15 and _16 in taskgroups.test.ts).
    while (this._tasks.size > 0) {
      try {
        yield* this._childrenDone.wait();
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        if (!this._aborting) {
          propagateCancellation = e;
          this._abort();
        }
      }
    }

    if (this._baseError !== undefined) throw this._baseError;
    if (this._parentCancelRequested && parent.uncancel() === 0) {
      // The cancellation was ours (a child failed); it ends here.
      propagateCancellation = undefined;
    }
    if (propagateCancellation !== undefined && this._errors.length === 0) {
      throw propagateCancellation;
    }
    if (raised && !(exc instanceof CancelledError)) this._errors.push(exc);
    if (this._errors.length > 0) {
      if (parent.cancelling() > 0) {
        // Keep the count as it was and re-arm delivery of the outer cancellation.
        parent.uncancel();
        parent.cancel();
      }
      // CPython drops `_errors` here: "Exceptions are heavy objects that can
      // have object cycles (bad for GC); let's not keep a reference to a
      // bunch of them." JavaScript's collector has no trouble with cycles, but
      // a finished group that stays reachable would still hold every error
      // and its stack.
      const errors = this._errors;
      this._errors = [];
      throw new BaseExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
  }

  /**
   * Starts `coro` as a child Task of the group (`signal`: an AbortSignal that
   * cancels this child; a cancelled child is not an error of the group).
   * @throws RuntimeError if the group was not entered, is finished, or is shutting down.
   *
   * @python `asyncio.TaskGroup.create_task` — https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup.create_task
   * @example
   * ```ts
   * yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
   *   for (const url of urls) tg.createTask(download(url), { name: url });
   * });
   * ```
   */
  createTask<T>(coro: Coroutine<T>, options?: Omit<CreateTaskOptions, "eagerStart">): Task<T>;
  createTask<C extends Coroutine<unknown>>(
    coro: C,
    options?: Omit<CreateTaskOptions, "eagerStart">,
  ): Task<AwaitedOf<C>>;
  createTask<T>(coro: Coroutine<T>, options?: Omit<CreateTaskOptions, "eagerStart">): Task<T> {
    if (!this._entered) {
      coro.return(undefined as never);
      throw new RuntimeError(`TaskGroup ${this} has not been entered`);
    }
    if (this._exiting && this._tasks.size === 0) {
      coro.return(undefined as never);
      throw new RuntimeError(`TaskGroup ${this} is finished`);
    }
    if (this._aborting) {
      coro.return(undefined as never);
      throw new RuntimeError(`TaskGroup ${this} is shutting down`);
    }
    const task = this._loop!.createTask(coro, options);
    if (task.done()) {
      this._afterTaskDone(task);
    } else {
      this._tasks.add(task as Task<unknown>);
      // The children made from the Context the group was entered in share one registration (done-queue.ts).
      const queue = this._doneQueue;
      if (queue !== null && queue._context === currentContext()) queue.add(task as Task<unknown>);
      else task._addDoneCallbackInternal(this._onTaskDone);
    }
    return task;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr: `<TaskGroup tasks=2 errors=1 cancelling>`, without the address.
   *
   * @python `asyncio.TaskGroup.__repr__` — https://docs.python.org/3/library/asyncio-task.html#asyncio.TaskGroup
   * @example
   * ```ts
   * yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
   *   tg.createTask(worker());
   *   console.log(String(tg)); // <TaskGroup tasks=1 entered>
   * });
   * ```
   */
  toString(): string {
    const info = [""];
    // The children forgotten at once count until their callbacks would have run.
    const skipped = this._skipped?.pending(this._loop!._started) ?? 0;
    const tasks = this._tasks.size + skipped;
    if (tasks > 0) info.push(`tasks=${tasks}`);
    if (this._errors.length > 0) info.push(`errors=${this._errors.length}`);
    if (this._aborting) info.push("cancelling");
    else if (this._entered) info.push("entered");
    return `<TaskGroup${info.join(" ")}>`;
  }

  /** @internal The loop of `aenter`, where the parent waits for the children. */
  _getLoop(): EventLoop {
    return this._loop!;
  }

  private _abort(): void {
    this._aborting = true;
    for (const t of this._tasks.entries()) if (!t.done()) t.cancel();
  }

  /**
   * A child's completion, as it happens (done-queue.ts). One that succeeded
   * or was cancelled while another child of the queue is still pending is
   * forgotten here, and no callback is queued for it: CPython's
   * `_on_task_done` would only discard it from `_tasks` (the pending child's
   * callback comes later, so this one's cannot wake the parent, and a child
   * that did not fail is no error). The group empties, and the parent wakes,
   * at a queued callback, exactly where CPython's would: the child pending
   * then completes later, and is taken only if yet another is pending. What
   * a program could still see is the count in the repr, which keeps the
   * child until the loop passes where its callback would have run
   * (skipped-callbacks.ts). Pinned by the conformance scenario
   * taskgroup_completion_positions.
   */
  private readonly _takeAtOnce = (task: Task<unknown>): boolean => {
    if (task._failed) return false;
    this._tasks.remove(task);
    const loop = this._loop!;
    // The position, in the order the loop runs ready items, of an item pushed now.
    const position = loop._started + loop._ready.length;
    (this._skipped ??= new SkippedCallbacks()).add(position, loop._started);
    return true;
  };

  private readonly _onTaskDone = (task: Task<unknown>): void => {
    this._tasks.remove(task);
    this._afterTaskDone(task);
  };

  /** Python's `_on_task_done` once the Task is out of `_tasks` (or was never in it: eager). */
  private _afterTaskDone(task: Task<unknown>): void {
    if (this._tasks.size === 0) this._childrenDone._wakeFirst(true);
    if (task.cancelled()) return;
    const exc = task.exception();
    if (!task._failed) return;
    this._errors.push(exc);
    if (isExitException(exc) && this._baseError === undefined) this._baseError = exc;
    const parent = this._parentTask!;
    if (parent.done()) {
      this._loop!.callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parentCancelRequested) {
      this._abort();
      this._parentCancelRequested = true;
      parent.cancel();
    }
  }
}
