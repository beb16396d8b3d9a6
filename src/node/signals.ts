/**
 * Signal handlers on the loop (`loop.addSignalHandler`,
 * `loop.removeSignalHandler`), which Python's Unix loop has and the core loop
 * cannot: the Node layer adds them to EventLoop when it is loaded (the
 * package's Node entry loads it; the browser entry does not).
 *
 * A handler is a Handle scheduled on the loop each time the signal arrives,
 * as CPython's `_UnixSelectorEventLoop` does: the callback runs inside the
 * loop, never inside Node's signal listener. Closing the loop removes them.
 *
 * While the loop runs with a handler installed, the Node process stays alive
 * to wait for the signal (see process-hold.ts), as CPython's loop waits in
 * `select()`; removing the last handler, or the loop stopping, releases it.
 */
import {
  copyContext,
  EventLoop,
  Handle,
  isCoroutineOrFunction,
  RuntimeError,
  unboundMethodError,
  ValueError,
} from "../core/kernel/index.js";
import { os } from "./lazy-builtins.js";
import { ProcessHold } from "./process-hold.js";

/**
 * A signal by name (`"SIGINT"`) or number (`2`).
 *
 * @python `signal.Signals` — https://docs.python.org/3/library/signal.html
 * @example
 * ```ts
 * const sig: asyncio.SignalLike = "SIGTERM";
 * asyncio.getRunningLoop().addSignalHandler(sig, () => console.log("terminating"));
 * ```
 */
export type SignalLike = NodeJS.Signals | number;

interface Installed {
  handle: Handle;
  listener: () => void;
}

/** A loop's signal handlers, and the hold on the process they need while it runs. */
interface LoopSignals {
  handlers: Map<NodeJS.Signals, Installed>;
  hold: ProcessHold;
}

declare module "../core/kernel/event-loop.js" {
  interface EventLoop {
    /** @internal */ _signals?: LoopSignals;
    /**
     * Runs `callback(...args)` on the loop (never inside Node's listener) whenever `sig` arrives,
     * replacing a handler already set for it; while one is set, the running loop keeps the
     * process alive. TypeError for a coroutine function, and for a method Python programs pass
     * bound (`stop.set`, `loop.stop`) passed unbound, as `callSoon` refuses it. Node only.
     *
     * @python `asyncio.loop.add_signal_handler` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.add_signal_handler
     * @example
     * ```ts
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const stop = loop.createFuture<void>();
     *   loop.addSignalHandler("SIGTERM", () => stop.setResult());
     *   yield* stop; // until `kill <pid>`
     * }
     * ```
     */
    addSignalHandler<A extends unknown[]>(
      sig: SignalLike,
      callback: (...args: A) => unknown,
      ...args: A
    ): void;
    /**
     * Removes the handler of `sig`; returns whether there was one. Node only.
     *
     * @python `asyncio.loop.remove_signal_handler` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.remove_signal_handler
     * @example
     * ```ts
     * const loop = asyncio.getRunningLoop();
     * loop.addSignalHandler("SIGINT", () => loop.stop());
     * console.log(loop.removeSignalHandler("SIGINT")); // true
     * ```
     */
    removeSignalHandler(sig: SignalLike): boolean;
  }
}

EventLoop.prototype.addSignalHandler = function addSignalHandler<A extends unknown[]>(
  this: EventLoop,
  sig: SignalLike,
  callback: (...args: A) => unknown,
  ...args: A
): void {
  if (isCoroutineOrFunction(callback)) {
    throw new TypeError("coroutines cannot be used with add_signal_handler()");
  }
  // `add_signal_handler(SIGTERM, stop.set)` ported as is: refused now, as callSoon refuses it,
  // rather than failing inside asyncio-ts when the signal comes, with nothing set.
  const unbound = unboundMethodError(callback, "addSignalHandler");
  if (unbound !== undefined) throw unbound;
  const name = signalName(sig);
  this._checkClosed();
  this.removeSignalHandler(name);
  const handle = new Handle(callback, args, this, copyContext());
  const listener = (): void => {
    if (handle.cancelled()) this.removeSignalHandler(name);
    else if (!this.isClosed()) this._pushReady(handle);
  };
  try {
    process.on(name, listener);
  } catch (e) {
    // SIGKILL and SIGSTOP: CPython's message, from the errno signal() failed with.
    if ((e as { code?: unknown }).code === "EINVAL") {
      throw new RuntimeError(`sig ${os().constants.signals[name]} cannot be caught`);
    }
    throw new RuntimeError(`cannot handle ${name}: ${(e as Error).message}`);
  }
  const signals = loopSignals(this);
  signals.handlers.set(name, { handle, listener });
  // A signal may arrive at any time: a virtual clock polls the host before each jump.
  this._hostSources++;
  holdWhileWaiting(signals, this.isRunning());
};

EventLoop.prototype.removeSignalHandler = function removeSignalHandler(
  this: EventLoop,
  sig: SignalLike,
): boolean {
  const name = signalName(sig);
  const signals = this._signals;
  const installed = signals?.handlers.get(name);
  if (signals === undefined || installed === undefined) return false;
  signals.handlers.delete(name);
  this._hostSources--;
  process.off(name, installed.listener);
  holdWhileWaiting(signals, this.isRunning());
  return true;
};

function loopSignals(loop: EventLoop): LoopSignals {
  if (loop._signals !== undefined) return loop._signals;
  const signals: LoopSignals = { handlers: new Map(), hold: new ProcessHold() };
  loop._signals = signals;
  loop._closeHooks.push(() => {
    for (const name of [...signals.handlers.keys()]) loop.removeSignalHandler(name);
  });
  loop._runningHooks.push((running) => holdWhileWaiting(signals, running));
  return signals;
}

/** A running loop with a handler waits for its signal; a stopped one has nothing to run it. */
function holdWhileWaiting(signals: LoopSignals, running: boolean): void {
  signals.hold.set(running && signals.handlers.size > 0);
}

/** The signal's name; TypeError for what is not a signal, ValueError for an unknown one. */
function signalName(sig: SignalLike): NodeJS.Signals {
  const signals = os().constants.signals as Record<string, number>;
  if (typeof sig === "number") {
    const name = Object.keys(signals).find((k) => signals[k] === sig);
    if (name === undefined) throw new ValueError(`invalid signal number ${sig}`);
    return name as NodeJS.Signals;
  }
  if (typeof sig !== "string") throw new TypeError(`sig must be an int, not ${String(sig)}`);
  if (!(sig in signals)) throw new ValueError(`invalid signal ${sig}`);
  return sig;
}
