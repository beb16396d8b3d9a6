/**
 * Python's protocol classes: what a transport calls as bytes arrive and the
 * connection changes state. Subclass one and override the callbacks you need;
 * the defaults do nothing, as CPython's do. The transport calls them inside
 * the loop (never from a Node event listener), so they may create tasks,
 * set Futures and call loop methods.
 */
import { NotImplementedError } from "../../core/exceptions.js";
import type {
  BaseTransport,
  DatagramTransport,
  SubprocessTransport,
  Transport,
} from "./transport.js";

/** A peer address: `[host, port]` for IP sockets, a path for Unix sockets. */
export type Address = [host: string, port: number] | string;

export class BaseProtocol {
  /** The connection is up; `transport` is how to write to it and close it. */
  connectionMade(_transport: BaseTransport): void {}
  /** The connection is closed: `exc` is the error that ended it, or `undefined` for a clean close or EOF. */
  connectionLost(_exc: Error | undefined): void {}
  /** The transport's write buffer went above its high-water mark: stop writing. */
  pauseWriting(): void {}
  /** The transport's write buffer drained to its low-water mark: writing may go on. */
  resumeWriting(): void {}
}

/** A stream protocol: bytes arrive in `dataReceived` chunks. */
export class Protocol extends BaseProtocol {
  override connectionMade(_transport: Transport): void {}
  dataReceived(_data: Uint8Array): void {}
  /** The peer will send no more; return true to keep the connection open for writing. */
  eofReceived(): boolean | undefined {
    return undefined;
  }
}

/**
 * A stream protocol that owns the receive buffer: the transport copies
 * incoming bytes into `getBuffer()` and reports how many in `bufferUpdated`.
 */
export class BufferedProtocol extends BaseProtocol {
  override connectionMade(_transport: Transport): void {}
  /** A buffer to receive into (at least `sizeHint` bytes when it is positive). */
  getBuffer(_sizeHint: number): Uint8Array {
    throw new NotImplementedError();
  }
  bufferUpdated(_nbytes: number): void {}
  eofReceived(): boolean | undefined {
    return undefined;
  }
}

/** A UDP protocol: whole datagrams, each with the address it came from. */
export class DatagramProtocol extends BaseProtocol {
  override connectionMade(_transport: DatagramTransport): void {}
  datagramReceived(_data: Uint8Array, _addr: Address): void {}
  /** A send or receive failed (for instance ICMP port unreachable on a connected socket). */
  errorReceived(_exc: Error): void {}
}

/**
 * What a child process reports (`loop.subprocessExec`): output of its pipes
 * by fd (1 stdout, 2 stderr), each pipe's end, its exit, and at last
 * `connectionLost`, once it has exited and all its pipes are closed.
 */
export class SubprocessProtocol extends BaseProtocol {
  override connectionMade(_transport: SubprocessTransport): void {}
  /** The child wrote `data` to fd 1 or 2. */
  pipeDataReceived(_fd: number, _data: Uint8Array): void {}
  /** The pipe on `fd` closed (0: stdin); `exc` is what broke it, if anything. */
  pipeConnectionLost(_fd: number, _exc: Error | undefined): void {}
  /** The child exited; `transport.getReturncode()` says how. */
  processExited(): void {}
}
