/**
 * The streams' entry points (CPython's `open_connection`, `start_server`
 * and their Unix twins): the transport layer's connections and servers,
 * with a StreamReaderProtocol joining each to a reader and a writer.
 */
import {
  type Coroutine,
  type EventLoop,
  getRunningLoop,
  nameCoroutines,
} from "../../core/kernel/index.js";
import "../transports/connect.js";
import type { ConnectionOptions, UnixConnectionOptions } from "../transports/connect.js";
import "../transports/listen.js";
import type { TcpServerOptions, UnixServerOptions } from "../transports/listen.js";
import type { Server } from "../transports/server.js";
import type { Transport } from "../transports/transport.js";
import { StreamReader } from "./stream-reader.js";
import { type ClientConnected, StreamReaderProtocol } from "./stream-reader-protocol.js";
import { StreamWriter } from "./stream-writer.js";

/**
 * The streams' own option of `openConnection`, `startServer` and their Unix twins, beside
 * those of the transport they pass on.
 * In Python, the `limit` argument of `asyncio.open_connection`.
 *
 * @python `asyncio.open_connection` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.open_connection
 * @example
 * ```ts
 * const options: asyncio.StreamOptions = { limit: 1 << 20 };
 * const [reader, writer] = yield* asyncio.openConnection("example.com", 80, options);
 * ```
 */
export interface StreamOptions {
  /**
   * The StreamReader's buffer limit: the longest line `readline` returns (64 KiB by default).
   * In Python, the `limit` argument of `asyncio.open_connection`.
   *
   * @python `asyncio.open_connection` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.open_connection
   * @example
   * ```ts
   * const [reader, writer] = yield* asyncio.openConnection("example.com", 80, { limit: 1 << 20 });
   * ```
   */
  limit?: number;
}

/**
 * Opens a TCP connection to `host`:`port` (TLS with the `ssl` option) and returns its reader
 * and writer; the options are `loop.createConnection`'s and the reader's `limit`.
 *
 * @python `asyncio.open_connection` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.open_connection
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", 8888);
 *   writer.write(new TextEncoder().encode("ping\n"));
 *   yield* writer.drain();
 *   console.log(new TextDecoder().decode(yield* reader.readline()));
 *   writer.close();
 *   yield* writer.waitClosed();
 * }
 * ```
 */
export function openConnection(
  host?: string,
  port?: number,
  options: StreamOptions & ConnectionOptions = {},
): Coroutine<[StreamReader, StreamWriter]> {
  return openConnectionCoroutine(host, port, options);
}

/**
 * Opens a connection to the Unix domain socket at `path` and returns its reader and writer.
 *
 * @python `asyncio.open_unix_connection` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.open_unix_connection
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const [reader, writer] = yield* asyncio.openUnixConnection("/tmp/app.sock");
 *   writer.write(new TextEncoder().encode("status\n"));
 *   console.log(new TextDecoder().decode(yield* reader.readline()));
 *   writer.close();
 * }
 * ```
 */
export function openUnixConnection(
  path?: string,
  options: StreamOptions & UnixConnectionOptions = {},
): Coroutine<[StreamReader, StreamWriter]> {
  return openUnixConnectionCoroutine(path, options);
}

// Methods named as the functions, with the names nameCoroutines gives for
// reprs, traces and `asyncio-ts ps` (see core/sleep.ts): a Task made on
// openConnection() is coro=<openConnection()>, CPython's
// coro=<open_connection()>; likewise for the Unix twin and both servers.
const openConnectionCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *openConnection(
      host: string | undefined,
      port: number | undefined,
      options: StreamOptions & ConnectionOptions,
    ): Coroutine<[StreamReader, StreamWriter]> {
      return yield* open(options, (loop, factory, rest) =>
        loop.createConnection(factory, host, port, rest),
      );
    },
  }.openConnection,
  "openConnection",
);

const openUnixConnectionCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *openUnixConnection(
      path: string | undefined,
      options: StreamOptions & UnixConnectionOptions,
    ): Coroutine<[StreamReader, StreamWriter]> {
      return yield* open(options, (loop, factory, rest) =>
        loop.createUnixConnection(factory, path, rest),
      );
    },
  }.openUnixConnection,
  "openUnixConnection",
);

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
 * Starts a TCP server on `host`:`port` (TLS with the `ssl` option) that calls
 * `clientConnected(reader, writer)` for each connection; a coroutine it returns runs as a
 * Task. `host` may be a list; `port` 0 picks a free port.
 *
 * @python `asyncio.start_server` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.start_server
 * @example
 * ```ts
 * function* handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter): asyncio.Coroutine<void> {
 *   writer.write(yield* reader.readline()); // echo one line
 *   yield* writer.drain();
 *   writer.close();
 * }
 * function* main(): asyncio.Coroutine<void> {
 *   const server = yield* asyncio.startServer(handle, "127.0.0.1", 8888);
 *   yield* asyncio.asyncWith(server, function* () {
 *     yield* server.serveForever();
 *   });
 * }
 * ```
 */
export function startServer(
  clientConnected: ClientConnected,
  host?: string | string[],
  port?: number,
  options: StreamOptions & TcpServerOptions = {},
): Coroutine<Server<[host: string, port: number]>> {
  return startServerCoroutine(clientConnected, host, port, options);
}

const startServerCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *startServer(
      clientConnected: ClientConnected,
      host: string | string[] | undefined,
      port: number | undefined,
      options: StreamOptions & TcpServerOptions,
    ): Coroutine<Server<[host: string, port: number]>> {
      const loop = getRunningLoop();
      const { limit, ...rest } = options;
      return yield* loop.createServer(factory(loop, clientConnected, limit), host, port, rest);
    },
  }.startServer,
  "startServer",
);

/**
 * Starts a server on the Unix domain socket at `path` that calls
 * `clientConnected(reader, writer)` for each connection.
 *
 * @python `asyncio.start_unix_server` — https://docs.python.org/3/library/asyncio-stream.html#asyncio.start_unix_server
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const server = yield* asyncio.startUnixServer(handle, "/tmp/app.sock");
 *   yield* server.serveForever();
 * }
 * ```
 */
export function startUnixServer(
  clientConnected: ClientConnected,
  path: string,
  options: StreamOptions & UnixServerOptions = {},
): Coroutine<Server<string>> {
  return startUnixServerCoroutine(clientConnected, path, options);
}

const startUnixServerCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *startUnixServer(
      clientConnected: ClientConnected,
      path: string,
      options: StreamOptions & UnixServerOptions,
    ): Coroutine<Server<string>> {
      const loop = getRunningLoop();
      const { limit, ...rest } = options;
      return yield* loop.createUnixServer(factory(loop, clientConnected, limit), path, rest);
    },
  }.startUnixServer,
  "startUnixServer",
);

function factory(
  loop: EventLoop,
  clientConnected: ClientConnected,
  limit: number | undefined,
): () => StreamReaderProtocol {
  return () => new StreamReaderProtocol(new StreamReader(limit, { loop }), clientConnected, loop);
}
