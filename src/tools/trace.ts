/**
 * Tracing: a record of what the loop did, iteration by iteration: which
 * Tasks were created by which, when each one ran a step, what it waited on
 * after it, and how it ended; and, in the order it all happened, the events
 * a sequence diagram draws (cancellation requests, and the coroutines made
 * by `coroutine()` that a Task awaited directly, with their results).
 * `formatTrace` draws it (trace-picture.ts), `toChromeTrace` exports it for
 * Perfetto or chrome://tracing, `toMermaid` draws a sequence diagram.
 *
 * This file is the Tracer: the hooks the kernel calls (LoopTracer, one null
 * check each while no tracer is installed) and what each one records. What a
 * Trace looks like is in trace-data.ts; what the Tracer keeps while it
 * records, in trace-records.ts.
 *
 * The record holds names, not Tasks: tracing must not keep a finished Task
 * alive (that would also delay the "exception was never retrieved" report),
 * nor retrieve its exception. Results are kept as literals (literal.ts).
 *
 * A Task's coroutine is labelled with its call where `coroutine()` recorded
 * it (`sendMessage("John Doe")`), else with its function's name read from the
 * stack at the Task's first suspension (`sendMessage(…)`: the arguments of a
 * generator cannot be read), else not at all. That one stack capture per
 * Task is the only cost tracing adds to a suspension.
 */
import {
  CANCELLED,
  CancelledError,
  type CoroutineCall,
  type CoroutineEnd,
  callOf,
  className,
  coroutineName,
  DoneQueue,
  type EventLoop,
  errorClassName,
  Future,
  getRunningLoop,
  Handle,
  type LoopTracer,
  named,
  type Runnable,
  RuntimeError,
  Task,
  TimerHandle,
} from "../core/kernel/index.js";
import { callLiteral, literal } from "./literal.js";
import type {
  StepAfter,
  StepRef,
  TaskOutcome,
  Trace,
  TraceIteration,
  Waker,
} from "./trace-data.js";
import {
  type Cause,
  type MutableTaskTrace,
  numbered,
  type RecordedEvent,
  type StepCause,
} from "./trace-records.js";

/**
 * Records a loop's iterations and its Tasks' steps until `stop()`; made by `startTracing`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer: asyncio.Tracer = asyncio.startTracing();
 *   yield* asyncio.sleep(1);
 *   console.log(asyncio.formatTrace(tracer.stop()));
 * }
 * ```
 */
