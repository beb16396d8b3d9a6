/**
 * `toMermaid`: a trace drawn as a Mermaid sequence diagram, at two levels.
 *
 * The tutorial's level (the default) is the one the asyncio tutorial this
 * project grew from draws by hand: a `Coroutine` (the main coroutine) and an
 * `EventLoop`; a `->>` arrow `schedule:sendMessage("John Doe")` when a
 * coroutine is scheduled, a `-->>` arrow with its result when it completes
 * (`--x` when it raised or was cancelled). "Scheduled" is a Task created
 * anywhere, or a coroutine the main Task awaits directly (`yield*`, no Task);
 * the coroutines other Tasks await directly are their own business, inside
 * their Task's two arrows.
 *
 * A coroutine awaited directly never meets the loop, so only one made by
 * `coroutine()` (coroutine-function.ts) is seen, with its arguments and its
 * result; that is why the seed programs wrap `sendMessage`. Tasks are always
 * seen; one whose coroutine `coroutine()` did not make is labelled by its
 * function's name, `schedule:sendMessage(…)` (a generator's arguments cannot
 * be read), or by the Task's name when the stack never showed the function.
 * Calls and results are written as the TypeScript program writes them
 * (literal.ts), with double quotes, as the tutorial writes them too.
 *
 * The detailed level draws the loop and one participant per Task, each
 * Task's steps as activations: what woke it (`sleep(2) done`, a cancellation
 * thrown in), what it waits on when it suspends, the Tasks it creates and
 * cancels, the coroutines it awaits directly, and how it ends.
 *
 * Labels are escaped with Mermaid's entity codes (`#59;` for `;`, which
 * would end the statement, `#35;` for `#`, `#60;`/`#62;` for `<`/`>`, which
 * would read as HTML); Task participants get ids (`t0`, `t1`…) and show
 * their names as aliases, since a name like `Task-2` would read as an arrow.
 */
import type { TaskOutcome, TaskTrace, Trace, TraceEvent } from "./trace-data.js";

/**
 * Options of `toMermaid`: the level of detail and which Task is the main coroutine.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const options: asyncio.MermaidOptions = { level: "detailed" };
 * console.log(asyncio.toMermaid(trace, options));
 * ```
 */
export interface MermaidOptions {
  /**
   * `"tutorial"` (default): the main coroutine and the loop, arrows for what is scheduled and
   * what it returns. `"detailed"`: a participant per Task, with its steps, waits, wake-ups,
   * cancellations and errors.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.toMermaid(trace, { level: "detailed" }));
   * ```
   */
  level?: "tutorial" | "detailed";
  /**
   * The name of the Task drawn as `Coroutine` at the tutorial's level: by default the Task
   * that started tracing; `null` for none (a program that drives the loop by hand), every Task
   * then being the program's.
   *
   * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * console.log(asyncio.toMermaid(trace, { main: null }));
   * ```
   */
  main?: string | null;
}

/**
 * The trace as a Mermaid sequence diagram (paste it in a ```` ```mermaid ```` block, or
 * mermaid.live): at the tutorial's level, the main coroutine and the loop with an arrow for
 * each coroutine scheduled and its result; at the detailed level, a participant per Task.
 *
 * @python no counterpart: asyncio records no trace of its loop — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * const sendMessage = asyncio.coroutine(function* sendMessage(to: string): asyncio.Coroutine<string> {
 *   yield* asyncio.sleep(2);
 *   return `Completed message to ${to}`;
 * });
 * function* main(): asyncio.Coroutine<void> {
 *   const tracer = asyncio.startTracing();
 *   yield* sendMessage("John Doe");
 *   console.log(asyncio.toMermaid(tracer.stop()));
 * }
 * ```
 */
export function toMermaid(trace: Trace, options?: MermaidOptions): string {
  const level = options?.level ?? "tutorial";
  if (level !== "tutorial" && level !== "detailed") {
    throw new RangeError(`level must be "tutorial" or "detailed": ${String(level)}`);
  }
  const lines = level === "tutorial" ? tutorial(trace, mainTask(trace, options)) : detailed(trace);
  return ["sequenceDiagram", ...lines].join("\n");
}

function mainTask(trace: Trace, options: MermaidOptions | undefined): number | null {
  const main = options?.main;
  if (main === undefined) return trace.startedIn;
  if (main === null) return null;
  const task = trace.tasks.find((t) => t.name === main);
  if (task === undefined) throw new RangeError(`no Task named ${main} in the trace`);
  return task.id;
}

