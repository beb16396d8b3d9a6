/**
 * UDP: `loop.createDatagramEndpoint` and its transport over a `node:dgram`
 * socket (CPython's `create_datagram_endpoint` and
 * `_SelectorDatagramTransport`). Node reads the datagrams and sends them;
 * this class turns its events into protocol callbacks run inside the loop,
 * one datagram to a callback, in the order they arrived. The endpoint's
 * coroutine returns once `connectionMade` has run; receiving starts after it.
 */
import { createSocket, type RemoteInfo, type Socket, type SocketOptions } from "node:dgram";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Coroutine } from "../../core/coroutine.js";
import { EventLoop } from "../../core/event-loop.js";
import { ValueError } from "../../core/exceptions.js";
import type { Future } from "../../core/futures.js";
import { OSError, toOSError } from "../streams/connection-errors.js";
import { bytesTypeError, FlowControlledTransport } from "./flow-controlled-transport.js";
import { waitForEvent } from "./host-event.js";
import type { Address, DatagramProtocol } from "./protocols.js";
import type { DatagramTransport } from "./transport.js";

export type DatagramProtocolFactory<P extends DatagramProtocol> = () => P;

/** `[host, port]`: an IP address or a name to resolve. */
export type HostPort = [host: string, port: number];

export interface DatagramEndpointOptions {
  /** `[host, port]` to bind to (port 0: any free port). */
  localAddr?: HostPort;
  /** `[host, port]` to connect to: `sendto` then sends there and only there. */
  remoteAddr?: HostPort;
  /** 4 or 6; otherwise taken from the addresses (a name is tried in each family it resolves to, in resolver order). */
  family?: 4 | 6;
  /** SO_REUSEPORT (Linux; needs Node 22.12 or 23.1+). */
  reusePort?: boolean;
  /** SO_BROADCAST; with `remoteAddr`, the socket is not connected and datagrams go there by default. */
  allowBroadcast?: boolean;
  /** A dgram socket already set up (bound, perhaps connected), instead of the options above. */
  sock?: Socket;
}

declare module "../../core/event-loop.js" {
  interface EventLoop {
    /**
     * Opens a UDP socket and returns `[transport, protocol]`. (Node only.)
     * @example const [transport, protocol] = yield* loop.createDatagramEndpoint(() => new Echo(), { localAddr: ["127.0.0.1", 9999] });
     */
    createDatagramEndpoint<P extends DatagramProtocol>(
      protocolFactory: DatagramProtocolFactory<P>,
      options?: DatagramEndpointOptions,
    ): Coroutine<[DatagramTransport, P]>;
  }
}

/** Writes dropped after the connection is lost before a warning is logged (CPython's threshold). */
const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

EventLoop.prototype.createDatagramEndpoint = function* createDatagramEndpoint<
  P extends DatagramProtocol,
>(
  this: EventLoop,
  protocolFactory: DatagramProtocolFactory<P>,
  options: DatagramEndpointOptions = {},
): Coroutine<[DatagramTransport, P]> {
  if ("reuseAddress" in options) {
    // Python 3.8 deprecated reuse_address for UDP (a security hazard), 3.11 removed the parameter.
    throw new TypeError(
      "BaseEventLoop.create_datagram_endpoint() got an unexpected keyword argument 'reuse_address'",
    );
  }
  const { localAddr, remoteAddr, family, reusePort, allowBroadcast, sock } = options;
  let opened: Opened;
  if (sock !== undefined) {
    const problems = [
      ["local_addr", localAddr && pyAddress(localAddr)],
      ["remote_addr", remoteAddr && pyAddress(remoteAddr)],
      ["family", family],
      ["reuse_port", reusePort && "True"],
      ["allow_broadcast", allowBroadcast && "True"],
    ].filter(([, v]) => v);
    if (problems.length > 0) {
      throw new ValueError(
        `socket modifier keyword arguments can not be used when sock is specified. (${problems.map(([k, v]) => `${k}=${v}`).join(", ")})`,
      );
    }
    opened = { socket: sock, inbox: new Inbox(sock), address: undefined };
  } else {
    const pairs = yield* addressPairs(this, localAddr, remoteAddr, family);
    const errors: unknown[] = [];
    let found: Opened | undefined;
    for (const pair of pairs) {
      try {
        found = yield* openSocket(this, pair, { reusePort, allowBroadcast });
        break;
      } catch (e) {
        if (!(e instanceof OSError)) throw e;
        errors.push(e);
      }
    }
    if (found === undefined) throw errors[0];
    opened = found;
  }
  const protocol = protocolFactory();
  const waiter = this.createFuture<void>();
  const transport = new DatagramSocketTransport(this, protocol, opened, waiter);
  try {
    yield* waiter;
  } catch (e) {
    transport.close();
    throw e;
  }
  return [transport, protocol];
};

