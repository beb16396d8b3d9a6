/**
 * Tracing: a record of what the loop did, iteration by iteration: which
 * Tasks were created by which, when each one ran a step, what it waited on
 * after it, and how it ended; and, in the order it all happened, the events
 * a sequence diagram draws (cancellation requests, and the coroutines made
 * by `coroutine()` that a Task awaited directly, with their results).
 * `formatTrace` draws it (trace-picture.ts), `toChromeTrace` exports it for
 * Perfetto or chrome://tracing, `toMermaid` draws a sequence diagram.
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

/**
 * One iteration of the loop (what CPython's `_run_once` runs), as a Trace records it.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * for (const [i, it] of trace.iterations.entries()) console.log(i, it.loopTime);
 * ```
 */
export interface TraceIteration {
  /**
   * `loop.time()` when the iteration began, in seconds (virtual time under `virtualTime`).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const last = trace.iterations.at(-1)?.loopTime;
   * ```
   */
  readonly loopTime: number;
  /**
   * Real time when it began, in milliseconds since tracing started.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const realMs = trace.iterations.at(-1)?.at;
   * ```
   */
  readonly at: number;
}

/**
 * What a step left its Task doing: waiting on something (`on` says what, as `sleep(2)`),
 * yielding, done, or "running" (the step was still running when tracing stopped).
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * for (const step of trace.tasks[0]!.steps) {
 *   if (step.after.kind === "waits") console.log(`waits on ${step.after.on}`);
 * }
 * ```
 */
export type StepAfter =
  | {
      /** The Task waits on a Future. */
      readonly kind: "waits";
      /** What it waits on, as the trace labels it: `sleep(2)`, `Queue.get()`, a Task's name. */
      readonly on: string;
    }
  | {
      /** The step yielded (a bare `yield`, as `sleep(0)` does): the Task is scheduled again. */
      readonly kind: "yields";
    }
  | {
      /** The step ended the Task's coroutine. */
      readonly kind: "done";
    }
  | {
      /** The step was still running when tracing stopped. */
      readonly kind: "running";
    };

/**
 * A step of a Task of the same trace: `trace.tasks[ref.task].steps[ref.step]`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const by = trace.tasks[1]!.createdBy;
 * if (by !== undefined) console.log(`created by ${trace.tasks[by.task]!.name}, step ${by.step}`);
 * ```
 */
export interface StepRef {
  /**
   * The Task's index in `Trace.tasks`.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const creator = trace.tasks[ref.task]!;
   * ```
   */
  readonly task: number;
  /**
   * The step's index in that Task's `steps`.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const step = trace.tasks[ref.task]!.steps[ref.step]!;
   * ```
   */
  readonly step: number;
}

/**
 * What completed the Future a Task waited on, so waking it: a Task's step (directly, or
 * through done callbacks such as gather's or a TaskGroup's), a timer of the loop (a sleep, a
 * timeout), another loop callback, or something outside the loop's iterations (a Promise, host I/O).
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const woke = trace.tasks[1]!.steps[1]!.wokenBy;
 * if (woke?.kind === "step") console.log(`woken by ${trace.tasks[woke.task]!.name}`);
 * ```
 */
export type Waker =
  | ({
      /** A Task's step (`task` and `step` say which), directly or through done callbacks. */
      readonly kind: "step";
    } & StepRef)
  | {
      /** A timer of the loop: a sleep or a timeout. */
      readonly kind: "timer";
    }
  | {
      /** Another callback of the loop. */
      readonly kind: "callback";
    }
  | {
      /** Something outside the loop's iterations: a Promise, host I/O. */
      readonly kind: "outside";
    };

/**
 * One step of a Task: one resumption of its coroutine, up to its next suspension.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const steps = trace.tasks[0]!.steps;
 * console.log(`${steps.length} steps, ${steps.reduce((t, s) => t + s.duration, 0)} ms`);
 * ```
 */
