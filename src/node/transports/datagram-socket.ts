/**
 * Opening a UDP socket as CPython's `create_datagram_endpoint` does: resolve
 * the local and remote addresses, pair them by family, bind, connect. An
 * Inbox listens from the first moment, so nothing that arrives before the
 * transport reads is lost and no error event goes unheard.
 */
import type { RemoteInfo, Socket, SocketOptions } from "node:dgram";
import type { Coroutine, EventLoop, Future } from "../../core/kernel/index.js";
import { ValueError } from "../../core/kernel/index.js";
import { dgram, dnsPromises, net } from "../lazy-builtins.js";
import { gaierror, OSError, toOSError } from "../streams/connection-errors.js";
import { waitForEvent } from "./host-event.js";
import { checkPort } from "./port-range.js";

/**
 * `[host, port]`: an IP address or a name to resolve, and a port (in Python, the `(host, port)`
 * address tuples of the `socket` module).
 *
 * @python `socket` — https://docs.python.org/3/library/socket.html
 * @example
 * ```ts
 * const target: asyncio.HostPort = ["127.0.0.1", 9999];
 * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { remoteAddr: target });
 * ```
 */
export type HostPort = [host: string, port: number];

/** One way to open the endpoint: a family and the resolved addresses. */
interface AddressPair {
  family: 4 | 6;
  local: HostPort | undefined;
  remote: HostPort | undefined;
}

export interface Opened {
  socket: Socket;
  inbox: Inbox;
  /** Where `sendto` sends (and only there): the remote address, resolved. */
  address: HostPort | undefined;
}

/** CPython's pairing of the local and remote addresses by family, in resolution order. */
export function* addressPairs(
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
    checkPort(addr[1], idx === 0 ? "bind" : "connect");
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

/**
 * An IP address as it is; a name through getaddrinfo (Node's `dns.lookup`),
 * whose failure is CPython's `socket.gaierror`.
 */
export function* resolve(
  loop: EventLoop,
  [host, port]: HostPort,
  family: 4 | 6 | undefined,
): Coroutine<Resolved[]> {
  if (typeof port !== "number") throw new TypeError("port must be a number");
  const ip = net().isIP(host);
  let infos: Resolved[];
  if (ip === 4 || ip === 6) {
    infos = [{ address: host, family: ip }];
  } else {
    const found = yield* waitForEvent<{ address: string; family: number }[]>(
      loop,
      (ok, fail) => {
        dnsPromises()
          .lookup(host, { all: true, family: family ?? 0 })
          .then(ok, fail);
      },
      () => {},
    );
    infos = found.map((f) => ({ address: f.address, family: f.family === 6 ? 6 : 4 }));
  }
  if (family !== undefined && !infos.some((info) => info.family === family)) {
    throw new gaierror("EAI_ADDRFAMILY");
  }
  return family === undefined ? infos : infos.filter((info) => info.family === family);
}

/** Node supports SO_REUSEPORT on UDP sockets from 22.12 (and 23.1). */
function reusePortSupported(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
}

/** Creates, binds and connects a socket as CPython does for one address pair. */
export function* openSocket(
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
  const socket = dgram().createSocket(socketOptions);
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

/** Sockets closeQuietly has closed (or queued a close for). */
const closed = new WeakSet<Socket>();

/**
 * Closes `socket` once. A close while a bind or connect is pending is queued
 * by Node and runs when it completes, so a second close (the cancelled step's,
 * then openSocket's) would be queued too and throw "Not running" from Node's
 * queue, uncaught.
 */
export function closeQuietly(socket: Socket): void {
  if (closed.has(socket)) return;
  closed.add(socket);
  try {
    socket.close();
  } catch {
    // Already closed.
  }
}

export type HostEvent = { data: Buffer; rinfo: RemoteInfo } | { error: Error };

/**
 * Holds a socket's datagrams and errors until the transport starts reading,
 * and keeps an error listener on it from the start, so an error never
 * crashes the process.
 */
export class Inbox {
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

/** An address as Python prints the tuple: `('127.0.0.1', 9999)`. */
export function pyAddress([host, port]: HostPort): string {
  return `('${host}', ${port})`;
}
