/**
 * Tracing: a record of what the loop did, iteration by iteration: which
 * Tasks were created by which, when each one ran a step, what it waited on
 * after it, and how it ended. `formatTrace` draws it (trace-picture.ts),
 * `toChromeTrace` exports it for Perfetto or chrome://tracing.
 *
 * The record holds names, not Tasks: tracing must not keep a finished Task
 * alive (that would also delay the "exception was never retrieved" report),
 * nor retrieve its exception.
 */
import type { EventLoop } from "../core/event-loop.js";
import { errorClassName, RuntimeError } from "../core/exceptions.js";
import { CANCELLED, type Future } from "../core/futures.js";
import type { LoopTracer } from "../core/loop-tracer.js";
import { getRunningLoop } from "../core/running-loop.js";
import { Task } from "../core/tasks.js";

/** One iteration of the loop (CPython's `_run_once`). */
export interface TraceIteration {
  /** `loop.time()` when it began, in seconds. */
  readonly loopTime: number;
  /** Real time when it began, in ms since tracing started. */
  readonly at: number;
}

/** What a step left its Task doing; "running": the step was still running when tracing stopped. */
export type StepThen =
  | { readonly kind: "waits"; readonly on: string }
  | { readonly kind: "yields" }
  | { readonly kind: "done" }
  | { readonly kind: "running" };

/** One resumption of a Task's coroutine. */
export interface TraceStep {
  /** Index in `Trace.iterations` of the iteration it ran in. */
  readonly iteration: number;
  /** Real time, in ms since tracing started. */
  readonly at: number;
  readonly duration: number;
  readonly then: StepThen;
}

/** How a Task ended. */
export type TaskOutcome =
  | { readonly kind: "returned" }
  | { readonly kind: "raised"; readonly error: string }
  | { readonly kind: "cancelled" };

export interface TaskTrace {
  /** Creation order among the traced Tasks, from 0. */
  readonly id: number;
  /** The Task's name at its last traced step. */
  readonly name: string;
  /** The name of the Task that created it, `null` if created outside a Task or before tracing. */
  readonly parent: string | null;
  /** The iteration it was created in; `null` if it existed before tracing began. */
  readonly createdIn: number | null;
  readonly steps: readonly TraceStep[];
  /** `null` while it was still pending when tracing stopped. */
  readonly outcome: TaskOutcome | null;
}

export interface Trace {
  readonly iterations: readonly TraceIteration[];
  /** Tasks that existed before tracing began (in order of their first step), then in creation order. */
  readonly tasks: readonly TaskTrace[];
}

interface MutableTaskTrace {
  id: number;
  name: string;
  parent: string | null;
  createdIn: number | null;
  steps: TraceStep[];
  outcome: TaskOutcome | null;
  stepAt: number;
}

/** Records a loop's iterations and Task steps until `stop()`. */
export class Tracer implements LoopTracer {
  private readonly _iterations: TraceIteration[] = [];
  private readonly _tasks: MutableTaskTrace[] = [];
  private readonly _byTask = new WeakMap<Task<unknown>, MutableTaskTrace>();
  private readonly _t0 = performance.now();
  private _stopped = false;

  /** @internal Use `startTracing`. */
  constructor(private readonly _loop: EventLoop) {
    // The iteration running now, if any, is iteration 0.
    this._iterations.push({ loopTime: _loop.time(), at: 0 });
  }

  /** Uninstalls the tracer and returns what it recorded. */
  stop(): Trace {
    if (!this._stopped) {
      const current = this._loop._currentTask;
      const record = current === null ? undefined : this._byTask.get(current);
      if (record !== undefined) this._endStep(record, { kind: "running" });
      this._stopped = true;
      if (this._loop._tracer === this) this._loop._tracer = null;
    }
    return this.snapshot();
  }

  /** What was recorded so far (tracing goes on). */
  snapshot(): Trace {
    const before = this._tasks.filter((t) => t.createdIn === null);
    const during = this._tasks.filter((t) => t.createdIn !== null);
    return {
      iterations: [...this._iterations],
      tasks: [...before, ...during].map(({ stepAt: _, steps, ...rest }) => ({
        ...rest,
        steps: [...steps],
      })),
    };
  }

  // The hooks ignore what arrives after stop(): a step running then ends later.

  /** @internal */
  iterationStarted(loop: EventLoop): void {
    if (this._stopped) return;
    this._iterations.push({ loopTime: loop.time(), at: performance.now() - this._t0 });
  }

  /** @internal */
  taskCreated(task: Task<unknown>, parent: Task<unknown> | null): void {
    if (this._stopped) return;
    const record = this._record(task);
    record.parent = parent === null ? null : this._record(parent).name;
    record.createdIn = this._iterations.length - 1;
  }

  /** @internal */
  stepStarted(task: Task<unknown>): void {
    if (this._stopped) return;
    this._record(task).stepAt = performance.now() - this._t0;
  }

  /** @internal */
  stepEnded(task: Task<unknown>): void {
    if (this._stopped) return;
    const record = this._record(task);
    record.name = task.getName();
    const then: StepThen =
      task._futWaiter !== null
        ? { kind: "waits", on: describeAwaited(task._futWaiter) }
        : task.done()
          ? { kind: "done" }
          : { kind: "yields" };
    this._endStep(record, then);
    if (task.done()) record.outcome = outcomeOf(task);
  }

  private _endStep(record: MutableTaskTrace, then: StepThen): void {
    record.steps.push({
      iteration: this._iterations.length - 1,
      at: record.stepAt,
      duration: performance.now() - this._t0 - record.stepAt,
      then,
    });
  }

  private _record(task: Task<unknown>): MutableTaskTrace {
    let record = this._byTask.get(task);
    if (record === undefined) {
      record = {
        id: this._tasks.length,
        name: task.getName(),
        parent: null,
        createdIn: null,
        steps: [],
        outcome: null,
        stepAt: 0,
      };
      this._byTask.set(task, record);
      this._tasks.push(record);
    }
    return record;
  }
}

/**
 * Starts recording what `loop` (by default the running one) does: its
 * iterations, and every step of its Tasks. `stop()` returns the record, for
 * `formatTrace` or `toChromeTrace`.
 * @throws RuntimeError if the loop is already being traced.
 * @example
 * const tracer = asyncio.startTracing();
 * yield* work();
 * console.log(asyncio.formatTrace(tracer.stop()));
 */
export function startTracing(loop?: EventLoop): Tracer {
  const target = loop ?? getRunningLoop();
  if (target._tracer !== null) throw new RuntimeError("the loop is already being traced");
  const tracer = new Tracer(target);
  target._tracer = tracer;
  // The step calling this is the first one recorded (the Task ends it as traced).
  if (target._currentTask !== null) tracer.stepStarted(target._currentTask);
  return tracer;
}

/** What a Task waits on, in a few words: another Task by name, else the kind of Future. */
function describeAwaited(future: Future<unknown>): string {
  if (future instanceof Task) return future.getName();
  const kind = future.constructor.name;
  return kind === "Future" ? "a Future" : kind;
}

/** The Task's outcome, read without retrieving its exception. */
function outcomeOf(task: Task<unknown>): TaskOutcome {
  if (task._state === CANCELLED) return { kind: "cancelled" };
  if (!task._failed) return { kind: "returned" };
  const e = task._exception;
  const message = e instanceof Error ? e.message : String(e);
  return {
    kind: "raised",
    error: message ? `${errorClassName(e)}: ${message}` : errorClassName(e),
  };
}
