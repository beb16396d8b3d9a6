/**
 * What protocols and users see of a connection (Python's transport ABCs).
 * Interfaces, not classes: the transports here are built on Node streams and
 * sockets, and users port code that calls these methods, not code that
 * subclasses them.
 */
import type { ChildProcess } from "node:child_process";
import type { Socket as DatagramSocket } from "node:dgram";
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import type { CipherNameAndProtocol, PeerCertificate, TLSSocket } from "node:tls";
import type { Address, BaseProtocol } from "./protocols.js";
import type { ClientSSL, ServerSSL } from "./tls-options.js";

/**
 * What `getExtraInfo` gives for each name the transports here answer (the
 * names are CPython's), so that `getExtraInfo("peername")` needs no cast.
 * A transport answers only the names that apply to it (`undefined`, or the
 * default, for the others).
 *
 * @python `asyncio.BaseTransport.get_extra_info` (its names) — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.get_extra_info
 * @example
 * ```ts
 * const peer: asyncio.TransportExtraInfo["peername"] | undefined = writer.getExtraInfo("peername");
 * if (Array.isArray(peer)) console.log(`from ${peer[0]} port ${peer[1]}`);
 * ```
 */
export interface TransportExtraInfo {
  /** The remote end: `[host, port]`, or a Unix socket's path (`""` when unbound). */
  peername: Address;
  /** The local end: `[host, port]`, or a Unix socket's path (`""` when unbound). */
  sockname: Address;
  /** The Node socket: a `net.Socket`, or a `dgram.Socket` for a datagram transport. */
  socket: Socket | DatagramSocket;
  /** The `ssl` option the TLS connection was made with. */
  sslcontext: ClientSSL | ServerSSL;
  /** The TLS socket (Python's `SSLObject`). */
  ssl_object: TLSSocket;
  /** The peer's certificate (Python's `SSLObject.getpeercert()`). */
  peercert: PeerCertificate;
  /** The negotiated cipher (Python's `SSLObject.cipher()`). */
  cipher: CipherNameAndProtocol;
  /** The Node stream of a pipe transport. */
  pipe: Readable | Writable;
  /** The child process of a subprocess transport. */
  subprocess: ChildProcess;
}

/**
 * What `getExtraInfo(name, defaultValue)` gives: the type `TransportExtraInfo` names for `K`
 * (`unknown` for other names), or the default's type.
 *
 * @python `asyncio.BaseTransport.get_extra_info` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.get_extra_info
 * @example
 * ```ts
 * const cert: asyncio.ExtraInfo<"peercert", null> = writer.getExtraInfo("peercert", null);
 * ```
 */
export type ExtraInfo<K extends string, D = undefined> =
  | (K extends keyof TransportExtraInfo ? TransportExtraInfo[K] : unknown)
  | D;

/**
 * What every transport offers: information about the connection, closing, and its protocol.
 *
 * @python `asyncio.BaseTransport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const loop = asyncio.getRunningLoop();
 *   const [transport] = yield* loop.createConnection(() => new asyncio.Protocol(), "example.com", 80);
 *   console.log(transport.getExtraInfo("peername"));
 *   transport.close();
 * }
 * ```
 */
export interface BaseTransport {
  /**
   * A named fact about the connection (`"peername"`, `"sockname"`, `"socket"`, `"sslcontext"`,
   * `"peercert"`, `"cipher"`…), or `defaultValue`; typed by its name (`TransportExtraInfo`).
   *
   * @python `asyncio.BaseTransport.get_extra_info` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.get_extra_info
   * @example
   * ```ts
   * const peer = transport.getExtraInfo("peername"); // [host, port], a Unix path, or undefined
   * ```
   */
  getExtraInfo<K extends string, D = undefined>(name: K, defaultValue?: D): ExtraInfo<K, D>;
  /**
   * Whether the transport is closed or closing.
   *
   * @python `asyncio.BaseTransport.is_closing` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.is_closing
   * @example
   * ```ts
   * if (!transport.isClosing()) transport.write(data);
   * ```
   */
  isClosing(): boolean;
  /**
   * Closes once the buffered data is sent; the protocol's `connectionLost(undefined)` follows.
   *
   * @python `asyncio.BaseTransport.close` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.close
   * @example
   * ```ts
   * transport.close();
   * ```
   */
  close(): void;
  /**
   * Hands the connection to another protocol: later events go to it.
   *
   * @python `asyncio.BaseTransport.set_protocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.set_protocol
   * @example
   * ```ts
   * transport.setProtocol(new asyncio.Protocol());
   * ```
   */
  setProtocol(protocol: BaseProtocol): void;
  /**
   * The protocol the transport reports to.
   *
   * @python `asyncio.BaseTransport.get_protocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseTransport.get_protocol
   * @example
   * ```ts
   * const protocol = transport.getProtocol();
   * ```
   */
  getProtocol(): BaseProtocol;
}

