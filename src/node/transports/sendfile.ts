/**
 * `loop.sendfile(transport, file, offset, count)`: CPython's file-to-socket
 * copy that keeps to the transport's flow control. Node has no zero-copy
 * sendfile for sockets, so every transport takes CPython's fallback path:
 * read a block, wait while the transport's buffer is above its high-water
 * mark, write it. For the time of the copy a stand-in protocol watches
 * pause/resumeWriting (as CPython's `_SendfileFallbackProtocol`) and reading
 * is paused; both are restored after.
 */
import type { FileHandle } from "node:fs/promises";
import type { Coroutine, Future } from "../../core/kernel/index.js";
import {
  EventLoop,
  fromPromise,
  RuntimeError,
  reprValue,
  ValueError,
} from "../../core/kernel/index.js";
import { isTlsSocket } from "../lazy-builtins.js";
import { ConnectionError } from "../streams/connection-errors.js";
import { WritePipeTransport } from "./pipe-transports.js";
import { type BufferedProtocol, Protocol } from "./protocols.js";
import { StreamTransport } from "./stream-transport.js";
import type { Transport } from "./transport.js";

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Sends `count` bytes (all, if undefined) of `file` from `offset` over `transport`, keeping
     * to its flow control, and returns the number of bytes sent. Node has no zero-copy sendfile
     * for sockets: this is always CPython's read-and-write fallback (`fallback: false` refuses
     * it for TLS, as CPython does). Node only.
     *
     * @python `asyncio.loop.sendfile` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.sendfile
     * @example
     * ```ts
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", 8888);
     *   const file = yield* asyncio.fromPromise(import("node:fs/promises").then((fs) => fs.open("big.bin")));
     *   const sent = yield* loop.sendfile(writer.transport as asyncio.Transport, file);
     *   writer.close();
     * }
     * ```
     */
    sendfile(
      transport: Transport,
      file: FileHandle,
      offset?: number,
      count?: number,
      options?: { fallback?: boolean },
    ): Coroutine<number>;
  }
}

const BLOCK_SIZE = 16384;

EventLoop.prototype.sendfile = function* sendfile(
  this: EventLoop,
  transport: Transport,
  file: FileHandle,
  offset = 0,
  count?: number,
  options: { fallback?: boolean } = {},
): Coroutine<number> {
  if (transport.isClosing()) throw new RuntimeError("Transport is closing");
  if (!(transport instanceof StreamTransport) || transport instanceof WritePipeTransport) {
    throw new RuntimeError(`sendfile is not supported for transport ${transport}`);
  }
  checkParams(offset, count);
  // A plain socket is CPython's "native" case (here the same copy); TLS only has the fallback.
  if (options.fallback === false && isTlsSocket(transport.stream)) {
    throw new RuntimeError(
      `fallback is disabled and native sendfile is not supported for transport ${transport}`,
    );
  }
  const watch = new SendfileProtocol(transport, this);
  let total = 0;
  try {
    for (;;) {
      const size = count === undefined ? BLOCK_SIZE : Math.min(count - total, BLOCK_SIZE);
      if (size <= 0) return total;
      const block = new Uint8Array(size);
      const { bytesRead } = yield* fromPromise(file.read(block, 0, size, offset + total));
      if (bytesRead === 0) return total;
      yield* watch.drain();
      transport.write(block.subarray(0, bytesRead));
      total += bytesRead;
    }
  } finally {
    watch.restore();
  }
};

/** CPython's `_check_sendfile_params` (the file is a FileHandle: always binary). */
function checkParams(offset: number, count: number | undefined): void {
  if (count !== undefined) {
    if (!Number.isInteger(count)) {
      throw new TypeError(`count must be a positive integer (got ${reprValue(count)})`);
    }
    if (count <= 0) throw new ValueError(`count must be a positive integer (got ${count})`);
  }
  if (!Number.isInteger(offset)) {
    throw new TypeError(`offset must be a non-negative integer (got ${reprValue(offset)})`);
  }
  if (offset < 0) throw new ValueError(`offset must be a non-negative integer (got ${offset})`);
}

/** Stands in for the transport's protocol during the copy. */
class SendfileProtocol extends Protocol {
  private readonly _proto: Protocol | BufferedProtocol;
  private readonly _shouldResumeReading: boolean;
  private readonly _shouldResumeWriting: boolean;
  private _writeReady: Future<void> | undefined;

  constructor(
    private readonly _transport: StreamTransport,
    private readonly _loop: EventLoop,
  ) {
    super();
    this._proto = _transport.getProtocol();
    this._shouldResumeReading = _transport.isReading();
    this._shouldResumeWriting = _transport._isProtocolPaused();
    _transport.pauseReading();
    _transport.setProtocol(this);
    if (this._shouldResumeWriting) this._writeReady = _loop.createFuture<void>();
  }

  *drain(): Coroutine<void> {
    if (this._transport.isClosing()) throw new ConnectionError("Connection closed by peer");
    if (this._writeReady !== undefined) yield* this._writeReady;
  }

  override connectionMade(): void {
    throw new RuntimeError("Invalid state: connection should have been established already.");
  }

  override connectionLost(exc: Error | undefined): void {
    const ready = this._writeReady;
    // Lost in the middle of a copy is an error to the sender, even a clean close.
    if (ready !== undefined && !ready.done()) {
      ready.setException(exc ?? new ConnectionError("Connection is closed by peer"));
      ready.exception();
    }
    this._proto.connectionLost(exc);
  }

  override pauseWriting(): void {
    this._writeReady ??= this._loop.createFuture<void>();
  }

  override resumeWriting(): void {
    const ready = this._writeReady;
    this._writeReady = undefined;
    if (ready !== undefined && !ready.done()) ready.setResult(undefined);
  }

  override dataReceived(): void {
    throw new RuntimeError("Invalid state: reading should be paused");
  }

  override eofReceived(): undefined {
    throw new RuntimeError("Invalid state: reading should be paused");
  }

  restore(): void {
    this._transport.setProtocol(this._proto);
    if (this._shouldResumeReading) this._transport.resumeReading();
    this._writeReady?.cancel();
    if (this._shouldResumeWriting) this._proto.resumeWriting();
  }
}
