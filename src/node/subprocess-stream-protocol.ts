/**
 * SubprocessStreamProtocol (CPython's, in asyncio/subprocess.py): the
 * protocol `createSubprocessExec` gives the loop's subprocess transport. It
 * turns the child's pipes into streams, stdout and stderr into StreamReaders
 * and stdin into a StreamWriter, and closes the transport once the child has
 * exited and every read pipe has closed, whichever comes last: closing it at
 * the exit alone would lose output still in the pipes.
 */
import type { EventLoop } from "../core/kernel/index.js";
import { StreamReader } from "./streams/stream-reader.js";
import { StreamReaderProtocol } from "./streams/stream-reader-protocol.js";
import { StreamWriter } from "./streams/stream-writer.js";
import { SubprocessProtocol } from "./transports/subprocess-protocol.js";
import type { SubprocessTransport } from "./transports/transport.js";

/** Like StreamReaderProtocol, but for a subprocess (CPython's). */
export class SubprocessStreamProtocol extends SubprocessProtocol {
  stdin: StreamWriter | undefined = undefined;
  stdout: StreamReader | undefined = undefined;
  stderr: StreamReader | undefined = undefined;
  private _transport: SubprocessTransport | undefined = undefined;
  private _processExited = false;
  private readonly _pipeFds: number[] = [];
  /**
   * CPython's FlowControlMixin and `_stdin_closed`, for stdin's writer:
   * StreamReaderProtocol (with no reader) already holds drain waiters and
   * the close waiter, so stdin's writer uses one.
   */
  private readonly _stdinProtocol: StreamReaderProtocol;

  constructor(
    private readonly _limit: number | undefined,
    private readonly _loop: EventLoop,
  ) {
    super();
    this._stdinProtocol = new StreamReaderProtocol(undefined, undefined, _loop);
  }

  override connectionMade(transport: SubprocessTransport): void {
    this._transport = transport;
    const stdoutTransport = transport.getPipeTransport(1);
    if (stdoutTransport !== undefined) {
      this.stdout = new StreamReader(this._limit, { loop: this._loop });
      this.stdout.setTransport(stdoutTransport);
      this._pipeFds.push(1);
    }
    const stderrTransport = transport.getPipeTransport(2);
    if (stderrTransport !== undefined) {
      this.stderr = new StreamReader(this._limit, { loop: this._loop });
      this.stderr.setTransport(stderrTransport);
      this._pipeFds.push(2);
    }
    const stdinTransport = transport.getPipeTransport(0);
    if (stdinTransport !== undefined) {
      this.stdin = new StreamWriter(stdinTransport, this._stdinProtocol, undefined, this._loop);
    }
  }

  override pipeDataReceived(fd: number, data: Uint8Array): void {
    this._reader(fd)?.feedData(data);
  }

  override pipeConnectionLost(fd: number, exc: Error | undefined): void {
    if (fd === 0) {
      this.stdin?.close();
      this._stdinProtocol.connectionLost(exc);
      return;
    }
    const reader = this._reader(fd);
    if (reader !== undefined) {
      if (exc === undefined) reader.feedEof();
      else reader.setException(exc);
    }
    const at = this._pipeFds.indexOf(fd);
    if (at >= 0) this._pipeFds.splice(at, 1);
    this._maybeCloseTransport();
  }

  override processExited(): void {
    this._processExited = true;
    this._maybeCloseTransport();
  }

  override pauseWriting(): void {
    this._stdinProtocol.pauseWriting();
  }

  override resumeWriting(): void {
    this._stdinProtocol.resumeWriting();
  }

  private _reader(fd: number): StreamReader | undefined {
    return fd === 1 ? this.stdout : fd === 2 ? this.stderr : undefined;
  }

  private _maybeCloseTransport(): void {
    if (this._pipeFds.length === 0 && this._processExited) {
      this._transport?.close();
      this._transport = undefined;
    }
  }
}