export interface TraceStep {
  /**
   * Index in `Trace.iterations` of the iteration it ran in.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const loopTime = trace.iterations[step.iteration]!.loopTime;
   * ```
   */
  readonly iteration: number;
  /**
   * Real time when it began, in milliseconds since tracing started.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(`began at ${step.at} ms`);
   * ```
   */
  readonly at: number;
  /**
   * How long it ran, in real milliseconds.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * if (step.duration > 100) console.log("a slow step");
   * ```
   */
  readonly duration: number;
  /**
   * What it left its Task doing.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * if (step.after.kind === "done") console.log("the last step");
   * ```
   */
  readonly after: StepAfter;
  /**
   * What woke the Task for this step, after a wait (absent after a yield, or if not seen).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(step.wokenBy?.kind ?? "not woken by a wait");
   * ```
   */
  readonly wokenBy?: Waker;
}

/**
 * How a Task ended: returned `value` or raised `error` (both written as text), or cancelled.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const outcome = trace.tasks[0]!.outcome;
 * if (outcome?.kind === "raised") console.log(outcome.error);
 * ```
 */
export type TaskOutcome =
  | {
      /** It returned. */
      readonly kind: "returned";
      /** What it returned, written as text. */
      readonly value: string;
    }
  | {
      /** It raised. */
      readonly kind: "raised";
      /** What it raised, written as text. */
      readonly error: string;
    }
  | {
      /** It was cancelled. */
      readonly kind: "cancelled";
    };

/**
 * What a Trace records of one Task: its name, who created it, its steps and how it ended.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * for (const t of trace.tasks) console.log(t.name, t.coroutine, t.steps.length, t.outcome?.kind ?? "pending");
 * ```
 */
export interface TaskTrace {
  /**
   * Its index in `Trace.tasks`.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(trace.tasks.every((t, i) => t.id === i)); // true
   * ```
   */
  readonly id: number;
  /**
   * The Task's name at its last traced step.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const main = trace.tasks.find((t) => t.name === "main");
   * ```
   */
  readonly name: string;
  /**
   * The `name` of the Task that created it; `null` if created outside a Task or before tracing.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const children = trace.tasks.filter((t) => t.parent === "main");
   * ```
   */
  readonly parent: string | null;
  /**
   * The iteration it was created in; `null` if it existed before tracing began.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const preexisting = trace.tasks.filter((t) => t.createdIn === null);
   * ```
   */
  readonly createdIn: number | null;
  /**
   * The step of its creator that created it; absent if created outside a traced step.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const by = trace.tasks[1]!.createdBy; // { task: 0, step: 0 }
   * ```
   */
  readonly createdBy?: StepRef;
  /**
   * Its steps, in order.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const iterations = trace.tasks[0]!.steps.map((s) => s.iteration);
   * ```
   */
  readonly steps: readonly TraceStep[];
  /**
   * How it ended; `null` if it was still pending when tracing stopped.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const pending = trace.tasks.filter((t) => t.outcome === null);
   * ```
   */
  readonly outcome: TaskOutcome | null;
  /**
   * The coroutine it drives: `sendMessage("John Doe")` when `coroutine()` made it,
   * `sendMessage(…)` when only the function's name is known (read from the stack when it first
   * suspended, or one of asyncio-ts's own: `Queue.get(…)`), `null` when nothing is.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(trace.tasks.map((t) => t.coroutine ?? t.name));
   * ```
   */
  readonly coroutine: string | null;
}

/**
 * What happened, in the order it happened: Tasks created, resumed, suspended, asked to
 * cancel, and the coroutines made by `coroutine()` that they awaited directly. `task` and `by`
 * are ids in `Trace.tasks` (`by`: the Task running then, `null` outside any), `step` an index
 * in that Task's `steps`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * for (const event of trace.events) {
 *   if (event.kind === "cancelRequested") console.log(`${trace.tasks[event.task]!.name} asked to cancel`);
 * }
 * ```
 */
