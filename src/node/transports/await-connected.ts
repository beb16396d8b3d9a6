/**
 * Waits inside a coroutine until a Node socket is connected (`connect`) or
 * its TLS handshake is done (`secureConnect` on a client, `secure` on a
 * server side socket). Cancelling destroys the socket, even once the event
 * has come (the Task not yet resumed); a handshake that takes
 * longer than its timeout fails with CPython's ConnectionAbortedError.
 */
import type { Socket } from "node:net";
import type { Coroutine, EventLoop } from "../../core/kernel/index.js";
import { ConnectionAbortedError, ConnectionResetError } from "../streams/connection-errors.js";
import { waitForEvent } from "./host-event.js";

const handshakeTimeouts = new WeakSet<object>();

/** Whether `error` is the one awaitConnected failed with when a handshake outlived its timeout. */
export function isHandshakeTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null && handshakeTimeouts.has(error);
}

export function* awaitConnected(
  loop: EventLoop,
  socket: Socket,
  event: "connect" | "secureConnect" | "secure",
  handshakeTimeout?: number,
): Coroutine<void> {
  const timer =
    handshakeTimeout === undefined
      ? undefined
      : loop.callLater(handshakeTimeout, () => {
          const seconds = Number.isInteger(handshakeTimeout)
            ? handshakeTimeout.toFixed(1)
            : String(handshakeTimeout);
          const error = new ConnectionAbortedError(
            `SSL handshake is taking longer than ${seconds} seconds: aborting the connection`,
          );
          handshakeTimeouts.add(error);
          socket.destroy(error);
        });
  try {
    yield* waitForEvent<void>(
      loop,
      (ok, fail) => {
        const listeners: [string, (e?: unknown) => void][] = [
          [event, () => settle(ok)],
          ["error", (e) => settle(() => fail(e))],
          // The peer went away mid-handshake without an alert.
          ["end", () => settle(() => fail(new ConnectionResetError("")))],
          ["close", () => settle(() => fail(new ConnectionResetError("")))],
        ];
        const settle = (then: () => void): void => {
          for (const [name, listener] of listeners) socket.off(name, listener);
          parkUntilAdopted(socket);
          then();
        };
        for (const [name, listener] of listeners) socket.once(name, listener);
      },
      () => socket.destroy(),
    );
  } catch (e) {
    // Also where the socket connected but the Task was cancelled before it
    // resumed: CPython's _connect_sock closes its socket on any exception,
    // and a Node socket nobody holds stays open for good.
    socket.destroy();
    throw e;
  } finally {
    timer?.cancel();
  }
}

/**
 * Until a StreamTransport adopts `socket` (maybe much later: a server not
 * serving yet), an error on it must not crash the process; the transport
 * finds it in `socket.errored` when it adopts the socket.
 */
export function parkUntilAdopted(socket: Socket): void {
  socket.on("error", ignore);
}

function ignore(): void {}
