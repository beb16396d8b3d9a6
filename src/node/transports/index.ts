/** asyncio's transports and protocols on Node sockets. */

export type { ConnectionOptions, StreamProtocolFactory, UnixConnectionOptions } from "./connect.js";
export type { DatagramEndpointOptions, DatagramProtocolFactory, HostPort } from "./datagram.js";
export { DatagramProtocol } from "./datagram-protocol.js";
export type { ServerOptions, TcpServerOptions, UnixServerOptions } from "./listen.js";
export { type Address, BaseProtocol, BufferedProtocol, Protocol } from "./protocols.js";
export { Server } from "./server.js";
export { ServerSocket, type SocketAddress } from "./server-socket.js";
export type { StartTlsOptions } from "./start-tls.js";
export type { SubprocessTransportOptions } from "./subprocess-exec.js";
export { SubprocessProtocol } from "./subprocess-protocol.js";
export type { ClientSSL, ServerSSL } from "./tls-options.js";
export type {
  BaseTransport,
  DatagramTransport,
  ExtraInfo,
  ReadTransport,
  SubprocessTransport,
  Transport,
  TransportExtraInfo,
  WriteTransport,
} from "./transport.js";