export class Tracer implements LoopTracer {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "Tracer");
  private readonly _iterations: TraceIteration[] = [];
  private readonly _tasks: MutableTaskTrace[] = [];
  private readonly _byTask = new WeakMap<Task<unknown>, MutableTaskTrace>();
  /** @internal The label a primitive gave each Future while this tracer ran (`asyncio-ts ps` shows it too). */
  readonly _labels = new WeakMap<Future<unknown>, string>();
  /** What completed each Future, while it may still wake something. */
  private readonly _causes = new WeakMap<Future<unknown>, Cause>();
  /** What the loop runs from its ready queue now (null between items, or outside iterations). */
  private _item: Runnable | null = null;
  /** Steps begun and not ended, innermost last (an eager Task's first step runs inside its creator's). */
  private readonly _open: MutableTaskTrace[] = [];
  private readonly _events: RecordedEvent[] = [];
  /** @internal The Task that called `startTracing`. */
  _startedIn: MutableTaskTrace | null = null;
  private readonly _t0 = performance.now();
  private _stopped = false;

  /** @internal Use `startTracing`. */
  constructor(private readonly _loop: EventLoop) {
    // Started from inside a batch: the iteration running now is iteration 0.
    if (_loop._inBatch) this._iterations.push({ loopTime: _loop.time(), at: 0 });
  }

  /**
   * Uninstalls the tracer and returns what it recorded; steps still running end as "running".
   * Calling it again returns the same record.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const trace = tracer.stop();
   * console.log(asyncio.formatTrace(trace));
   * ```
   */
  stop(): Trace {
    if (!this._stopped) {
      while (this._open.length > 0) this._endStep(this._open.pop()!, { kind: "running" });
      for (const record of this._tasks) record.waitsOn = null;
      this._item = null;
      this._stopped = true;
      if (this._loop._tracer === this) this._loop._tracer = null;
    }
    return this.snapshot();
  }

  /**
   * What was recorded so far; tracing goes on.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const soFar = tracer.snapshot();
   * console.log(`${soFar.tasks.length} tasks so far`);
   * ```
   */
  snapshot(): Trace {
    // Tasks that existed before tracing began come first (seen at a step, not created).
    const ordered = [
      ...this._tasks.filter((t) => t.createdIn === null),
      ...this._tasks.filter((t) => t.createdIn !== null),
    ];
    const ids = new Map(ordered.map((t, id) => [t, id]));
    const ref = (cause: StepCause): StepRef => ({
      task: ids.get(cause.record)!,
      step: cause.step,
    });
    const id = (t: MutableTaskTrace): number => ids.get(t)!;
    return {
      iterations: [...this._iterations],
      tasks: ordered.map((t, i) => ({
        id: i,
        name: t.name,
        parent: t.parent?.name ?? null,
        createdIn: t.createdIn,
        ...(t.createdBy !== null ? { createdBy: ref(t.createdBy) } : {}),
        steps: t.steps.map((step, i) => {
          const cause = t.wakes.get(i);
          if (cause === undefined) return step;
          const wokenBy: Waker =
            typeof cause === "object" ? { kind: "step", ...ref(cause) } : { kind: cause };
          return { ...step, wokenBy };
        }),
        outcome: t.outcome,
        coroutine: t.coroutine,
      })),
      events: this._events.map((e) => numbered(e, id)),
      startedIn: this._startedIn === null ? null : id(this._startedIn),
    };
  }

  // The hooks ignore what arrives after stop(): a step running then ends later.

  /** @internal */
  _iterationStarted(loop: EventLoop): void {
    if (this._stopped) return;
    this._iterations.push({ loopTime: loop.time(), at: performance.now() - this._t0 });
  }

  /** @internal */
  _taskCreated(task: Task<unknown>, parent: Task<unknown> | null): void {
    if (this._stopped) return;
    const record = this._record(task);
    record.parent = parent === null ? null : this._record(parent);
    record.createdIn = this._iteration();
    record.createdBy = parent === null ? null : this._stepOf(record.parent!);
    this._events.push({ kind: "created", task: record, by: record.parent });
  }

  /** @internal */
  _stepStarted(task: Task<unknown>): void {
    if (this._stopped) return;
    const record = this._record(task);
    record.stepAt = performance.now() - this._t0;
    record.wake = record.waitsOn === null ? null : (this._causes.get(record.waitsOn) ?? null);
    record.waitsOn = null;
    this._open.push(record);
    this._events.push({ kind: "resumed", task: record, step: record.steps.length });
  }

  /** @internal */
  _stepEnded(task: Task<unknown>): void {
    if (this._stopped) return;
    const record = this._record(task);
    // Not open: the step began before this tracer did (in another tracer's time); it began at 0.
    if (this._open[this._open.length - 1] === record) this._open.pop();
    else record.stepAt = 0;
    record.name = task.getName();
    record.waitsOn = task._futWaiter;
    const after: StepAfter =
      task._futWaiter !== null
        ? { kind: "waits", on: this._describe(task._futWaiter) }
        : task.done()
          ? { kind: "done" }
          : { kind: "yields" };
    if (task.done()) record.outcome = outcomeOf(task);
    this._endStep(record, after);
  }

  /** @internal */
  _taskSuspending(task: Task<unknown>): void {
    if (this._stopped) return;
    const record = this._record(task);
    if (record.named) return;
    record.named = true;
    const known = coroutineName(task);
    if (known !== null) record.coroutine = `${known.name}(…)`;
  }

  /** @internal */
  _cancelRequested(task: Task<unknown>, by: Task<unknown> | null): void {
    if (this._stopped) return;
    const record = this._record(task);
    this._events.push({
      kind: "cancelRequested",
      task: record,
      by: by === null ? null : this._record(by),
    });
  }

  /** @internal */
  _coroutineAwaited(task: Task<unknown>, call: CoroutineCall): void {
    if (this._stopped) return;
    const record = this._record(task);
    const label = callLiteral(call.name, call.args);
    record.awaiting.push(label);
    this._events.push({ kind: "awaited", task: record, call: label });
  }

  /** @internal */
  _coroutineEnded(
    task: Task<unknown>,
    call: CoroutineCall,
    end: CoroutineEnd,
    outcome: unknown,
  ): void {
    if (this._stopped) return;
    const record = this._record(task);
    const label = record.awaiting.pop() ?? callLiteral(call.name, call.args);
    this._events.push({
      kind: "awaitEnded",
      task: record,
      call: label,
      outcome:
        end === "returned"
          ? { kind: "returned", value: literal(outcome) }
          : end === "raised" && !(outcome instanceof CancelledError)
            ? { kind: "raised", error: describeError(outcome) }
            : { kind: "cancelled" },
    });
  }

  /** @internal */
  _labelFuture(future: Future<unknown>, label: string): void {
    if (!this._stopped) this._labels.set(future, label);
  }

  /** @internal */
  _futureDone(future: Future<unknown>): void {
    if (!this._stopped) this._causes.set(future, this._cause());
  }

  /** @internal */
  _itemRunning(item: Runnable | null): void {
    if (!this._stopped) this._item = item;
  }

  /**
   * What is completing a Future now: the current Task's step; else a timer;
   * else a done callback, which passes on what completed its Future (so a
   * gather's or a TaskGroup's parent is woken by the child's last step).
   */
  private _cause(): Cause {
    const task = this._loop._currentTask;
    if (task !== null) return this._stepOf(this._record(task));
    const item = this._item;
    if (item === null) return "outside";
    if (item instanceof TimerHandle) return "timer";
    if (item instanceof Handle && item._args === null && item._arg instanceof Future) {
      return this._causes.get(item._arg) ?? "callback";
    }
    if (item instanceof DoneQueue && item._running !== null) {
      return this._causes.get(item._running) ?? "callback";
    }
    return "callback";
  }

  /** The step `record` is running now: the one its next recorded step will be. */
  private _stepOf(record: MutableTaskTrace): StepCause {
    return { record, step: record.steps.length };
  }

  /** What a Task waits on, in a few words: its label, another Task by name, else the kind of Future. */
  private _describe(future: Future<unknown>): string {
    const label = this._labels.get(future);
    if (label !== undefined) return label;
    if (future instanceof Task) return future.getName();
    return FUTURE_KINDS[className(future)] ?? className(future);
  }

  /** The iteration running now (0 before the first one, when tracing began outside the loop). */
  private _iteration(): number {
    return Math.max(0, this._iterations.length - 1);
  }

  private _endStep(record: MutableTaskTrace, after: StepAfter): void {
    if (record.wake !== null) record.wakes.set(record.steps.length, record.wake);
    record.wake = null;
    this._events.push({ kind: "suspended", task: record, step: record.steps.length });
    record.steps.push({
      iteration: this._iteration(),
      at: record.stepAt,
      duration: performance.now() - this._t0 - record.stepAt,
      after,
    });
  }

  /** @internal */
  _record(task: Task<unknown>): MutableTaskTrace {
    let record = this._byTask.get(task);
    if (record === undefined) {
      record = {
        name: task.getName(),
        parent: null,
        createdIn: null,
        createdBy: null,
        steps: [],
        outcome: null,
        stepAt: 0,
        waitsOn: null,
        wake: null,
        wakes: new Map(),
        coroutine: null,
        named: false,
        awaiting: [],
      };
      const call = callOf(task._coro);
      if (call !== undefined) {
        record.coroutine = callLiteral(call.name, call.args);
        record.named = true;
      }
      this._byTask.set(task, record);
      this._tasks.push(record);
    }
    return record;
  }
}

