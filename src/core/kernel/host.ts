/**
 * The host's own event loop, as the asyncio loop uses it: one macrotask to run
 * a batch of iterations, one timer for the earliest deadline. Found on
 * `globalThis` so the core runs on Node, in browsers and in other runtimes.
 *
 * Invariants: the MessageChannel port is held (`ref`) exactly while a
 * message is on its way, so, as with `setImmediate`, only a batch on its way
 * or a host timer keeps a host process alive; a callback given to
 * `scheduleMicrotask` must not throw. How many macrotasks and timers are
 * asked for is the loop's business (event-loop.ts: at most one of each at
 * a time).
 */

type Callback = () => void;

interface HostGlobals {
  setImmediate?: (cb: Callback) => unknown;
  setTimeout: (cb: Callback, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
  MessageChannel?: new () => {
    port1: {
      onmessage: ((ev: unknown) => void) | null;
      close?: () => void;
      // Node's and Deno's ports; browsers have neither.
      ref?: () => void;
      unref?: () => void;
    };
    port2: { postMessage(v: unknown): void };
  };
}

const host = globalThis as unknown as HostGlobals;

/** Runs `cb` in a fresh macrotask, after pending I/O callbacks and microtasks. */
export const scheduleMacrotask: (cb: Callback) => void = makeMacrotaskScheduler();

function makeMacrotaskScheduler(): (cb: Callback) => void {
  if (typeof host.setImmediate === "function") {
    const setImmediate = host.setImmediate;
    return (cb) => {
      setImmediate(cb);
    };
  }
  if (typeof host.MessageChannel === "function") {
    // Browsers clamp nested setTimeout(0) to 4 ms; a message is a macrotask without the clamp.
    // A listening port keeps a server runtime's process alive: it is held
    // (ref) only while a message is on its way, as a pending setImmediate is.
    const queue: Callback[] = [];
    const channel = new host.MessageChannel();
    const port = channel.port1;
    port.onmessage = () => {
      const cb = queue.shift();
      if (queue.length === 0) port.unref?.();
      if (cb !== undefined) cb();
    };
    port.unref?.();
    return (cb) => {
      if (queue.length === 0) port.ref?.();
      queue.push(cb);
      channel.port2.postMessage(null);
    };
  }
  return (cb) => {
    host.setTimeout(cb, 0);
  };
}

const settled = Promise.resolve();

/**
 * Runs `cb` as a microtask, in the current host turn. A settled Promise's
 * reaction rather than `queueMicrotask`, which on Node also builds an async
 * resource per call. `cb` must not throw: a rejection here is unhandled.
 */
export function scheduleMicrotask(cb: Callback): void {
  void settled.then(cb);
}

/** A host timer: `cb` runs after at least `seconds`. */
export function setHostTimer(cb: Callback, seconds: number): unknown {
  return host.setTimeout(cb, Math.max(0, Math.ceil(seconds * 1000)));
}

export function clearHostTimer(id: unknown): void {
  host.clearTimeout(id);
}
