/**
 * The UDP transport (CPython's `_SelectorDatagramTransport`) over a
 * `node:dgram` socket: Node receives and sends; this class turns its events
 * into protocol callbacks run inside the loop, one datagram to a callback,
 * in the order they arrived, and counts what Node has not sent yet as the
 * write buffer.
 */
import type { RemoteInfo, Socket } from "node:dgram";
import { type EventLoop, type Future, ValueError } from "../../core/kernel/index.js";
import { OSError, toOSError } from "../streams/connection-errors.js";
import type { DatagramProtocol } from "./datagram-protocol.js";
import {
  closeQuietly,
  type HostPort,
  type Inbox,
  type Opened,
  pyAddress,
} from "./datagram-socket.js";
import {
  bytesTypeError,
  FlowControlledTransport,
  LOG_THRESHOLD_FOR_CONNLOST_WRITES,
} from "./flow-controlled-transport.js";
import { holdOnLoop, type LoopResource, letGo } from "./loop-resources.js";
import type { Address } from "./protocols.js";
import type { DatagramTransport } from "./transport.js";

/** @internal Made by `loop.createDatagramEndpoint`. */
export class DatagramSocketTransport
  extends FlowControlledTransport<DatagramProtocol>
  implements DatagramTransport, LoopResource
{
  private readonly _socket: Socket;
  private readonly _address: HostPort | undefined;
  private readonly _connected: boolean;
  private readonly _udp6: boolean;
  private readonly _inbox: Inbox;
  /** Bytes (+8 a datagram) handed to Node whose send callback has not fired. */
  private _bufferSize = 0;
  /** Sends whose completion the loop has not yet processed. */
  private _inFlight = 0;
  /** Bumped by `abort`: completions of sends from before it are ignored. */
  private _epoch = 0;
  private _socketClosed = false;

  constructor(loop: EventLoop, protocol: DatagramProtocol, opened: Opened, waiter?: Future<void>) {
    const { socket, inbox, address } = opened;
    const extra: Record<string, unknown> = { socket };
    let udp6 = false;
    try {
      const local = socket.address();
      extra.sockname = [local.address, local.port];
      udp6 = local.family === "IPv6";
    } catch {
      // Not bound yet (Python reports the wildcard address and port 0).
      udp6 = (socket as unknown as { type?: string }).type === "udp6";
      extra.sockname = [udp6 ? "::" : "0.0.0.0", 0];
    }
    let connected = false;
    try {
      const peer = socket.remoteAddress();
      extra.peername = [peer.address, peer.port];
      connected = true;
    } catch {
      // Not connected: no peername.
    }
    super(loop, protocol, extra);
    this._socket = socket;
    this._address = address;
    this._connected = connected;
    this._udp6 = udp6;
    this._inbox = inbox;
    holdOnLoop(loop, this);
    loop.callSoon(() => this._protocol.connectionMade(this));
    // Receiving starts only once connectionMade has run, as in CPython.
    loop.callSoon(() => this._startReading());
    if (waiter !== undefined) {
      loop.callSoon(() => {
        if (!waiter.cancelled()) waiter.setResult(undefined);
      });
    }
  }

  // --- receiving -------------------------------------------------------------

  private _startReading(): void {
    const early = this._inbox.detach();
    // The error listener stays for the socket's life: an error event with none crashes Node.
    this._socket.on("error", this._onHostError);
    if (this._connLost > 0 || this._closing) return;
    this._socket.on("message", this._onHostMessage);
    for (const event of early) {
      if ("error" in event) this._onHostError(event.error);
      else this._onHostMessage(event.data, event.rinfo);
    }
  }

  private readonly _onHostMessage = (data: Buffer, rinfo: RemoteInfo): void => {
    this._schedule(this._deliver, data, [rinfo.address, rinfo.port] as Address);
  };

  private readonly _onHostError = (error: Error): void => {
    if (this._connLost > 0 || this._closing) return;
    this._schedule(this._deliverError, toOSError(error));
  };

  private readonly _deliver = (data: Uint8Array, addr: Address): void => {
    // close() stops reading at once: what was not yet delivered is dropped.
    if (this._connLost > 0 || this._closing) return;
    this._protocol.datagramReceived(data, addr);
  };

  private readonly _deliverError = (exc: unknown): void => {
    if (this._connLost > 0 || this._closing) return;
    if (exc instanceof OSError) this._protocol.errorReceived(exc);
    else this._fatalError(exc, "Fatal read error on datagram transport");
  };

  // --- sending ---------------------------------------------------------------

  getWriteBufferSize(): number {
    return this._bufferSize;
  }

  sendto(data: Uint8Array, addr?: Address): void {
    if (!(data instanceof Uint8Array)) throw bytesTypeError(data);
    let target = addr;
    if (this._address !== undefined) {
      if (addr !== undefined && !sameAddress(addr, this._address)) {
        throw new ValueError(`Invalid address: must be None or ${pyAddress(this._address)}`);
      }
      target = this._address;
    }
    if (this._connLost > 0) {
      if (this._connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        console.warn("socket.send() raised exception.");
      }
      this._connLost++;
      return;
    }
    // A copy: what waits to be sent cannot change under Node.
    const datagram = Buffer.from(data);
    const size = datagram.length + 8;
    const epoch = this._epoch;
    const done = (err: Error | null): void => this._onHostSent(err, size, epoch);
    this._bufferSize += size;
    this._inFlight++;
    try {
      if (this._connected) {
        this._socket.send(datagram, done);
      } else if (target === undefined || typeof target === "string") {
        const family = this._udp6 ? "AF_INET6" : "AF_INET";
        throw new TypeError(
          `sendto(): ${family} address must be tuple, not ${target === undefined ? "NoneType" : "str"}`,
        );
      } else {
        this._socket.send(datagram, target[1], target[0], done);
      }
    } catch (e) {
      this._bufferSize -= size;
      this._inFlight--;
      const exc = sendError(e);
      if (exc instanceof OSError) this._protocol.errorReceived(exc);
      else this._fatalError(exc, "Fatal write error on datagram transport");
      return;
    }
    this._maybePauseProtocol();
  }

  /** Node is done with a datagram. Runs on the host, so the loop takes over. */
  private _onHostSent(err: Error | null, size: number, epoch: number): void {
    if (epoch !== this._epoch) return;
    this._bufferSize -= size;
    this._schedule(this._afterSent, err ? toOSError(err) : undefined, epoch);
  }

  private readonly _afterSent = (exc: unknown, epoch: number): void => {
    if (epoch !== this._epoch) return;
    this._inFlight--;
    if (this._connLost > 0) return;
    try {
      if (exc instanceof OSError) this._protocol.errorReceived(exc);
      else if (exc !== undefined) this._fatalError(exc, "Fatal write error on datagram transport");
    } finally {
      if (this._connLost === 0) {
        this._maybeResumeProtocol();
        // resumeWriting may have closed the transport, which then calls
        // connectionLost itself (CPython gh-156512).
        if (this._closing && this._inFlight === 0 && this._connLost === 0) {
          this._connLost++;
          this._callConnectionLost(undefined);
        }
      }
    }
  };

  // --- closing ---------------------------------------------------------------

  /** Stops receiving; once the datagrams handed to Node are sent, `connectionLost(undefined)`. */
  close(): void {
    if (this._closing) return;
    this._closing = true;
    this._socket.off("message", this._onHostMessage);
    if (this._inFlight === 0) {
      this._connLost++;
      this._schedule(this._callConnectionLost, undefined);
    }
  }

  protected override _forceClose(exc: Error | undefined): void {
    if (this._connLost > 0) return;
    this._closing = true;
    this._connLost++;
    this._epoch++;
    this._bufferSize = 0;
    this._inFlight = 0;
    this._closeSocket();
    this._schedule(this._callConnectionLost, exc);
  }

  private readonly _callConnectionLost = (exc: Error | undefined): void => {
    try {
      this._protocol.connectionLost(exc);
    } finally {
      this._closeSocket();
    }
  };

  /** @internal */
  _releaseOnLoopClose(): void {
    this._closeSocket();
  }

  /** Closes the Node socket (once). */
  private _closeSocket(): void {
    if (this._socketClosed) return;
    this._socketClosed = true;
    letGo(this._loop, this);
    this._socket.off("message", this._onHostMessage);
    closeQuietly(this._socket);
  }

  /** Runs `callback` on the loop; a loop already closed only lets the socket go. */
  private _schedule<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void {
    if (this._loop.isClosed()) this._closeSocket();
    else this._loop.callSoon(callback, ...args);
  }

  /** CPython's repr without the fd: `<DatagramSocketTransport read=polling write=<idle, bufsize=0>>`. */
  override toString(): string {
    if (this._socketClosed) return "<DatagramSocketTransport closed>";
    const reading = !this._closing && this._socket.listenerCount("message") > 0;
    const write = `write=<${this._bufferSize > 0 ? "polling" : "idle"}, bufsize=${this._bufferSize}>`;
    return `<DatagramSocketTransport${this._closing ? " closing" : ""} read=${reading ? "polling" : "idle"} ${write}>`;
  }
}

function sameAddress(a: Address, b: HostPort): boolean {
  return Array.isArray(a) && a.length === 2 && a[0] === b[0] && a[1] === b[1];
}

/** A send that Node refused at once: system errors are OSErrors, a closed socket is EBADF. */
function sendError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ERR_SOCKET_DGRAM_NOT_RUNNING") {
    return new OSError("[Errno 9] Bad file descriptor", "EBADF");
  }
  if (typeof code === "string" && code.startsWith("ERR_")) return e;
  return toOSError(e);
}
