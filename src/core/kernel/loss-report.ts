/**
 * "Future exception was never retrieved": CPython reports a Future that
 * finished with an exception nobody looked at when the Future is destroyed.
 *
 * Here the report comes either when the garbage collector frees such a Future
 * (a FinalizationRegistry) or, deterministically, when its loop closes while
 * the Future is still alive and unretrieved. A Future stops being tracked as
 * soon as `result()` or `exception()` is called or it is cancelled.
 *
 * The registry's held record must keep the exception (the report carries it)
 * and must not reach the Future, or the Future is never freed. A native
 * Error's stack is the trap: until it is first read, V8 keeps it as call
 * sites that hold each frame's receiver, and the Task whose step threw is one
 * of them. So an error is made to format its stack (which drops the call
 * sites) before it is held, and since formatting costs about as much as
 * throwing, only errors still unretrieved when the loop's batch ends pay it:
 * most failures are retrieved within the batch (by an awaiting Task, gather,
 * a TaskGroup) and are never registered at all.
 */
import { className, named } from "./class-name.js";
import type { EventLoop } from "./event-loop.js";
import type { KernelLoop } from "./events.js";
import type { Future } from "./futures.js";
import { inspectCustom } from "./inspect.js";

/** A loop's unretrieved failures. */
export class Unretrieved {
  /** Failed during the current batch, not yet registered (in failure order). */
  fresh: Future<unknown>[] = [];
  /** Registered with the garbage collector, in failure order. */
  readonly watched = new Set<WeakRef<Future<unknown>>>();
}

/**
 * What the report names as `future` once the Future itself is gone: its repr
 * at the time it was registered, printed as the Future would be.
 *
 * @python no counterpart: CPython reports a Future from its `__del__`, while it still exists — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_exception_handler
 * @example
 * ```ts
 * loop.setExceptionHandler((loop, context) => {
 *   if (context.future instanceof asyncio.CollectedFuture) console.error(String(context.future));
 * });
 * ```
 */
export class CollectedFuture {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "CollectedFuture");
  constructor(private readonly _repr: string) {}
  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * The repr the Future had, printed as the Future would be.
   *
   * @python `asyncio.Future.__repr__` (of the Future it stands for) — https://docs.python.org/3/library/asyncio-future.html#asyncio.Future
   * @example
   * ```ts
   * console.log(String(context.future)); // <Task finished name='Task-3' ... exception=ValueError('bad')>
   * ```
   */
  toString(): string {
    return this._repr;
  }
}

interface Held {
  loop: KernelLoop;
  ref: WeakRef<Future<unknown>>;
  exception: unknown;
  message: string;
  future: CollectedFuture;
  sourceTraceback: string | undefined;
}

// The report runs outside the Task's Context: holding the Context could hold the Task again.
const registry = new FinalizationRegistry<Held>((held) => {
  if (!held.loop._unretrieved.watched.delete(held.ref)) return;
  const context: Record<string, unknown> = {
    message: held.message,
    exception: held.exception,
    future: held.future,
  };
  if (held.sourceTraceback !== undefined) context.sourceTraceback = held.sourceTraceback;
  held.loop.callExceptionHandler(context);
});

/** `future` has just failed: watch it from the end of the batch (at once if its loop is not running). */
export function trackUnretrieved(future: Future<unknown>): void {
  const loop = future._loop;
  if (loop._running) loop._unretrieved.fresh.push(future);
  else watch(future);
}

/** The exception was retrieved (the caller clears `_logTraceback`). */
export function untrackUnretrieved(future: Future<unknown>): void {
  const ref = future._logRef;
  if (ref === undefined) return;
  future._logRef = undefined;
  future._loop._unretrieved.watched.delete(ref);
  registry.unregister(ref);
}

/** The batch is over: what failed in it and is still unretrieved goes to the garbage collector's watch. */
export function watchFailedThisBatch(loop: EventLoop): void {
  const fresh = loop._unretrieved.fresh;
  loop._unretrieved.fresh = [];
  for (const future of fresh) {
    if (future._logTraceback && future._logRef === undefined) watch(future);
  }
}

/** Reports every Future of `loop` still alive with an unretrieved exception. */
export function reportUnretrieved(loop: EventLoop): void {
  watchFailedThisBatch(loop);
  const refs = [...loop._unretrieved.watched];
  loop._unretrieved.watched.clear();
  for (const ref of refs) {
    const future = ref.deref();
    registry.unregister(ref);
    if (future === undefined || !future._logTraceback) continue;
    future._logTraceback = false;
    future._logRef = undefined;
    const context: Record<string, unknown> = {
      message: neverRetrievedMessage(future),
      exception: future._exception,
      future,
    };
    if (future._sourceTraceback !== undefined) context.sourceTraceback = future._sourceTraceback;
    loop.callExceptionHandler(context);
  }
}

function watch(future: Future<unknown>): void {
  const exception = future._exception;
  releaseCallSites(exception, 0);
  const ref = new WeakRef(future);
  future._logRef = ref;
  future._loop._unretrieved.watched.add(ref);
  const held: Held = {
    loop: future._loop,
    ref,
    exception,
    message: neverRetrievedMessage(future),
    future: new CollectedFuture(String(future)),
    sourceTraceback: future._sourceTraceback,
  };
  registry.register(future, held, ref);
}

/** Formats the stacks of `exc`, its cause and the errors it groups, so none keeps its frames' receivers. */
function releaseCallSites(exc: unknown, depth: number): void {
  if (!(exc instanceof Error) || depth > 16) return;
  try {
    void exc.stack;
  } catch {
    // A throwing Error.prepareStackTrace: the stack stays as it is.
  }
  releaseCallSites(exc.cause, depth + 1);
  if (exc instanceof AggregateError) {
    for (const inner of exc.errors) releaseCallSites(inner, depth + 1);
  }
}

function neverRetrievedMessage(future: Future<unknown>): string {
  return `${className(future)} exception was never retrieved`;
}