/**
 * The reading side of a transport: pause and resume the delivery of `dataReceived` (flow control).
 *
 * @python `asyncio.ReadTransport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.ReadTransport
 * @example
 * ```ts
 * readTransport.pauseReading();
 * yield* asyncio.sleep(1); // let the consumer catch up
 * readTransport.resumeReading();
 * ```
 */
export interface ReadTransport extends BaseTransport {
  /**
   * Whether the transport is delivering data (not paused, not closed).
   *
   * @python `asyncio.ReadTransport.is_reading` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.ReadTransport.is_reading
   * @example
   * ```ts
   * if (readTransport.isReading()) readTransport.pauseReading();
   * ```
   */
  isReading(): boolean;
  /**
   * Stops delivering data: no `dataReceived` until `resumeReading()`.
   *
   * @python `asyncio.ReadTransport.pause_reading` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.ReadTransport.pause_reading
   * @example
   * ```ts
   * readTransport.pauseReading();
   * ```
   */
  pauseReading(): void;
  /**
   * Delivers data again after `pauseReading()`; what arrived meanwhile comes first.
   *
   * @python `asyncio.ReadTransport.resume_reading` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.ReadTransport.resume_reading
   * @example
   * ```ts
   * readTransport.resumeReading();
   * ```
   */
  resumeReading(): void;
}

/**
 * The writing side of a transport: writes that never block (they buffer), half-close, abort,
 * and the write buffer's limits, which drive the protocol's `pauseWriting`/`resumeWriting`.
 *
 * @python `asyncio.WriteTransport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport
 * @example
 * ```ts
 * transport.write(new TextEncoder().encode("hello"));
 * console.log(transport.getWriteBufferSize());
 * ```
 */
export interface WriteTransport extends BaseTransport {
  /**
   * Sends `data`, buffering what cannot be sent yet; it never blocks.
   *
   * @python `asyncio.WriteTransport.write` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.write
   * @example
   * ```ts
   * transport.write(new TextEncoder().encode("GET / HTTP/1.0\r\n\r\n"));
   * ```
   */
  write(data: Uint8Array): void;
  /**
   * Writes each chunk of `data`, as `write` does.
   *
   * @python `asyncio.WriteTransport.writelines` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.writelines
   * @example
   * ```ts
   * const enc = new TextEncoder();
   * transport.writelines([enc.encode("a"), enc.encode("b")]);
   * ```
   */
  writelines(data: Iterable<Uint8Array>): void;
  /**
   * Sends EOF after the buffered data (half-close): the peer reads EOF, this side still reads.
   *
   * @python `asyncio.WriteTransport.write_eof` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.write_eof
   * @example
   * ```ts
   * if (transport.canWriteEof()) transport.writeEof();
   * ```
   */
  writeEof(): void;
  /**
   * Whether `writeEof()` is possible: TCP and pipes yes, TLS no.
   *
   * @python `asyncio.WriteTransport.can_write_eof` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.can_write_eof
   * @example
   * ```ts
   * if (transport.canWriteEof()) transport.writeEof();
   * else transport.close();
   * ```
   */
  canWriteEof(): boolean;
  /**
   * Closes at once: the buffered data is lost; `connectionLost(undefined)` follows.
   *
   * @python `asyncio.WriteTransport.abort` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.abort
   * @example
   * ```ts
   * transport.abort(); // drop the connection, unsent data and all
   * ```
   */
  abort(): void;
  /**
   * Sets the write buffer's high- and low-water marks, in bytes: above `high` the protocol's
   * `pauseWriting()` is called, at `low` its `resumeWriting()`. `high` defaults to 64 KiB
   * (4 × `low` when only `low` is given), `low` to `high / 4`.
   *
   * @python `asyncio.WriteTransport.set_write_buffer_limits` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.set_write_buffer_limits
   * @example
   * ```ts
   * transport.setWriteBufferLimits(1 << 20); // pause the writer above 1 MiB
   * ```
   */
  setWriteBufferLimits(high?: number, low?: number): void;
  /**
   * The write buffer's water marks, `[low, high]`.
   *
   * @python `asyncio.WriteTransport.get_write_buffer_limits` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.get_write_buffer_limits
   * @example
   * ```ts
   * const [low, high] = transport.getWriteBufferLimits();
   * ```
   */
  getWriteBufferLimits(): [low: number, high: number];
  /**
   * The bytes written but not yet handed to the operating system.
   *
   * @python `asyncio.WriteTransport.get_write_buffer_size` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.get_write_buffer_size
   * @example
   * ```ts
   * if (transport.getWriteBufferSize() > 1 << 20) console.log("the peer is slow");
   * ```
   */
  getWriteBufferSize(): number;
}

