/**
 * `timeout`, `timeoutAt` and `Timeout` (Python 3.11+): a deadline for a block.
 *
 * When the deadline passes, the Timeout cancels its Task; on exit it turns
 * that cancellation into TimeoutError, but only if it was its own: it
 * snapshots `task.cancelling()` on entry, and after taking back its request
 * (`uncancel`) converts only when the count is back at the snapshot. Another
 * cancellation that arrived meanwhile is left to propagate. So nested
 * Timeouts each convert only their own expiry, and the outermost expired one
 * raises.
 *
 * States: created → active (entered) → expiring (deadline passed) → expired
 * (exited after expiring), or active → finished (exited in time).
 */
import type { AsyncContextManager } from "./async-with.js";
import { ExceptionGroup } from "./exception-group.js";
import {
  CancelledError,
  type Coroutine,
  checkNumber,
  getRunningLoop,
  inspectCustom,
  named,
  RuntimeError,
  reprFloat,
  type Task,
  TimeoutError,
  type TimerHandle,
} from "./kernel/index.js";

type State = "created" | "active" | "expiring" | "expired" | "finished";

/**
 * A deadline for the block run inside it. Make one with `timeout()` or `timeoutAt()`.
 *
 * @python `asyncio.Timeout` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout
 * @example
 * ```ts
 * yield* asyncio.asyncWith(asyncio.timeout(10), function* () {
 *   yield* longRunningTask();
 * });
 * ```
 */
