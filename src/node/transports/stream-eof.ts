/**
 * How reading ends in a StreamTransport (stream-transport.ts): the peer's
 * EOF, which the protocol's `eofReceived()` may keep open for writing; the
 * probe that tells a reset libuv took for EOF from a real one (`_probeEnd`);
 * and Node's own close of the stream. Each reaches the protocol in its place
 * behind the data read before it (stream-reading.ts's queue).
 */
import type { EventLoop } from "../../core/kernel/index.js";
import { isNetSocket, isTlsSocket } from "../lazy-builtins.js";
import { BufferedProtocol } from "./protocols.js";
import {
  EOF,
  type StreamProtocol,
  StreamReading,
  type StreamReadingOptions,
} from "./stream-reading.js";
import { NOTHING } from "./stream-writing.js";
import { resetBehindUnixEof } from "./unix-reset-probe.js";

export interface StreamEofOptions extends StreamReadingOptions {
  /** A pipe ends at EOF; a socket asks its protocol whether to stay open for writing. */
  closeOnEof?: boolean;
}

export abstract class StreamEof extends StreamReading {
  private readonly _closeOnEof: boolean;
  /**
   * `_probeEnd` found the peer's FIN followed by a reset (EPIPE): Node closes
   * the socket, but CPython's transport stays open after an EOF kept open,
   * and its next send() fails (stream-writing.ts, `_writeChunk` on a
   * destroyed stream).
   */
  private _resetAfterEof = false;
  /** eofReceived() asked to keep the connection open for writing. */
  protected _keptOpen = false;
  /**
   * How `_probeEnd` asks whether an EOF was a reset, where libuv may take one
   * for EOF: one plain socket, not TLS, read and written. On TCP an empty
   * write tells; a Unix socket whose peer closed refuses even that (EPIPE),
   * so a read tells there (unix-reset-probe.ts). Null: not asked.
   */
  private readonly _endProbe: "tcp" | "unix" | null;

  constructor(loop: EventLoop, protocol: StreamProtocol, options: StreamEofOptions) {
    super(loop, protocol, options);
    this._closeOnEof = options.closeOnEof ?? false;
    const socket = this._writable;
    this._endProbe =
      !isNetSocket(socket) || (socket as unknown) !== this._readable || isTlsSocket(socket)
        ? null
        : socket.remotePort !== undefined
          ? "tcp"
          : "unix";
  }

  abstract close(): void;

  /** @internal Node's 'end': the peer's EOF, or a reset libuv took for one (`_probeEnd`). */
  _onHostEnd(): void {
    if (this._connLost > 0 || this._probeEnd()) return;
    this._incoming.push(EOF);
    this._scheduleDelivery();
  }

  /**
   * libuv reports a reset that came in with the last data as EOF: a hang-up
   * seen with a short read is taken for EOF without reading on
   * (uv__stream_io), where CPython's next recv() raises ConnectionResetError.
   * The error is still pending on the socket, and an empty write, which sends
   * nothing, fails with it or succeeds, and the EOF is real. Only where
   * nothing is waiting to be sent: a write waiting for a peer that does not
   * read would hold the EOF back (and a reset fails that write anyway).
   */
  private _probeEnd(): boolean {
    if (this._endProbe === "unix") {
      const reset = resetBehindUnixEof(this._readable);
      if (reset !== undefined) this._failAfterIncoming(reset);
      return reset !== undefined;
    }
    const socket = this._writable;
    if (
      this._endProbe !== "tcp" ||
      socket === undefined ||
      socket.writableLength > 0 ||
      socket.writableEnded ||
      socket.destroyed
    )
      return false;
    socket.write(NOTHING, (err?: Error | null) => this._onEndProbed(err));
    return true;
  }

  private _onEndProbed(err: Error | null | undefined): void {
    if (this._connLost > 0) return;
    // The 'error' event that follows a failed probe is taken care of here.
    if (err != null) this._hostErrorTaken = true;
    // ECONNRESET: a reset without the peer's FIN (the kernel says EPIPE for
    // one after it), which CPython's recv() raises after the data. After the
    // FIN, recv() says EOF, and Node's close of the socket follows it.
    if ((err as NodeJS.ErrnoException | null | undefined)?.code === "ECONNRESET") {
      this._failAfterIncoming(err!);
      return;
    }
    this._resetAfterEof = err != null;
    this._incoming.push(EOF);
    this._scheduleDelivery();
  }

  protected override _onEof(): void {
    // CPython's BufferedProtocol is asked for a buffer before the recv that finds EOF.
    if (this._protocol instanceof BufferedProtocol && this._askBuffer() === undefined) return;
    let keepOpen: boolean | undefined;
    try {
      keepOpen = this._protocol.eofReceived();
    } catch (exc) {
      this._fatalError(exc, "Fatal error: protocol.eof_received() call failed.");
      return;
    }
    if (!keepOpen || this._closeOnEof) this.close();
    else this._keptOpen = true;
  }

  /**
   * Node closed the stream by itself. After both halves were shut down (EOF
   * kept open, then writeEof), or a reset behind an EOF kept open, CPython's
   * transport stays open until close() or a write; otherwise the connection
   * is gone.
   */
  protected override _onClosedByHost(): void {
    if (this._keptOpen && (this._eof || this._resetAfterEof)) return;
    this._forceClose(undefined);
  }
}
