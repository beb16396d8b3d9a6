/**
 * UDP: `loop.createDatagramEndpoint` and its transport over a `node:dgram`
 * socket (CPython's `create_datagram_endpoint` and
 * `_SelectorDatagramTransport`). Node reads the datagrams and sends them;
 * this class turns its events into protocol callbacks run inside the loop,
 * one datagram to a callback, in the order they arrived. The endpoint's
 * coroutine returns once `connectionMade` has run; receiving starts after it.
 */
import type { Socket } from "node:dgram";
import type { Coroutine } from "../../core/coroutine.js";
import { EventLoop } from "../../core/event-loop.js";
import { ValueError } from "../../core/exceptions.js";
import { OSError } from "../streams/connection-errors.js";
import { connectionMade } from "./connection-made.js";
import {
  addressPairs,
  type HostPort,
  Inbox,
  type Opened,
  openSocket,
  pyAddress,
} from "./datagram-socket.js";
import { DatagramSocketTransport } from "./datagram-transport.js";
import type { DatagramProtocol } from "./protocols.js";
import type { DatagramTransport } from "./transport.js";

export type { HostPort } from "./datagram-socket.js";

export type DatagramProtocolFactory<P extends DatagramProtocol> = () => P;

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
  yield* connectionMade(transport, waiter);
  return [transport, protocol];
};
