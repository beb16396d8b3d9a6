/**
 * The loop's side of async generators: CPython's `_asyncgen_firstiter_hook`,
 * `_asyncgen_finalizer_hook` and `shutdown_asyncgens`.
 *
 * The first iteration of an async generator registers it with the running
 * loop, weakly (CPython's `loop._asyncgens` WeakSet; here WeakRefs kept in
 * first-iteration order). If the garbage collector frees one that is not
 * finished, the loop closes what is left of it (its AgenFrame, which the
 * FinalizationRegistry keeps and which does not reference the freed object)
 * in a Task of its own, as CPython's finalizer hook does with
 * `call_soon_threadsafe(create_task, agen.aclose())`. `shutdownAsyncgens`
 * (run by `Runner.close`) closes every one still registered, concurrently,
 * and reports the errors to the exception handler.
 *
 * A finished generator is dropped at once: CPython would have freed an
 * unreferenced one by reference counting, and a JavaScript one waits for
 * the collector, so keeping it would add a Task to every shutdown.
 */
import type { AgenFrame, AgenRegistration } from "./async-generator-frame.js";
import { gather } from "./gather.js";
import { BaseException, type Coroutine, type EventLoop, type Task } from "./kernel/index.js";

/** What the FinalizationRegistry keeps for a registered generator. */
class Registration implements AgenRegistration {
  constructor(
    readonly tracker: AsyncgenTracker,
    readonly ref: WeakRef<object>,
    readonly frame: AgenFrame,
  ) {}

  discard(): void {
    this.tracker._forget(this);
  }
}

export class AsyncgenTracker {
  private readonly _live = new Set<Registration>();
  private readonly _finalizer = new FinalizationRegistry<Registration>((r) => this._finalized(r));

  constructor(private readonly _loop: EventLoop) {}

  /** The firstiter hook: `agen` (whose state is `frame`) was iterated for the first time. */
  add(agen: object, frame: AgenFrame): void {
    const loop = this._loop;
    if (loop._asyncgensShutdownCalled && loop._debug) {
      // CPython's ResourceWarning, which Python shows only when warnings are enabled.
      console.warn(
        `asynchronous generator ${agen} was scheduled after loop.shutdownAsyncgens() call`,
      );
    }
    const registration = new Registration(this, new WeakRef(agen), frame);
    this._live.add(registration);
    this._finalizer.register(agen, registration, registration);
    frame._registration = registration;
  }

  /** @internal */
  _forget(registration: Registration): void {
    this._live.delete(registration);
    this._finalizer.unregister(registration);
  }

  /** The finalizer hook: the generator was freed before it finished. */
  private _finalized(registration: Registration): void {
    this._live.delete(registration);
    const frame = registration.frame;
    frame._registration = null;
    const loop = this._loop;
    if (frame.closed || loop.isClosed()) return;
    loop.callSoonThreadsafe(createCloseTask, loop, frame.close(frame));
  }

  /** Python's `shutdown_asyncgens`, for `EventLoop.shutdownAsyncgens`. */
  *shutdown(): Coroutine<void> {
    yield* shutdownAsyncgens(this._loop, this.takeAll());
  }

  /** The registered generators still alive, forgetting them (shutdown closes them). */
  takeAll(): object[] {
    const agens: object[] = [];
    for (const registration of this._live) {
      const agen = registration.ref.deref();
      if (agen !== undefined) agens.push(agen);
    }
    this._live.clear();
    return agens;
  }
}

function createCloseTask(loop: EventLoop, closing: Coroutine<void>): void {
  loop.createTask(closing);
}

/** Closes `live` (the generators still registered) concurrently and reports the failures. */
function* shutdownAsyncgens(loop: EventLoop, live: object[]): Coroutine<void> {
  const agens = live as { aclose(): Coroutine<void> }[];
  if (agens.length === 0) return;
  // What gather would make of the coroutines, made here to read each one's outcome.
  const closing = agens.map((agen) => loop.createTask(agen.aclose()));
  yield* gather.from(closing, { returnExceptions: true });
  closing.forEach((task: Task<void>, i) => {
    // CPython reports `Exception`s only: not a CancelledError, KeyboardInterrupt, SystemExit.
    if (!task._failed || task.exception() instanceof BaseException) return;
    loop.callExceptionHandler({
      message: `an error occurred during closing of asynchronous generator ${agens[i]}`,
      exception: task.exception(),
      asyncgen: agens[i],
    });
  });
}