export type TraceEvent =
  | {
      /** A Task was created. */
      readonly kind: "created";
      /** The new Task's id in `Trace.tasks`. */
      readonly task: number;
      /** The id of the Task running then, `null` outside any. */
      readonly by: number | null;
    }
  | {
      /** A step of a Task began: its coroutine was resumed. */
      readonly kind: "resumed";
      /** The Task's id in `Trace.tasks`. */
      readonly task: number;
      /** The step's index in that Task's `steps`. */
      readonly step: number;
    }
  | {
      /** A step of a Task ended: its coroutine suspended (or finished). */
      readonly kind: "suspended";
      /** The Task's id in `Trace.tasks`. */
      readonly task: number;
      /** The step's index in that Task's `steps`. */
      readonly step: number;
    }
  | {
      /** Cancellation of a Task was requested. */
      readonly kind: "cancelRequested";
      /** The id of the Task asked to cancel. */
      readonly task: number;
      /** The id of the Task running then, `null` outside any. */
      readonly by: number | null;
    }
  | {
      /** A coroutine made by `coroutine()` was awaited directly (`yield*`) inside the Task. */
      readonly kind: "awaited";
      /** The id of the Task whose coroutine awaited it. */
      readonly task: number;
      /** The call, as `sendMessage("John Doe")`. */
      readonly call: string;
    }
  | {
      /** That coroutine ended (a coroutine closed unfinished counts as cancelled). */
      readonly kind: "awaitEnded";
      /** The id of the Task whose coroutine awaited it. */
      readonly task: number;
      /** The call, as `sendMessage("John Doe")`. */
      readonly call: string;
      /** How it ended. */
      readonly outcome: TaskOutcome;
    };

/**
 * What a Tracer recorded: the loop's iterations, its Tasks with their steps, and the events in
 * order. Plain data (names, not Tasks): keep it, serialise it, or draw it with `formatTrace`,
 * `toSvg`, `toMermaid` or `toChromeTrace`.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer = asyncio.startTracing();
 *   yield* asyncio.gather(asyncio.sleep(1), asyncio.sleep(2));
 *   const trace: asyncio.Trace = tracer.stop();
 *   console.log(`${trace.iterations.length} iterations, ${trace.tasks.length} tasks`);
 * }
 * ```
 */
export interface Trace {
  /**
   * The loop's iterations while tracing, in order.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(`${trace.iterations.length} iterations`);
   * ```
   */
  readonly iterations: readonly TraceIteration[];
  /**
   * The Tasks: those that existed before tracing began (in order of their first step), then
   * the others in creation order.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * for (const t of trace.tasks) console.log(t.name, t.steps.length);
   * ```
   */
  readonly tasks: readonly TaskTrace[];
  /**
   * What happened, in order (what a sequence diagram draws).
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const created = trace.events.filter((e) => e.kind === "created").length;
   * ```
   */
  readonly events: readonly TraceEvent[];
  /**
   * The Task whose step started tracing (its id), `null` if tracing began outside a Task.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * const main = trace.startedIn === null ? undefined : trace.tasks[trace.startedIn];
   * ```
   */
  readonly startedIn: number | null;
}

/** An event as recorded: Tasks by their records, numbered when a snapshot is taken. */
type RecordedEvent =
  | { kind: "created"; task: MutableTaskTrace; by: MutableTaskTrace | null }
  | { kind: "cancelRequested"; task: MutableTaskTrace; by: MutableTaskTrace | null }
  | { kind: "resumed"; task: MutableTaskTrace; step: number }
  | { kind: "suspended"; task: MutableTaskTrace; step: number }
  | { kind: "awaited"; task: MutableTaskTrace; call: string }
  | { kind: "awaitEnded"; task: MutableTaskTrace; call: string; outcome: TaskOutcome };

interface MutableTaskTrace {
  name: string;
  parent: MutableTaskTrace | null;
  createdIn: number | null;
  createdBy: StepCause | null;
  steps: TraceStep[];
  outcome: TaskOutcome | null;
  /** When its open step began (ms since tracing started). */
  stepAt: number;
  /** The Future it waits on since its last step (held only while the Task holds it too). */
  waitsOn: Future<unknown> | null;
  /** What woke its open step. */
  wake: Cause | null;
  /** What woke each step, by index in `steps`. */
  wakes: Map<number, Cause>;
  coroutine: string | null;
  /** Whether its coroutine's name was looked for on the stack already. */
  named: boolean;
  /** Labels of the coroutines it awaits directly now, innermost last. */
  awaiting: string[];
}

