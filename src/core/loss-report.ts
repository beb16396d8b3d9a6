/**
 * "Future exception was never retrieved": CPython reports a Future that
 * finished with an exception nobody looked at when the Future is destroyed.
 *
 * Here the report comes either when the garbage collector frees such a Future
 * (a FinalizationRegistry; the held record cannot point at the Future, so it
 * carries its description) or, deterministically, when its loop closes while
 * the Future is still alive and unretrieved. A Future stops being tracked as
 * soon as `result()` or `exception()` is called or it is cancelled.
 */
import type { EventLoop } from "./event-loop.js";
import type { Future } from "./futures.js";

interface Held {
  loop: EventLoop;
  ref: WeakRef<Future<unknown>>;
  exception: unknown;
  message: string;
  description: string;
}

const registry = new FinalizationRegistry<Held>((held) => {
  if (!held.loop._unretrieved.delete(held.ref)) return;
  held.loop.callExceptionHandler({
    message: held.message,
    exception: held.exception,
    future: held.description,
  });
});

export function trackUnretrieved(future: Future<unknown>): void {
  const ref = new WeakRef(future);
  future._logRef = ref;
  future._loop._unretrieved.add(ref);
  registry.register(
    future,
    {
      loop: future._loop,
      ref,
      exception: future._exception,
      message: neverRetrievedMessage(future),
      description: String(future),
    },
    ref,
  );
}

export function untrackUnretrieved(future: Future<unknown>): void {
  const ref = future._logRef;
  if (ref === undefined) return;
  future._logRef = undefined;
  future._loop._unretrieved.delete(ref);
  registry.unregister(ref);
}

/** Reports every Future of `loop` still alive with an unretrieved exception. */
export function reportUnretrieved(loop: EventLoop): void {
  const refs = [...loop._unretrieved];
  loop._unretrieved.clear();
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

function neverRetrievedMessage(future: Future<unknown>): string {
  return `${future.constructor.name} exception was never retrieved`;
}