function tutorial(trace: Trace, main: number | null): string[] {
  const lines: string[] = [];
  const scheduled = new Set<number>();
  const completes = (outcome: TaskOutcome): string =>
    outcome.kind === "returned"
      ? `EventLoop -->>Coroutine: ${text(outcome.value)}`
      : `EventLoop --xCoroutine: ${text(outcome.kind === "raised" ? outcome.error : "cancelled")}`;
  for (const event of trace.events) {
    if (event.kind === "created" && event.task !== main) {
      scheduled.add(event.task);
      lines.push(`Coroutine ->>EventLoop: schedule:${text(taskLabel(trace.tasks[event.task]!))}`);
    } else if (event.kind === "suspended" && scheduled.has(event.task)) {
      const task = trace.tasks[event.task]!;
      if (task.steps[event.step]?.after.kind === "done" && task.outcome !== null) {
        lines.push(completes(task.outcome));
      }
    } else if (event.kind === "awaited" && event.task === main) {
      lines.push(`Coroutine ->>EventLoop: schedule:${text(event.call)}`);
    } else if (event.kind === "awaitEnded" && event.task === main) {
      lines.push(completes(event.outcome));
    }
  }
  return lines;
}

function detailed(trace: Trace): string[] {
  const shown = new Set(
    trace.events.flatMap((e) => ("by" in e && e.by !== null ? [e.task, e.by] : [e.task])),
  );
  const id = (task: number | null): string => (task === null ? "EventLoop" : `t${task}`);
  const lines = ["participant EventLoop"];
  for (const task of trace.tasks) {
    if (!shown.has(task.id)) continue;
    const coroutine = task.coroutine === null ? "" : `<br/>${text(task.coroutine)}`;
    lines.push(`participant ${id(task.id)} as ${text(task.name)}${coroutine}`);
  }
  const active = new Set<number>();
  // Tasks asked to cancel since their last step began: their next step delivers it.
  const cancelling = new Set<number>();
  for (const event of trace.events) {
    const t = id(event.task);
    const task = trace.tasks[event.task]!;
    switch (event.kind) {
      case "created":
        lines.push(`${id(event.by)}->>${t}: createTask(${text(task.coroutine ?? "…")})`);
        break;
      case "cancelRequested":
        lines.push(`${id(event.by)}-x${t}: cancel()`);
        cancelling.add(event.task);
        break;
      case "resumed": {
        const why = wakeUp(trace, task, event, t, cancelling.delete(event.task));
        if (why !== null) lines.push(why);
        lines.push(`activate ${t}`);
        active.add(event.task);
        break;
      }
      case "suspended": {
        const after = task.steps[event.step]?.after;
        if (after?.kind === "waits") lines.push(`${t}->>EventLoop: waits on ${text(after.on)}`);
        else if (after?.kind === "yields") lines.push(`${t}->>EventLoop: yields`);
        else if (after?.kind === "done" && task.outcome !== null) {
          lines.push(ends(t, "EventLoop", task.outcome));
        }
        if (active.delete(event.task)) lines.push(`deactivate ${t}`);
        break;
      }
      case "awaited":
        lines.push(`${t}->>${t}: yield* ${text(event.call)}`);
        break;
      case "awaitEnded":
        lines.push(ends(t, t, event.outcome));
        break;
    }
  }
  return lines;
}

/** The arrow that wakes Task `t` for a step, or null for the step that started tracing. */
function wakeUp(
  trace: Trace,
  task: TaskTrace,
  event: Extract<TraceEvent, { kind: "resumed" }>,
  t: string,
  cancelling: boolean,
): string | null {
  if (event.step === 0 && task.id === trace.startedIn && task.createdIn === null) return null;
  const before = task.steps[event.step - 1]?.after;
  if (cancelling) {
    const where = before?.kind === "waits" ? ` (waiting on ${text(before.on)})` : "";
    return `EventLoop-x${t}: CancelledError${where}`;
  }
  if (before?.kind === "waits") return `EventLoop->>${t}: ${text(before.on)} done`;
  if (before?.kind === "yields") return `EventLoop->>${t}: next turn`;
  return `EventLoop->>${t}: ${task.createdIn === null ? "resumes" : "first step"}`;
}

function ends(from: string, to: string, outcome: TaskOutcome): string {
  if (outcome.kind === "returned") return `${from}-->>${to}: returns ${text(outcome.value)}`;
  if (outcome.kind === "raised") return `${from}--x${to}: raises ${text(outcome.error)}`;
  return `${from}--x${to}: cancelled`;
}

function taskLabel(task: TaskTrace): string {
  return task.coroutine ?? task.name;
}

/** A label on one line, with the characters Mermaid would read as syntax written as entity codes. */
function text(label: string): string {
  return label.replace(/\r?\n/g, " ").replace(/[#;<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