// --- opening the socket -----------------------------------------------------

/** One way to open the endpoint: a family and the resolved addresses. */
interface AddressPair {
  family: 4 | 6;
  local: HostPort | undefined;
  remote: HostPort | undefined;
}

interface Opened {
  socket: Socket;
  inbox: Inbox;
  /** Where `sendto` sends (and only there): the remote address, resolved. */
  address: HostPort | undefined;
}

/** CPython's pairing of the local and remote addresses by family, in resolution order. */
function* addressPairs(
  loop: EventLoop,
  localAddr: HostPort | undefined,
  remoteAddr: HostPort | undefined,
  family: 4 | 6 | undefined,
): Coroutine<AddressPair[]> {
  if (localAddr === undefined && remoteAddr === undefined) {
    if (!family) throw new ValueError("unexpected address family");
    return [{ family, local: undefined, remote: undefined }];
  }
  const byFamily = new Map<4 | 6, [HostPort | undefined, HostPort | undefined]>();
  for (const [idx, addr] of [localAddr, remoteAddr].entries()) {
    if (addr === undefined) continue;
    if (!(Array.isArray(addr) && addr.length === 2)) throw new TypeError("2-tuple is expected");
    const infos = yield* resolve(loop, addr, family);
    if (infos.length === 0) throw new OSError("getaddrinfo() returned empty list");
    for (const info of infos) {
      let pair = byFamily.get(info.family);
      if (pair === undefined) byFamily.set(info.family, (pair = [undefined, undefined]));
      pair[idx] ??= [info.address, addr[1]];
    }
  }
  const pairs: AddressPair[] = [];
  for (const [fam, [local, remote]] of byFamily) {
    if ((localAddr && !local) || (remoteAddr && !remote)) continue;
    pairs.push({ family: fam, local, remote });
  }
  if (pairs.length === 0) throw new ValueError("can not get address information");
  return pairs;
}

interface Resolved {
  address: string;
  family: 4 | 6;
}

/** An IP address as it is; a name through getaddrinfo (Node's `dns.lookup`). */
function* resolve(
  loop: EventLoop,
  [host, port]: HostPort,
  family: 4 | 6 | undefined,
): Coroutine<Resolved[]> {
  if (typeof port !== "number") throw new TypeError("port must be a number");
  const ip = isIP(host);
  let infos: Resolved[];
  if (ip === 4 || ip === 6) {
    infos = [{ address: host, family: ip }];
  } else {
    const found = yield* waitForEvent<{ address: string; family: number }[]>(
      loop,
      (ok, fail) => {
        lookup(host, { all: true, family: family ?? 0 }).then(ok, fail);
      },
      () => {},
    );
    infos = found.map((f) => ({ address: f.address, family: f.family === 6 ? 6 : 4 }));
  }
  if (family !== undefined && !infos.some((info) => info.family === family)) {
    throw new OSError("[Errno -9] Address family for hostname not supported", "EAI_ADDRFAMILY");
  }
  return family === undefined ? infos : infos.filter((info) => info.family === family);
}

/** Node supports SO_REUSEPORT on UDP sockets from 22.12 (and 23.1). */
function reusePortSupported(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
}

/** Creates, binds and connects a socket as CPython does for one address pair. */
function* openSocket(
  loop: EventLoop,
  { family, local, remote }: AddressPair,
  { reusePort, allowBroadcast }: { reusePort?: boolean; allowBroadcast?: boolean },
): Coroutine<Opened> {
  if (reusePort && !reusePortSupported()) {
    throw new ValueError("reuse_port not supported by socket module");
  }
  const socketOptions: SocketOptions & { reusePort?: boolean } = {
    type: family === 6 ? "udp6" : "udp4",
    ...(reusePort && { reusePort: true }),
  };
  const socket = createSocket(socketOptions);
  // Datagrams that arrive before the transport reads wait here, as in the kernel's buffer.
  const inbox = new Inbox(socket);
  try {
    if (local !== undefined || allowBroadcast) {
      // SO_BROADCAST needs a bound socket in Node: an unbound one binds to any port first.
      const [address, port] = local ?? [undefined, 0];
      yield* hostStep(loop, socket, (done) => socket.bind({ port, address }, done));
    }
    if (allowBroadcast) socket.setBroadcast(true);
    let address: HostPort | undefined;
    if (remote !== undefined) {
      if (allowBroadcast) {
        address = remote;
      } else {
        yield* hostStep(loop, socket, (done) =>
          socket.connect(remote[1], remote[0], (err?: Error) => (err ? done(err) : done())),
        );
        const peer = socket.remoteAddress();
        address = [peer.address, peer.port];
      }
    }
    return { socket, inbox, address };
  } catch (e) {
    closeQuietly(socket);
    throw toOSError(e);
  }
}

