/**
 * The protocols on a child's pipes (CPython's `WriteSubprocessPipeProto` and
 * `ReadSubprocessPipeProto` in base_subprocess.py): each reports to the
 * subprocess transport under its fd, which relays to the user's
 * SubprocessProtocol. Flow control of stdin goes to the user's protocol too.
 */
import { className, inspectCustom } from "../../core/kernel/index.js";
import type { BaseProtocol } from "./protocols.js";
import type { StreamTransport } from "./stream-transport.js";
import type { BaseTransport } from "./transport.js";

/** What a pipe protocol tells its subprocess transport. */
export interface PipeOwner {
  /** @internal */ _pipeDataReceived(fd: number, data: Uint8Array): void;
  /** @internal */ _pipeConnectionLost(fd: number, exc: Error | undefined): void;
  getProtocol(): BaseProtocol;
}

export class WriteSubprocessPipeProto {
  /** The class name Python prints (reprs, error names); declared, so minifiers cannot change it. */
  static readonly pythonName: string = "WriteSubprocessPipeProto";
  /** Set as soon as the transport exists, so `close()` reaches it even before `connectionMade`. */
  pipe!: StreamTransport;
  disconnected = false;

  constructor(
    protected readonly _owner: PipeOwner,
    readonly fd: number,
  ) {}

  connectionMade(_transport: BaseTransport): void {}

  connectionLost(exc: Error | undefined): void {
    this.disconnected = true;
    this._owner._pipeConnectionLost(this.fd, exc);
  }

  pauseWriting(): void {
    this._owner.getProtocol().pauseWriting();
  }

  resumeWriting(): void {
    this._owner.getProtocol().resumeWriting();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    return `<${className(this)} fd=${this.fd} pipe=${this.pipe}>`;
  }
}

export class ReadSubprocessPipeProto extends WriteSubprocessPipeProto {
  static override readonly pythonName: string = "ReadSubprocessPipeProto";
  dataReceived(data: Uint8Array): void {
    this._owner._pipeDataReceived(this.fd, data);
  }

  /** The read pipe transport closes at EOF whatever this returns. */
  eofReceived(): boolean | undefined {
    return undefined;
  }
}
