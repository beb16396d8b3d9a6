/**
 * What protocols and users see of a connection (Python's transport ABCs).
 * Interfaces, not classes: the transports here are built on Node streams and
 * sockets, and users port code that calls these methods, not code that
 * subclasses them.
 */
import type { Address, BaseProtocol } from "./protocols.js";

export interface BaseTransport {
  /** A named fact about the connection (`"peername"`, `"sockname"`, `"socket"`, `"sslcontext"`, `"peercert"`, `"cipher"`…), or `defaultValue`. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown;
  isClosing(): boolean;
  /** Closes after the buffered data is sent; the protocol's `connectionLost(undefined)` follows. */
  close(): void;
  setProtocol(protocol: BaseProtocol): void;
  getProtocol(): BaseProtocol;
}

export interface ReadTransport extends BaseTransport {
  isReading(): boolean;
  /** No `dataReceived` until `resumeReading`. */
  pauseReading(): void;
  resumeReading(): void;
}

export interface WriteTransport extends BaseTransport {
  /** Buffers `data` and sends it without blocking. */
  write(data: Uint8Array): void;
  writelines(data: Iterable<Uint8Array>): void;
  /** Sends EOF after the buffered data; the peer reads EOF, the transport still reads. */
  writeEof(): void;
  canWriteEof(): boolean;
  /** Closes at once: the buffered data is lost, `connectionLost(undefined)` follows. */
  abort(): void;
  /** `high` defaults to 64 KiB (4 × `low` when only `low` is given), `low` to `high / 4`. */
  setWriteBufferLimits(high?: number, low?: number): void;
  /** `[low, high]`. */
  getWriteBufferLimits(): [low: number, high: number];
  /** Bytes written but not yet handed to the operating system. */
  getWriteBufferSize(): number;
}

/** A bidirectional stream: a TCP, TLS or Unix socket. */
export interface Transport extends ReadTransport, WriteTransport {}

/** A UDP endpoint. */
export interface DatagramTransport extends BaseTransport {
  /** Sends one datagram to `addr` (or to the connected remote address). */
  sendto(data: Uint8Array, addr?: Address): void;
  /** Closes at once; buffered datagrams are dropped. */
  abort(): void;
  getWriteBufferSize(): number;
}

/** A child process (`loop.subprocessExec`) and the pipes to it. */
export interface SubprocessTransport extends BaseTransport {
  /** The child's process id (`undefined` if it could not start). */
  getPid(): number | undefined;
  /** The exit status once it exited (negative: killed by that signal), else `undefined`. */
  getReturncode(): number | undefined;
  /** The transport of the pipe on `fd` (0 stdin, 1 stdout, 2 stderr), `undefined` if not piped. */
  getPipeTransport(fd: 0): WriteTransport | undefined;
  getPipeTransport(fd: 1 | 2): ReadTransport | undefined;
  getPipeTransport(fd: number): ReadTransport | WriteTransport | undefined;
  /** Sends `signal`; ProcessLookupError once the transport has finished. */
  sendSignal(signal: NodeJS.Signals | number): void;
  /** SIGTERM. */
  terminate(): void;
  /** SIGKILL. */
  kill(): void;
  /** Closes the pipes and kills the child if it is still running. */
  close(): void;
}