/**
 * A bidirectional stream transport: a TCP, TLS or Unix socket, as `loop.createConnection` and
 * `loop.createServer` give to a Protocol.
 *
 * @python `asyncio.Transport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.Transport
 * @example
 * ```ts
 * class Echo extends asyncio.Protocol {
 *   private transport?: asyncio.Transport;
 *   override connectionMade(transport: asyncio.Transport): void {
 *     this.transport = transport;
 *   }
 *   override dataReceived(data: Uint8Array): void {
 *     this.transport!.write(data);
 *   }
 * }
 * ```
 */
export interface Transport extends ReadTransport, WriteTransport {}

/**
 * A UDP endpoint, as `loop.createDatagramEndpoint` gives to a DatagramProtocol.
 *
 * @python `asyncio.DatagramTransport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.DatagramTransport
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const loop = asyncio.getRunningLoop();
 *   const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), {
 *     remoteAddr: ["127.0.0.1", 9999],
 *   });
 *   udp.sendto(new TextEncoder().encode("ping"));
 *   udp.close();
 * }
 * ```
 */
export interface DatagramTransport extends BaseTransport {
  /**
   * Sends one datagram to `addr` (or, with no `addr`, to the endpoint's connected remote address).
   *
   * @python `asyncio.DatagramTransport.sendto` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.DatagramTransport.sendto
   * @example
   * ```ts
   * udp.sendto(new TextEncoder().encode("ping"), ["127.0.0.1", 9999]);
   * ```
   */
  sendto(data: Uint8Array, addr?: Address): void;
  /**
   * Closes at once; buffered datagrams are dropped.
   *
   * @python `asyncio.DatagramTransport.abort` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.DatagramTransport.abort
   * @example
   * ```ts
   * udp.abort();
   * ```
   */
  abort(): void;
  /**
   * The bytes of the datagrams queued but not yet sent.
   *
   * @python `asyncio.WriteTransport.get_write_buffer_size` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.WriteTransport.get_write_buffer_size
   * @example
   * ```ts
   * console.log(udp.getWriteBufferSize());
   * ```
   */
  getWriteBufferSize(): number;
}

/**
 * A child process and the pipes to it, as `loop.subprocessExec` gives to a SubprocessProtocol.
 *
 * @python `asyncio.SubprocessTransport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const loop = asyncio.getRunningLoop();
 *   const [child] = yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "sleep", ["10"]);
 *   console.log(child.getPid());
 *   child.terminate();
 * }
 * ```
 */
export interface SubprocessTransport extends BaseTransport {
  /**
   * The child's process id (`undefined` if it could not start).
   *
   * @python `asyncio.SubprocessTransport.get_pid` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.get_pid
   * @example
   * ```ts
   * console.log(`child ${subprocessTransport.getPid()}`);
   * ```
   */
  getPid(): number | undefined;
  /**
   * The exit status once the child exited (negative `-N`: killed by signal N), else `undefined`.
   *
   * @python `asyncio.SubprocessTransport.get_returncode` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.get_returncode
   * @example
   * ```ts
   * const status = subprocessTransport.getReturncode();
   * if (status === undefined) console.log("still running");
   * ```
   */
  getReturncode(): number | undefined;
  /**
   * The transport of the pipe on `fd` (0 stdin, a WriteTransport; 1 stdout and 2 stderr,
   * ReadTransports), `undefined` if that stream is not piped.
   *
   * @python `asyncio.SubprocessTransport.get_pipe_transport` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.get_pipe_transport
   * @example
   * ```ts
   * subprocessTransport.getPipeTransport(0)?.write(new TextEncoder().encode("input\n"));
   * subprocessTransport.getPipeTransport(1)?.pauseReading();
   * ```
   */
  getPipeTransport(fd: 0): WriteTransport | undefined;
  /** The transport of the child's stdout (1) or stderr (2) pipe, `undefined` if not piped. */
  getPipeTransport(fd: 1 | 2): ReadTransport | undefined;
  /** The transport of the pipe on `fd`, whichever stream it is. */
  getPipeTransport(fd: number): ReadTransport | WriteTransport | undefined;
  /**
   * Sends `signal` to the child; ProcessLookupError once the transport has closed.
   *
   * @python `asyncio.SubprocessTransport.send_signal` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.send_signal
   * @example
   * ```ts
   * subprocessTransport.sendSignal("SIGUSR1");
   * ```
   */
  sendSignal(signal: NodeJS.Signals | number): void;
  /**
   * Asks the child to stop: sends it SIGTERM.
   *
   * @python `asyncio.SubprocessTransport.terminate` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.terminate
   * @example
   * ```ts
   * subprocessTransport.terminate();
   * ```
   */
  terminate(): void;
  /**
   * Kills the child: sends it SIGKILL.
   *
   * @python `asyncio.SubprocessTransport.kill` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.kill
   * @example
   * ```ts
   * subprocessTransport.kill();
   * ```
   */
  kill(): void;
  /**
   * Closes the pipes and kills the child if it is still running.
   *
   * @python `asyncio.SubprocessTransport.close` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessTransport.close
   * @example
   * ```ts
   * subprocessTransport.close();
   * ```
   */
  close(): void;
}
