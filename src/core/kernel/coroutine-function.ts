/**
 * `coroutine(fn)`: a coroutine function whose coroutines remember how they
 * were called, as Python's `@asyncio.coroutine` marked the generator-based
 * coroutines of Python 3.4–3.10 (and, in debug mode, wrapped them to say
 * where they came from).
 *
 * Why a wrapper: a generator object knows neither the function that made it
 * nor its arguments, and calling a generator function runs none of its body,
 * so no one but the caller sees the call. The stack of a suspended coroutine
 * gives its function's name (stack.ts, `coroutineFrame`) but never its
 * arguments; and a coroutine awaited directly (`yield* sendMessage(to)`, no
 * Task) hands its result to its caller through the engine, where no loop sees
 * it. So only a wrapper can label `sendMessage("John Doe")` and its result.
 * Rejected: reading the call site's source text at the caller's frame
 * (Node only, gives `sendMessage(to)` rather than values, and never the
 * result); patching the generator prototype's `next` while tracing (sees
 * results but not arguments, and slows every generator of the process).
 * The name is the engine's: a minifier that renames functions renames it.
 *
 * What it costs: unwrapped coroutines pay nothing. A wrapped one carries its
 * call in a symbol-keyed property (reprs then name it): about as cheap as
 * the call itself, where a WeakMap entry per coroutine cost four times a
 * direct `yield*` of it (its entries burden the garbage collector). While the
 * running loop is traced, it is also wrapped in a generator that tells the
 * tracer when it is awaited directly inside a Task and how it ended.
 */
import type { Coroutine } from "./coroutine.js";
import { _getRunningLoop } from "./running-loop.js";

/**
 * A call of a coroutine function made by `coroutine()`.
 *
 * @python no counterpart: what Python's frames show of a coroutine's call (`coro=<sendMessage()>`) — https://docs.python.org/3/library/asyncio-task.html#asyncio.Task.get_coro
 * @example
 * ```ts
 * const sendMessage = asyncio.coroutine(function* sendMessage(to: string) {
 *   yield* asyncio.sleep(1);
 * });
 * const call: asyncio.CoroutineCall = { name: "sendMessage", args: ["John Doe"] }; // what sendMessage("John Doe") records
 * ```
 */
export interface CoroutineCall {
  /** The function's name. */
  readonly name: string;
  /** The arguments it was called with. */
  readonly args: readonly unknown[];
}

/** How a coroutine awaited directly ended: returned a value, raised, or was closed unfinished. */
export type CoroutineEnd = "returned" | "raised" | "closed";

const CALL = Symbol("asyncio.coroutine call");

/** A coroutine made by `coroutine()`, carrying its call. */
type Called = { [CALL]?: CoroutineCall };

/** The call that made `coro`, if a function made by `coroutine()` made it. */
export function callOf(coro: unknown): CoroutineCall | undefined {
  return typeof coro === "object" && coro !== null ? (coro as Called)[CALL] : undefined;
}

/**
 * Makes a coroutine function whose coroutines know their function's name and
 * arguments: Task reprs show `coro=<sendMessage()>`, and traces label them
 * `sendMessage("John Doe")` with their results, even when they are awaited
 * directly rather than run as Tasks (`toMermaid` draws them). Name the
 * generator function: its name is the label, unless `options.name` gives
 * one. A bundler may rename the function (esbuild makes it `sendMessage2`
 * when a top-level name of the module is also `sendMessage`, as in the
 * example; a minifier, anything), and the name given stays.
 *
 * @typeParam F - the generator function's type, which the result keeps.
 * @param options - `name`: the label, instead of the function's own name.
 *
 * @python `asyncio.coroutine` (removed in Python 3.11) — https://docs.python.org/3/library/asyncio-task.html
 * @example
 * ```ts
 * const sendMessage = asyncio.coroutine(function* sendMessage(to: string) {
 *   yield* asyncio.sleep(2);
 *   return `Completed message to ${to}`;
 * });
 * const fetchPage = asyncio.coroutine(function* (url: string) {
 *   yield* asyncio.sleep(1);
 *   return url;
 * }, { name: "fetchPage" }); // labelled fetchPage however it is bundled
 * ```
 */
export function coroutine<F extends (...args: never[]) => Coroutine<unknown>>(
  fn: F,
  options?: { readonly name?: string },
): F {
  const name = options?.name ?? (fn.name || "<anonymous>");
  const made = function (this: unknown, ...args: never[]): Coroutine<unknown> {
    const coro = fn.apply(this, args);
    const call: CoroutineCall = { name, args };
    const loop = _getRunningLoop();
    if (loop === null || loop._tracer === null) {
      (coro as Called)[CALL] = call;
      return coro;
    }
    const self: { coro?: Coroutine<unknown> } = {};
    const reporting = reported(coro, call, self);
    self.coro = reporting;
    (reporting as Called)[CALL] = call;
    return reporting;
  };
  Object.defineProperty(made, "name", { value: name });
  // Still a generator function to `iscoroutinefunction` (coroutine.ts), as `@coroutine` made it.
  Object.setPrototypeOf(made, Object.getPrototypeOf(fn));
  return made as F;
}

/**
 * `coro`, telling the tracer of the loop it runs on when it is awaited
 * directly inside a Task and how it ended. A Task's own coroutine is the
 * Task's to report (its creation, its result), so that one is passed through.
 */
function* reported<T>(
  coro: Coroutine<T>,
  call: CoroutineCall,
  self: { coro?: Coroutine<T> },
): Coroutine<T> {
  const loop = _getRunningLoop();
  const task = loop === null ? null : loop._currentTask;
  const tracer = loop === null ? null : loop._tracer;
  if (tracer === null || task === null || task._coro === self.coro) return yield* coro;
  tracer._coroutineAwaited(task, call);
  let end: CoroutineEnd = "closed";
  let outcome: unknown;
  try {
    outcome = yield* coro;
    end = "returned";
    return outcome as T;
  } catch (e) {
    end = "raised";
    outcome = e;
    throw e;
  } finally {
    tracer._coroutineEnded(task, call, end, outcome);
  }
}