/** Starts a socket operation and waits for its event (or an `error`); cancelling closes the socket. */
function hostStep(
  loop: EventLoop,
  socket: Socket,
  start: (done: (err?: Error) => void) => void,
): Future<void> {
  return waitForEvent<void>(
    loop,
    (ok, fail) => {
      let settled = false;
      const onError = (e: Error): void => finish(e);
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        socket.off("error", onError);
        if (err === undefined) ok();
        else fail(err);
      };
      socket.once("error", onError);
      try {
        start(finish);
      } catch (e) {
        finish(e as Error);
      }
    },
    () => closeQuietly(socket),
  );
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // Already closed.
  }
}

type HostEvent = { data: Buffer; rinfo: RemoteInfo } | { error: Error };

/**
 * Holds a socket's datagrams and errors until the transport starts reading,
 * and keeps an error listener on it from the start, so an error never
 * crashes the process.
 */
class Inbox {
  events: HostEvent[] = [];
  private readonly _onMessage = (data: Buffer, rinfo: RemoteInfo): void => {
    this.events.push({ data, rinfo });
  };
  private readonly _onError = (error: Error): void => {
    this.events.push({ error });
  };

  constructor(private readonly _socket: Socket) {
    _socket.on("message", this._onMessage);
    _socket.on("error", this._onError);
  }

  /** Stops collecting; returns what was collected. */
  detach(): HostEvent[] {
    this._socket.off("message", this._onMessage);
    this._socket.off("error", this._onError);
    const events = this.events;
    this.events = [];
    return events;
  }
}

// --- the transport ----------------------------------------------------------

/** Open transports of each loop, closed if the loop closes first (a forgotten one would keep Node alive). */
const openTransports = new WeakMap<EventLoop, Set<DatagramSocketTransport>>();

function register(
  loop: EventLoop,
  transport: DatagramSocketTransport,
): Set<DatagramSocketTransport> {
  let open = openTransports.get(loop);
  if (open === undefined) {
    const set = new Set<DatagramSocketTransport>();
    openTransports.set(loop, (open = set));
    loop._closeHooks.push(() => {
      for (const t of [...set]) t._closeSocket();
    });
  }
  open.add(transport);
  return open;
}

/** @internal Made by `loop.createDatagramEndpoint`. */
export class DatagramSocketTransport
  extends FlowControlledTransport<DatagramProtocol>
  implements DatagramTransport
{
  private readonly _socket: Socket;
  private readonly _address: HostPort | undefined;
  private readonly _connected: boolean;
  private readonly _udp6: boolean;
  private readonly _inbox: Inbox;
  private readonly _open: Set<DatagramSocketTransport>;
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
    this._open = register(loop, this);
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
        if (this._closing && this._inFlight === 0) {
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

  abort(): void {
    this._forceClose(undefined);
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

  /** @internal Closes the Node socket (once). */
  _closeSocket(): void {
    if (this._socketClosed) return;
    this._socketClosed = true;
    this._open.delete(this);
    this._socket.off("message", this._onHostMessage);
    closeQuietly(this._socket);
  }

  /** Runs `callback` on the loop; a loop already closed only lets the socket go. */
  private _schedule<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void {
    if (this._loop.isClosed()) this._closeSocket();
    else this._loop.callSoon(callback, ...args);
  }

  override toString(): string {
    const state = this._connLost > 0 ? " closed" : this._closing ? " closing" : "";
    return `<DatagramSocketTransport${state} bufsize=${this._bufferSize}>`;
  }
}

function sameAddress(a: Address, b: HostPort): boolean {
  return Array.isArray(a) && a.length === 2 && a[0] === b[0] && a[1] === b[1];
}

/** An address as Python prints the tuple: `('127.0.0.1', 9999)`. */
function pyAddress([host, port]: HostPort): string {
  return `('${host}', ${port})`;
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
