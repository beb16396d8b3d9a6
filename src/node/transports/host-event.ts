/**
 * A Future following a one-shot Node event (a socket connecting, a server
 * listening, a child spawning): `ok` resolves it, `fail` rejects it with the
 * Python error class; cancelling the Future runs `onCancel`. While it is
 * pending the loop counts a host operation, so virtual time does not jump.
 */
import { type EventLoop, PromiseFuture } from "../../core/kernel/index.js";
import { toOSError } from "../streams/connection-errors.js";

export function waitForEvent<T>(
  loop: EventLoop,
  start: (ok: (v: T) => void, fail: (e: unknown) => void) => void,
  onCancel: () => void,
): PromiseFuture<T> {
  const controller = new AbortController();
  controller.signal.addEventListener("abort", onCancel, { once: true });
  const future = new PromiseFuture<T>(loop, controller);
  future._follow(new Promise<T>((resolve, reject) => start(resolve, (e) => reject(toOSError(e)))));
  return future;
}