/** A step while recording: Tasks are records, numbered only in a snapshot. */
interface StepCause {
  readonly record: MutableTaskTrace;
  readonly step: number;
}

type Cause = StepCause | "timer" | "callback" | "outside";

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
  iterationStarted(loop: EventLoop): void {
    if (this._stopped) return;
    this._iterations.push({ loopTime: loop.time(), at: performance.now() - this._t0 });
  }

  /** @internal */
  taskCreated(task: Task<unknown>, parent: Task<unknown> | null): void {
    if (this._stopped) return;
    const record = this._record(task);
    record.parent = parent === null ? null : this._record(parent);
    record.createdIn = this._iteration();
    record.createdBy = parent === null ? null : this._stepOf(record.parent!);
    this._events.push({ kind: "created", task: record, by: record.parent });
  }

  /** @internal */
  stepStarted(task: Task<unknown>): void {
    if (this._stopped) return;
    const record = this._record(task);
    record.stepAt = performance.now() - this._t0;
    record.wake = record.waitsOn === null ? null : (this._causes.get(record.waitsOn) ?? null);
    record.waitsOn = null;
    this._open.push(record);
    this._events.push({ kind: "resumed", task: record, step: record.steps.length });
  }

  /** @internal */
  stepEnded(task: Task<unknown>): void {
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
  taskSuspending(task: Task<unknown>): void {
    if (this._stopped) return;
    const record = this._record(task);
    if (record.named) return;
    record.named = true;
    const known = coroutineName(task);
    if (known !== null) record.coroutine = `${known.name}(…)`;
  }

  /** @internal */
  cancelRequested(task: Task<unknown>, by: Task<unknown> | null): void {
    if (this._stopped) return;
    const record = this._record(task);
    this._events.push({
      kind: "cancelRequested",
      task: record,
      by: by === null ? null : this._record(by),
    });
  }

  /** @internal */
  coroutineAwaited(task: Task<unknown>, call: CoroutineCall): void {
    if (this._stopped) return;
    const record = this._record(task);
    const label = callLiteral(call.name, call.args);
    record.awaiting.push(label);
    this._events.push({ kind: "awaited", task: record, call: label });
  }

  /** @internal */
  coroutineEnded(
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
  labelFuture(future: Future<unknown>, label: string): void {
    if (!this._stopped) this._labels.set(future, label);
  }

  /** @internal */
  futureDone(future: Future<unknown>): void {
    if (!this._stopped) this._causes.set(future, this._cause());
  }

  /** @internal */
  running(item: Runnable | null): void {
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
    tracer.stepStarted(target._currentTask);
    tracer._startedIn = tracer._record(target._currentTask);
  }
  return tracer;
}

/** What `task` did after `step`, in words: `waits on Queue.get()`, `yields`, `returned`… */
export function describeAfter(task: TaskTrace, step: TraceStep): string {
  const after = step.after;
  if (after.kind === "waits") return `waits on ${after.on}`;
  if (after.kind === "done") return task.outcome?.kind ?? "done";
  return after.kind;
}

/** What woke a step, in words: `woken by C1 step 4` (steps counted from 1), `woken by a timer`… */
export function describeWaker(trace: Trace, waker: Waker): string {
  switch (waker.kind) {
    case "step":
      return `woken by ${trace.tasks[waker.task]?.name ?? `task ${waker.task}`} step ${waker.step + 1}`;
    case "timer":
      return "woken by a timer";
    case "callback":
      return "woken by a loop callback";
    case "outside":
      return "woken from outside the loop";
  }
}

/**
 * A recorded event with its Tasks numbered: its own fields, in their order
 * (each kind records exactly the fields of its TraceEvent), Tasks replaced by ids.
 */
function numbered(e: RecordedEvent, id: (t: MutableTaskTrace) => number): TraceEvent {
  const by = "by" in e && { by: e.by === null ? null : id(e.by) };
  return { ...e, task: id(e.task), ...by } as TraceEvent;
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