export class Timeout implements AsyncContextManager<Timeout> {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "Timeout", ["aenter", "aexit"]);
  private _state: State = "created";
  private _handle: TimerHandle | { cancel(): void } | null = null;
  private _task: Task<unknown> | null = null;
  private _cancelling = 0;

  /** `when` is a loop time; `undefined` means no deadline; a past one fires at the next iteration. */
  constructor(private _when: number | undefined) {}

  /**
   * The current deadline (`undefined`: none).
   *
   * @python `asyncio.Timeout.when` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout.when
   * @example
   * ```ts
   * yield* asyncio.asyncWith(asyncio.timeout(10), function* (cm) {
   *   console.log(cm.when()); // loop.time() + 10 at entry
   * });
   * ```
   */
  when(): number | undefined {
    return this._when;
  }

  /**
   * Moves the deadline (`undefined` removes it). Only while the block runs.
   *
   * @python `asyncio.Timeout.reschedule` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout.reschedule
   * @example
   * ```ts
   * yield* asyncio.asyncWith(asyncio.timeout(undefined), function* (cm) {
   *   const header = yield* readHeader();
   *   cm.reschedule(asyncio.getRunningLoop().time() + header.seconds);
   *   yield* readBody();
   * });
   * ```
   */
  reschedule(when: number | undefined | null): void {
    if (this._state !== "active") {
      if (this._state === "created") throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    checkNumber(when, "reschedule", "when", true);
    this._when = when ?? undefined;
    this._handle?.cancel();
    if (when == null) {
      this._handle = null;
    } else {
      const loop = getRunningLoop();
      this._handle =
        when <= loop.time() ? loop.callSoon(this._onTimeout) : loop.callAt(when, this._onTimeout);
    }
  }

  /**
   * Whether the deadline passed while the block ran.
   *
   * @python `asyncio.Timeout.expired` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout.expired
   * @example
   * ```ts
   * const cm = asyncio.timeout(1);
   * try {
   *   yield* asyncio.asyncWith(cm, function* () {
   *     yield* asyncio.sleep(5);
   *   });
   * } catch (e) {
   *   if (cm.expired()) console.log("timed out");
   * }
   * ```
   */
  expired(): boolean {
    return this._state === "expiring" || this._state === "expired";
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr: `<Timeout [active] when=12.5>`, the state and, while active, the deadline.
   *
   * @python `asyncio.Timeout.__repr__` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout
   * @example
   * ```ts
   * yield* asyncio.asyncWith(asyncio.timeout(10), function* (cm) {
   *   console.log(String(cm)); // <Timeout [active] when=...>
   * });
   * ```
   */
  toString(): string {
    const when = this._state === "active" ? ` when=${reprWhen(this._when)}` : "";
    return `<Timeout [${this._state}]${when}>`;
  }

  /**
   * `async with` entry (called by `asyncWith`): arms the deadline for the
   * current Task. A RuntimeError outside a Task or on a second entry.
   *
   * @python `asyncio.Timeout.__aenter__` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout
   * @example
   * ```ts
   * yield* asyncio.asyncWith(asyncio.timeout(5), function* (cm) {
   *   // cm is the Timeout: aenter() armed its deadline for the current Task
   * });
   * ```
   */
  *aenter(): Coroutine<Timeout> {
    if (this._state !== "created") throw new RuntimeError("Timeout has already been entered");
    const task = getRunningLoop()._currentTask;
    if (task === null) throw new RuntimeError("Timeout should be used inside a task");
    this._state = "active";
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
    return this;
  }

  /**
   * `async with` exit (called by `asyncWith`): disarms the deadline; if it
   * expired and no other cancellation is pending, raises TimeoutError in place
   * of the CancelledError it caused.
   *
   * @python `asyncio.Timeout.__aexit__` — https://docs.python.org/3/library/asyncio-task.html#asyncio.Timeout
   * @example
   * ```ts
   * yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
   *   yield* asyncio.sleep(5); // aexit() turns the Timeout's CancelledError into TimeoutError
   * });
   * ```
   */
  *aexit(exc?: unknown): Coroutine<void> {
    if (this._handle !== null) {
      this._handle.cancel();
      this._handle = null;
    }
    if (this._state === "expiring") {
      this._state = "expired";
      if (this._task!.uncancel() <= this._cancelling && exc !== undefined) {
        // No other cancellation is pending: this one was ours.
        if (exc instanceof CancelledError) throw new TimeoutError("", { cause: exc });
        insertTimeoutError(exc);
        if (exc instanceof ExceptionGroup) {
          for (const member of exc.exceptions) insertTimeoutError(member);
        }
      }
    } else if (this._state === "active") {
      this._state = "finished";
    }
  }

  private readonly _onTimeout = (): void => {
    this._task!.cancel();
    this._state = "expiring";
    this._handle = null;
  };
}

/** Python's `repr(round(when, 3))`: a float, so a whole number keeps its `.0`. */
function reprWhen(when: number | undefined): string {
  if (when === undefined) return "None";
  return reprFloat(Math.round(when * 1000) / 1000);
}

/**
 * Python 3.13 splices a TimeoutError into the chain of an error that escaped
 * while handling the Timeout's CancelledError. JavaScript keeps no implicit
 * chain; the explicit one is `cause`, so that is the chain walked here.
 */
function insertTimeoutError(exc: unknown): void {
  let current = exc;
  while (current instanceof Error && current.cause !== undefined) {
    if (current.cause instanceof CancelledError) {
      current.cause = new TimeoutError("", { cause: current.cause });
      return;
    }
    current = current.cause;
  }
}

/**
 * A Timeout `delay` seconds from now (`undefined`: no deadline). Needs a running loop.
 *
 * @python `asyncio.timeout` — https://docs.python.org/3/library/asyncio-task.html#asyncio.timeout
 * @example
 * ```ts
 * yield* asyncio.asyncWith(asyncio.timeout(1.5), function* () { yield* work(); });
 * ```
 */
export function timeout(delay: number | undefined | null): Timeout {
  const loop = getRunningLoop();
  checkNumber(delay, "timeout", "delay", true);
  return new Timeout(delay == null ? undefined : loop.time() + delay);
}

/**
 * A Timeout at loop time `when` (`undefined`: no deadline).
 *
 * @python `asyncio.timeout_at` — https://docs.python.org/3/library/asyncio-task.html#asyncio.timeout_at
 * @example
 * ```ts
 * const loop = asyncio.getRunningLoop();
 * const deadline = loop.time() + 30;
 * yield* asyncio.asyncWith(asyncio.timeoutAt(deadline), function* () {
 *   yield* step1();
 *   yield* step2(); // both within the same 30 s
 * });
 * ```
 */
export function timeoutAt(when: number | undefined | null): Timeout {
  checkNumber(when, "timeoutAt", "when", true);
  return new Timeout(when ?? undefined);
}
