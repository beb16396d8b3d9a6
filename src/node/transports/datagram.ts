/**
 * UDP: `loop.createDatagramEndpoint` and its transport over a `node:dgram`
 * socket (CPython's `create_datagram_endpoint` and
 * `_SelectorDatagramTransport`). Node reads the datagrams and sends them;
 * this class turns its events into protocol callbacks run inside the loop,
 * one datagram to a callback, in the order they arrived. The endpoint's
 * coroutine returns once `connectionMade` has run; receiving starts after it.
 */
import type { Socket } from "node:dgram";
import { type Coroutine, EventLoop, ValueError } from "../../core/kernel/index.js";
import { OSError } from "../streams/connection-errors.js";
import { connectionMade } from "./connection-made.js";
import type { DatagramProtocol } from "./datagram-protocol.js";
import {
  addressPairs,
  closeQuietly,
  type HostPort,
  Inbox,
  type Opened,
  openSocket,
  pyAddress,
} from "./datagram-socket.js";
import { DatagramSocketTransport } from "./datagram-transport.js";
import type { DatagramTransport } from "./transport.js";

export type { HostPort } from "./datagram-socket.js";

/**
 * What `loop.createDatagramEndpoint` calls to make the endpoint's protocol.
 * In Python, the `protocol_factory` argument of `asyncio.loop.create_datagram_endpoint`.
 *
 * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
 * @example
 * ```ts
 * class Listener extends asyncio.DatagramProtocol {}
 * const factory: asyncio.DatagramProtocolFactory<Listener> = () => new Listener();
 * const [udp, listener] = yield* loop.createDatagramEndpoint(factory, { localAddr: ["0.0.0.0", 9999] });
 * ```
 */
export type DatagramProtocolFactory<P extends DatagramProtocol> = () => P;

/**
 * The keyword arguments of `loop.createDatagramEndpoint`: the local and remote addresses, the
 * family, socket options, or a socket of one's own.
 *
 * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
 * @example
 * ```ts
 * const options: asyncio.DatagramEndpointOptions = { remoteAddr: ["127.0.0.1", 9999] };
 * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), options);
 * ```
 */
export interface DatagramEndpointOptions {
  /**
   * `[host, port]` to bind to (port 0: any free port).
   * In Python, the `local_addr` argument of `asyncio.loop.create_datagram_endpoint`.
   *
   * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
   * @example
   * ```ts
   * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { localAddr: ["0.0.0.0", 0] });
   * ```
   */
  localAddr?: HostPort;
  /**
   * `[host, port]` to connect to: `sendto` then sends there, and only there.
   * In Python, the `remote_addr` argument of `asyncio.loop.create_datagram_endpoint`.
   *
   * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
   * @example
   * ```ts
   * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { remoteAddr: ["127.0.0.1", 9999] });
   * ```
   */
  remoteAddr?: HostPort;
  /**
   * 4 or 6; otherwise taken from the addresses (a name is tried in each family it resolves
   * to, in resolver order).
   * In Python, the `family` argument of `asyncio.loop.create_datagram_endpoint`.
   *
   * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
   * @example
   * ```ts
   * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { localAddr: ["localhost", 0], family: 6 });
   * ```
   */
  family?: 4 | 6;
  /**
   * SO_REUSEPORT: several sockets may bind the same port (Linux; needs Node 22.12 or 23.1+).
   * In Python, the `reuse_port` argument of `asyncio.loop.create_datagram_endpoint`.
   *
   * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
   * @example
   * ```ts
   * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { localAddr: ["0.0.0.0", 9999], reusePort: true });
   * ```
   */
  reusePort?: boolean;
  /**
   * SO_BROADCAST: may send to broadcast addresses; with `remoteAddr`, the socket is not
   * connected and datagrams go there by default.
   * In Python, the `allow_broadcast` argument of `asyncio.loop.create_datagram_endpoint`.
   *
   * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
   * @example
   * ```ts
   * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { remoteAddr: ["255.255.255.255", 9999], allowBroadcast: true });
   * ```
   */
  allowBroadcast?: boolean;
  /**
   * A Node dgram socket already set up (bound, perhaps connected), used instead of the options above.
   * In Python, the `sock` argument of `asyncio.loop.create_datagram_endpoint`.
   *
   * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
   * @example
   * ```ts
   * const [udp] = yield* loop.createDatagramEndpoint(() => new asyncio.DatagramProtocol(), { sock: udpSocket });
   * ```
   */
  sock?: Socket;
}

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Opens a UDP endpoint (bound to `localAddr`, connected to `remoteAddr`), makes its protocol
     * with `protocolFactory`, and returns `[transport, protocol]`. Node only.
     *
     * @python `asyncio.loop.create_datagram_endpoint` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_datagram_endpoint
     * @example
     * ```ts
     * class Echo extends asyncio.DatagramProtocol {
     *   private transport?: asyncio.DatagramTransport;
     *   override connectionMade(transport: asyncio.DatagramTransport): void {
     *     this.transport = transport;
     *   }
     *   override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
     *     this.transport!.sendto(data, addr);
     *   }
     * }
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const [transport] = yield* loop.createDatagramEndpoint(() => new Echo(), { localAddr: ["127.0.0.1", 9999] });
     *   yield* asyncio.sleep(3600);
     *   transport.close();
     * }
     * ```
     */
    createDatagramEndpoint<P extends DatagramProtocol>(
      protocolFactory: DatagramProtocolFactory<P>,
      options?: DatagramEndpointOptions,
    ): Coroutine<[DatagramTransport, P]>;
  }
}

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
  let protocol: P;
  try {
    protocol = protocolFactory();
  } catch (e) {
    // No transport owns the socket we opened yet (CPython's is closed when
    // the exception lets it go); a socket given as `sock` stays the caller's.
    if (sock === undefined) closeQuietly(opened.socket);
    throw e;
  }
  const waiter = this.createFuture<void>();
  const transport = new DatagramSocketTransport(this, protocol, opened, waiter);
  yield* connectionMade(transport, waiter);
  return [transport, protocol];
};
