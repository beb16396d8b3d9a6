/**
 * What a Trace is: the plain data `Tracer.stop()` returns and every drawing
 * of a trace reads (trace-picture.ts, trace-svg.ts, trace-mermaid.ts,
 * trace-chrome.ts). Kept apart from the Tracer that records it because the
 * drawings need only this shape, and a reader learning the format should not
 * have to read the recording hooks to find it.
 *
 * Tasks appear as indexes into `Trace.tasks`, never as Task objects: a trace
 * may be kept, serialised or drawn long after its loop has closed.
 */
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
