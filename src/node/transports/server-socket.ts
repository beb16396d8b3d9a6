/**
 * What `Server.sockets` lists: one listening socket of a Server, as Python's
 * `asyncio.trsock.TransportSocket` shows it (its address, family and repr),
 * over the Node server that listens.
 */
import type { Server as NetServer } from "node:net";
import { inspectCustom, named, RuntimeError } from "../../core/kernel/index.js";

/**
 * What `getsockname()` gives: `[host, port]` for TCP, the path for a Unix socket.
 *
 * @python no counterpart: the type of `socket.socket.getsockname()`'s result for AF_INET and AF_UNIX — https://docs.python.org/3/library/socket.html
 * @example
 * ```ts
 * const where: asyncio.SocketAddress = server.sockets[0]!.getsockname();
 * ```
 */
export type SocketAddress = [host: string, port: number] | string;

/**
 * A listening socket of a Server, as `server.sockets` lists them: `A` is
 * `[string, number]` for a TCP server (`startServer`, `createServer`),
 * `string` for a Unix one.
 *
 * @python `asyncio.trsock.TransportSocket` (what `Server.sockets` holds) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server.sockets
 * @example
 * ```ts
 * for (const socket of server.sockets) console.log(socket.family, socket.getsockname());
 * ```
 */
export class ServerSocket<A extends SocketAddress = SocketAddress> {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "ServerSocket");
  constructor(private readonly _server: NetServer) {}

  /**
   * The address it listens on: `[host, port]` for TCP, the path for a Unix socket
   * (typed so by the function that made the server).
   *
   * @python `socket.socket.getsockname` — https://docs.python.org/3/library/socket.html
   * @example
   * ```ts
   * const [host, port] = server.sockets[0]!.getsockname(); // after startServer or createServer
   * ```
   */
  getsockname(): A {
    const address = this._server.address();
    if (address === null) throw new RuntimeError("the socket is not listening");
    return (typeof address === "string" ? address : [address.address, address.port]) as A;
  }

  /**
   * The address family, as the name of Python's constant: `"AF_INET"`, `"AF_INET6"` or `"AF_UNIX"`.
   *
   * @python `socket.socket.family` — https://docs.python.org/3/library/socket.html
   * @example
   * ```ts
   * const ipv6 = server.sockets.filter((s) => s.family === "AF_INET6");
   * ```
   */
  get family(): "AF_INET" | "AF_INET6" | "AF_UNIX" {
    const address = this._server.address();
    if (address === null || typeof address === "string") return "AF_UNIX";
    return address.family === "IPv6" ? "AF_INET6" : "AF_INET";
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr of the socket, without the fd, type and proto:
   * `<ServerSocket family=AF_INET, laddr=('127.0.0.1', 8888)>`.
   *
   * @python `asyncio.trsock.TransportSocket.__repr__` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.Server
   * @example
   * ```ts
   * console.log(String(server.sockets[0]));
   * ```
   */
  toString(): string {
    const address = this._server.address();
    if (address === null) return `<ServerSocket family=${this.family}>`;
    const laddr = typeof address === "string" ? address : `('${address.address}', ${address.port})`;
    return `<ServerSocket family=${this.family}, laddr=${laddr}>`;
  }
}
