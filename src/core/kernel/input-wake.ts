/**
 * The loop's wake for bytes just read: a transport holds many bytes read
 * from the host (a socket, a pipe), and runs the loop in a microtask of that
 * host callback, with a turn's budget of its own, so the protocol and the
 * coroutine reading take the bytes before the host reads from the next
 * connection. In the one batch after all of a host turn's reads
 * (`EventLoop._wake`), a read's worth of bytes waits on every connection at
 * once: under 1,500 connections resetting mid-transfer the server's
 * resident memory stayed near twice plain `node:net`'s (BENCHMARKS.md,
 * W10). A callback gets at most `_turnSeconds` of the loop's work, as a
 * `node:net` handler takes its own time. Not on a virtual clock (see
 * `EventLoop._wakeInTurn`).
 *
 * A function of its own rather than a method of EventLoop: only Node's
 * transports read bytes from the host, and a browser bundle, which keeps
 * every method of a class it keeps, would carry it for nothing.
 */
import type { EventLoop } from "./event-loop.js";
import { scheduleMicrotask } from "./host.js";

/** A loop's input batch: its microtask, and whether it is queued. */
interface InputBatch {
  queued: boolean;
  readonly run: () => void;
}

const batches = new WeakMap<EventLoop, InputBatch>();

/** Runs `loop` in a microtask now, for bytes a transport just read (see above). */
export function wakeForInput(loop: EventLoop): void {
  if (!loop._running || loop._inBatch) return;
  let batch = batches.get(loop);
  if (batch === undefined) {
    const made: InputBatch = {
      queued: false,
      run: () => {
        made.queued = false;
        loop._runBatch(true);
      },
    };
    batch = made;
    batches.set(loop, batch);
  }
  if (batch.queued) return;
  if (loop._clock.virtual) {
    loop._scheduleBatch();
    return;
  }
  // Even when a batch already waits for a host macrotask (another host
  // callback woke the loop, or a batch ran out of time): the bytes are
  // taken now, and that batch finds less to do.
  batch.queued = true;
  loop._batchPending = true;
  scheduleMicrotask(batch.run);
}
