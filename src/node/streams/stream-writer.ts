/**
 * `StreamWriter` over a Node socket (or a child's stdin): `write` buffers at
 * once, `drain()` waits while the stream's buffer is above its high-water
 * mark (real backpressure), `close()` + `waitClosed()` end it.
 */
import type { Socket } from "node:net";
import type { Writable } from "node:stream";
import type { Coroutine } from "../../core/coroutine.js";
import { PromiseFuture } from "../../core/ensure-future.js";
import type { EventLoop } from "../../core/event-loop.js";
import { sleep } from "../../core/sleep.js";
import { ConnectionResetError } from "./connection-errors.js";
import type { StreamReader } from "./stream-reader.js";

export class StreamWriter {
  private readonly _closed: Promise<void>;

  constructor(
    private readonly _socket: Writable,
    private readonly _reader: StreamReader | undefined,
    private readonly _loop: EventLoop,
  ) {
    this._closed = new Promise((resolve) => _socket.once("close", () => resolve()));
  }

  /** The underlying socket or pipe (Python's `transport`). */
  get transport(): Writable {
    return this._socket;
  }

  write(data: Uint8Array | string): void {
    this._socket.write(data);
  }

  writelines(data: Iterable<Uint8Array | string>): void {
    for (const chunk of data) this._socket.write(chunk);
  }

  canWriteEof(): boolean {
    return true;
  }

  /** Half-closes: no more writes, the peer reads EOF. */
  writeEof(): void {
    this._socket.end();
  }

  isClosing(): boolean {
    return this._socket.destroyed || this._socket.writableEnded;
  }

  /** Flushes what was written, then closes the connection. */
  close(): void {
    if (!this._socket.writableEnded) this._socket.end();
    this._socket.once("finish", () => this._socket.destroy());
    if (this._socket.writableFinished) this._socket.destroy();
  }

  /** Waits until the connection is closed. */
  *waitClosed(): Coroutine<void> {
    const done = new PromiseFuture<void>(this._loop, undefined);
    done._follow(this._closed);
    yield* done;
  }

  /**
   * Waits until the write buffer is below its high-water mark; raises the
   * reader's error, or ConnectionResetError if the connection is closing.
   */
  *drain(): Coroutine<void> {
    const exc = this._reader?.exception();
    if (exc !== undefined) throw exc;
    if (this.isClosing()) {
      // As CPython: give the loop a turn so a lost connection is reported first.
      yield* sleep(0);
      throw new ConnectionResetError("Connection lost");
    }
    if (!this._socket.writableNeedDrain) return;
    const socket = this._socket;
    const drained = new PromiseFuture<void>(this._loop, undefined);
    drained._follow(
      new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          socket.off("close", onClose);
          resolve();
        };
        const onClose = (): void => {
          socket.off("drain", onDrain);
          reject(new ConnectionResetError("Connection lost"));
        };
        socket.once("drain", onDrain);
        socket.once("close", onClose);
      }),
    );
    yield* drained;
  }

  /** Python's `get_extra_info`: `peername`, `sockname` or `socket`. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    const s = this._socket as Partial<Socket>;
    if (name === "peername")
      return s.remoteAddress === undefined ? defaultValue : [s.remoteAddress, s.remotePort];
    if (name === "sockname")
      return s.localAddress === undefined ? defaultValue : [s.localAddress, s.localPort];
    if (name === "socket") return s;
    return defaultValue;
  }

  toString(): string {
    return `<StreamWriter ${this.isClosing() ? "closing" : "open"}>`;
  }
}
