/**
 * DatagramProtocol (CPython's, in protocols.py): what a datagram endpoint
 * (datagram-transport.ts) calls with each datagram and each error the socket
 * reports. A file of its own because only UDP endpoints use it; the
 * protocols every stream shares are in protocols.ts.
 */
import { type Address, BaseProtocol } from "./protocols.js";
import type { DatagramTransport } from "./transport.js";

/**
 * A UDP protocol: whole datagrams, each with the address it came from.
 *
 * @python `asyncio.DatagramProtocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.DatagramProtocol
 * @example
 * ```ts
 * class EchoUdp extends asyncio.DatagramProtocol {
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
 *   yield* loop.createDatagramEndpoint(() => new EchoUdp(), { localAddr: ["127.0.0.1", 9999] });
 * }
 * ```
 */
export class DatagramProtocol extends BaseProtocol {
  /**
   * Called when the endpoint is ready, with its DatagramTransport.
   *
   * @python `asyncio.BaseProtocol.connection_made` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * class Pinger extends asyncio.DatagramProtocol {
   *   override connectionMade(transport: asyncio.DatagramTransport): void {
   *     transport.sendto(new TextEncoder().encode("ping"));
   *   }
   * }
   * ```
   */
  override connectionMade(_transport: DatagramTransport): void {}
  /**
   * Called with each datagram received and the `[host, port]` it came from.
   *
   * @python `asyncio.DatagramProtocol.datagram_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.DatagramProtocol.datagram_received
   * @example
   * ```ts
   * class Logger extends asyncio.DatagramProtocol {
   *   override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
   *     console.log(`${data.length} bytes from ${String(addr)}`);
   *   }
   * }
   * ```
   */
  datagramReceived(_data: Uint8Array, _addr: Address): void {}
  /**
   * Called when a send or receive failed (for instance ICMP port unreachable on a connected
   * socket); the endpoint stays open.
   *
   * @python `asyncio.DatagramProtocol.error_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.DatagramProtocol.error_received
   * @example
   * ```ts
   * class Pinger extends asyncio.DatagramProtocol {
   *   override errorReceived(exc: Error): void {
   *     console.log("udp error:", exc.message);
   *   }
   * }
   * ```
   */
  errorReceived(_exc: Error): void {}
}
