/**
 * The state machine of an async generator (CPython's `PyAsyncGenObject` and
 * its `asend`/`athrow` awaitables), kept apart from the `AsyncGenerator`
 * object users hold so that the garbage collector can tell when that object
 * is gone while this part lives on to be closed (see asyncgen-hooks.ts): a
 * FinalizationRegistry cannot resurrect its target, so what it keeps must not
 * reference it.
 *
 * The body is one generator doing both things a Python async generator's
 * frame does. A Future (or a bare `yield`) it yields is an await: the
 * coroutine driving the current `anext()` yields it on to its Task and hands
 * the outcome back. An `EmitStep` it yields (`yield* emit(x)`) is Python's
 * `yield x`: it ends that `anext()` with `x`, leaving the body suspended
 * until the next `anext()`/`asend(v)` resumes it (with `v`), `athrow(e)`
 * throws into it, or `aclose()` throws GeneratorExit into it.
 */

import { AsyncgenTracker } from "./asyncgen-hooks.js";
import {
  _getRunningLoop,
  type Coroutine,
  GeneratorExit,
  RuntimeError,
  StopAsyncIteration,
  type Yielded,
} from "./kernel/index.js";

/** The body of an async generator once called with its `emit`. */
export type AgenBody = Generator<unknown, unknown, unknown>;

/** Where an async generator is registered, to be forgotten once it is finished (asyncgen-hooks.ts). */
export interface AgenRegistration {
  discard(): void;
}

const CREATED = 0;
const SUSPENDED = 1;
const CLOSED = 2;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * What `yield* emit(x)` delegates to: it yields itself once (the frame sees
 * an emission of `value`), then returns what the next `asend` sent. Not a
 * coroutine: a Task given one refuses it.
 */
export class EmitStep {
  private _started = false;

  constructor(
    readonly frame: AgenFrame,
    readonly value: unknown,
  ) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(sent?: unknown): IteratorResult<EmitStep, unknown> {
    if (this._started) return { done: true, value: sent };
    this._started = true;
    return { done: false, value: this };
  }

  throw(error: unknown): never {
    this._started = true;
    throw error;
  }

  return(value?: unknown): IteratorResult<EmitStep, unknown> {
    this._started = true;
    return { done: true, value };
  }

  toString(): string {
    return "<emit() outside its async generator>";
  }
}

export class AgenFrame {
  private _state = CREATED;
  /** @internal Python's `ag_running_async`: an anext/asend/athrow/aclose is in progress. */
  _running = false;
  /** Python's `ag_hooks_inited`: the running loop was told of the first iteration. */
  private _hooksInited = false;
  /** @internal The loop's record of this generator while it may need closing. */
  _registration: AgenRegistration | null = null;
  /** @internal The loop the generator was first iterated on (or created on), for `for await`. */
  _homeLoop = _getRunningLoop();
  private readonly _body: AgenBody;

  constructor(
    makeBody: (emit: (value: unknown) => EmitStep) => unknown,
    readonly name: string,
  ) {
    const body = makeBody((value) => new EmitStep(this, value));
    if (!isGenerator(body)) {
      throw new TypeError("asyncGenerator() expects a generator function (function*)");
    }
    this._body = body;
  }

  /** True once the body has returned, raised, or been closed. */
  get closed(): boolean {
    return this._state === CLOSED;
  }

  /**
   * Python's `async_gen_init_hooks`, run when any of the four methods is
   * called: the first call tells the running loop (its firstiter hook).
   */
  initHooks(agen: object): void {
    if (this._hooksInited) return;
    this._hooksInited = true;
    const loop = _getRunningLoop();
    if (loop === null) return;
    this._homeLoop = loop;
    // Python's `_asyncgen_firstiter_hook`: the loop tracks the generator, weakly.
    (loop._asyncgens ??= new AsyncgenTracker(loop)).add(agen, this);
  }

  /**
   * `anext()` (value `undefined`) and `asend(value)`. `keep` is the
   * AsyncGenerator, held while the call runs, as CPython's awaitable holds
   * its generator: it must not be finalised in the middle of a step.
   */
  *send(value: unknown, keep: object): Coroutine<IteratorResult<unknown, undefined>> {
    if (this._running) throw new RuntimeError("anext(): asynchronous generator is already running");
    if (this._state === CLOSED) return DONE;
    if (this._state === CREATED && value !== undefined) {
      throw new TypeError("can't send non-None value to a just-started async generator");
    }
    return yield* this._resume(false, value, false, keep);
  }

  /** `athrow(error)`; on a finished generator it returns done, as CPython 3.13's returns None. */
  *throwIn(error: unknown, keep: object): Coroutine<IteratorResult<unknown, undefined>> {
    if (this._running)
      throw new RuntimeError("athrow(): asynchronous generator is already running");
    if (this._state === CLOSED) return DONE;
    return yield* this._resume(true, error, false, keep);
  }

  /** `aclose()`: GeneratorExit at the suspended emit; the body's `finally` blocks may await. */
  *close(keep: object): Coroutine<void> {
    if (this._running)
      throw new RuntimeError("aclose(): asynchronous generator is already running");
    if (this._state === CLOSED) return;
    if (this._state === CREATED) {
      this._body.return(undefined);
      this._finish();
      return;
    }
    try {
      yield* this._resume(true, new GeneratorExit(), true, keep);
    } catch (e) {
      // The body let GeneratorExit out (or raised another one): closed as asked.
      if (e instanceof GeneratorExit && this._state === CLOSED) return;
      throw e;
    }
  }

  /** Runs the body until it emits or finishes, passing its awaits through to the Task. */
  private *_resume(
    throwing: boolean,
    arg: unknown,
    closing: boolean,
    keep: object,
  ): Coroutine<IteratorResult<unknown, undefined>> {
    this._running = true;
    try {
      let r = this._advance(throwing, arg);
      for (;;) {
        if (r.done === true) return DONE;
        const yielded = r.value;
        if (yielded instanceof EmitStep) {
          if (yielded.frame !== this) {
            r = this._advance(true, new RuntimeError("emit() of another async generator"));
            continue;
          }
          this._state = SUSPENDED;
          // The body is left suspended at this emit, as CPython leaves it at that yield.
          if (closing) throw new RuntimeError("async generator ignored GeneratorExit");
          return { done: false, value: yielded.value };
        }
        let sent: unknown;
        try {
          sent = yield yielded as Yielded;
        } catch (e) {
          r = this._advance(true, e);
          continue;
        }
        r = this._advance(false, sent);
      }
    } finally {
      this._running = false;
      holdUntilHere(keep);
    }
  }

  /** One resumption of the body; an error out of it (or its return) finishes the generator. */
  private _advance(throwing: boolean, arg: unknown): IteratorResult<unknown, unknown> {
    let r: IteratorResult<unknown, unknown>;
    try {
      r = throwing ? this._body.throw(arg) : this._body.next(arg);
    } catch (e) {
      this._finish();
      if (e instanceof StopAsyncIteration) {
        throw new RuntimeError("async generator raised StopAsyncIteration", { cause: e });
      }
      throw e;
    }
    if (r.done === true) this._finish();
    return r;
  }

  private _finish(): void {
    this._state = CLOSED;
    const registration = this._registration;
    if (registration !== null) {
      this._registration = null;
      registration.discard();
    }
  }
}

/** Keeps `value` alive up to this call (a generator's suspended frame holds what it will use). */
function holdUntilHere(_value: object): void {}

function isGenerator(value: unknown): value is AgenBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AgenBody).next === "function" &&
    typeof (value as AgenBody).throw === "function" &&
    typeof (value as AgenBody).return === "function"
  );
}
