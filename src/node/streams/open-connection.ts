/**
 * The streams' entry points (CPython's `open_connection`, `start_server`
 * and their Unix twins): the transport layer's connections and servers,
 * with a StreamReaderProtocol joining each to a reader and a writer.
 */
import type { Coroutine } from "../../core/coroutine.js";
import type { EventLoop } from "../../core/event-loop.js";
import { getRunningLoop } from "../../core/running-loop.js";
import "../transports/connect.js";
import type { ConnectionOptions, UnixConnectionOptions } from "../transports/connect.js";
import "../transports/listen.js";
import type { TcpServerOptions, UnixServerOptions } from "../transports/listen.js";
import type { Server } from "../transports/server.js";
import type { Transport } from "../transports/transport.js";
import { StreamReader } from "./stream-reader.js";
import { type ClientConnected, StreamReaderProtocol } from "./stream-reader-protocol.js";
import { StreamWriter } from "./stream-writer.js";

export interface StreamOptions {
  /** The StreamReader's limit (64 KiB by default). */
  limit?: number;
}

/**
 * Opens a TCP connection (TLS with `ssl`); returns its reader and writer.
 * @example const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", 8888);
 */
export function openConnection(
  host?: string,
  port?: number,
  options: StreamOptions & ConnectionOptions = {},
): Coroutine<[StreamReader, StreamWriter]> {
  return open(options, (loop, factory, rest) => loop.createConnection(factory, host, port, rest));
}

/**
 * Opens a connection to the Unix socket at `path`; returns its reader and writer.
 * @example const [reader, writer] = yield* asyncio.openUnixConnection("/tmp/app.sock");
 */
export function openUnixConnection(
  path?: string,
  options: StreamOptions & UnixConnectionOptions = {},
): Coroutine<[StreamReader, StreamWriter]> {
  return open(options, (loop, factory, rest) => loop.createUnixConnection(factory, path, rest));
}

function* open<O extends StreamOptions>(
  options: O,
  connect: (
    loop: EventLoop,
    factory: () => StreamReaderProtocol,
    rest: Omit<O, "limit">,
  ) => Coroutine<[Transport, unknown]>,
): Coroutine<[StreamReader, StreamWriter]> {
  const loop = getRunningLoop();
  const { limit, ...rest } = options;
  const reader = new StreamReader(limit, { loop });
  const protocol = new StreamReaderProtocol(reader, undefined, loop);
  // The transport returned, not the protocol's: a connection lost already
  // has cleared the latter, and writes must still be dropped quietly.
  const [transport] = yield* connect(loop, () => protocol, rest);
  return [reader, new StreamWriter(transport, protocol, reader, loop)];
}

/**
 * Starts a TCP server (TLS with `ssl`) calling `clientConnected(reader, writer)` per connection.
 * @example const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
 */
export function startServer(
  clientConnected: ClientConnected,
  host?: string | string[],
  port?: number,
  options: StreamOptions & TcpServerOptions = {},
): Coroutine<Server> {
  const loop = getRunningLoop();
  const { limit, ...rest } = options;
  return loop.createServer(factory(loop, clientConnected, limit), host, port, rest);
}

/**
 * Starts a server on the Unix socket at `path`.
 * @example const server = yield* asyncio.startUnixServer(handle, "/tmp/app.sock");
 */
export function startUnixServer(
  clientConnected: ClientConnected,
  path: string,
  options: StreamOptions & UnixServerOptions = {},
): Coroutine<Server> {
  const loop = getRunningLoop();
  const { limit, ...rest } = options;
  return loop.createUnixServer(factory(loop, clientConnected, limit), path, rest);
}

function factory(
  loop: EventLoop,
  clientConnected: ClientConnected,
  limit: number | undefined,
): () => StreamReaderProtocol {
  return () => new StreamReaderProtocol(new StreamReader(limit, { loop }), clientConnected, loop);
}
