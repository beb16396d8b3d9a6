/**
 * `loop.connectReadPipe` and `loop.connectWritePipe` (CPython's
 * base_events.py): wrap a Node Readable or Writable in a pipe transport and
 * return `[transport, protocol]` once `connectionMade` has run. CPython takes
 * a file object and refuses regular files; a Node stream of any kind is
 * accepted here, since Node reads files without blocking the loop.
 */
import type { Readable, Writable } from "node:stream";
import { type Coroutine, EventLoop } from "../../core/kernel/index.js";
import { connectionMade } from "./connection-made.js";
import { ReadPipeTransport, WritePipeTransport } from "./pipe-transports.js";
import type { BaseProtocol, BufferedProtocol, Protocol } from "./protocols.js";
import type { ReadTransport, WriteTransport } from "./transport.js";

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Reads a Node Readable (a pipe, a child's stdout, `process.stdin`) through a protocol's
     * `dataReceived`; at its end, `eofReceived()` then `connectionLost(undefined)`. Returns
     * `[transport, protocol]`; the transport pauses and resumes the stream. Node only.
     *
     * @python `asyncio.loop.connect_read_pipe` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.connect_read_pipe
     * @example
     * ```ts
     * class Lines extends asyncio.Protocol {
     *   override dataReceived(data: Uint8Array): void {
     *     console.log(new TextDecoder().decode(data));
     *   }
     * }
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const [transport] = yield* loop.connectReadPipe(() => new Lines(), process.stdin);
     * }
     * ```
     */
    connectReadPipe<P extends Protocol | BufferedProtocol>(
      protocolFactory: () => P,
      pipe: Readable,
    ): Coroutine<[ReadTransport, P]>;
    /**
     * Writes to a Node Writable (a pipe, a child's stdin, `process.stdout`) through a
     * WriteTransport with flow control; `close()` or `writeEof()` ends it once the buffered data
     * is flushed. Returns `[transport, protocol]`. Node only.
     *
     * @python `asyncio.loop.connect_write_pipe` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.connect_write_pipe
     * @example
     * ```ts
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const [transport] = yield* loop.connectWritePipe(() => new asyncio.BaseProtocol(), process.stdout);
     *   transport.write(new TextEncoder().encode("hello\n"));
     * }
     * ```
     */
    connectWritePipe<P extends BaseProtocol>(
      protocolFactory: () => P,
      pipe: Writable,
    ): Coroutine<[WriteTransport, P]>;
  }
}

EventLoop.prototype.connectReadPipe = function* connectReadPipe<
  P extends Protocol | BufferedProtocol,
>(this: EventLoop, protocolFactory: () => P, pipe: Readable): Coroutine<[ReadTransport, P]> {
  const protocol = protocolFactory();
  const waiter = this.createFuture<void>();
  const transport = new ReadPipeTransport(this, protocol, pipe, waiter);
  yield* connectionMade(transport, waiter);
  return [transport, protocol];
};

EventLoop.prototype.connectWritePipe = function* connectWritePipe<P extends BaseProtocol>(
  this: EventLoop,
  protocolFactory: () => P,
  pipe: Writable,
): Coroutine<[WriteTransport, P]> {
  const protocol = protocolFactory();
  const waiter = this.createFuture<void>();
  const transport = new WritePipeTransport(this, protocol, pipe, waiter);
  yield* connectionMade(transport, waiter);
  return [transport, protocol];
};