/**
 * Starts recording what `loop` (by default the running one) does: its iterations, and every
 * step of its Tasks. `stop()` returns the record, for `formatTrace`, `toSvg`, `toMermaid` or
 * `toChromeTrace`. RuntimeError if the loop is already being traced.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer = asyncio.startTracing();
 *   yield* asyncio.gather(asyncio.sleep(1), asyncio.sleep(2));
 *   console.log(asyncio.formatTrace(tracer.stop()));
 * }
 * ```
 */
export function startTracing(loop?: EventLoop): Tracer {
  const target = loop ?? getRunningLoop();
  if (target._tracer !== null) throw new RuntimeError("the loop is already being traced");
  const tracer = new Tracer(target);
  target._tracer = tracer;
  // The step calling this is the first one recorded (the Task ends it as traced).
  if (target._currentTask !== null) {
    tracer._stepStarted(target._currentTask);
    tracer._startedIn = tracer._record(target._currentTask);
  }
  return tracer;
}

/** Futures by class, where nothing labelled them. */
const FUTURE_KINDS: Readonly<Record<string, string>> = {
  Future: "a Future",
  _GatheringFuture: "gather()",
  PromiseFuture: "a Promise",
};

/** The Task's outcome, read without retrieving its exception. */
function outcomeOf(task: Task<unknown>): TaskOutcome {
  if (task._state === CANCELLED) return { kind: "cancelled" };
  if (!task._failed) return { kind: "returned", value: literal(task._result) };
  return { kind: "raised", error: describeError(task._exception) };
}

/** `ValueError: boom`, or the class alone when there is no message. */
function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message ? `${errorClassName(e)}: ${message}` : errorClassName(e);
}
