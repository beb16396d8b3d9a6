/**
 * TLS settings. Python passes an `ssl.SSLContext`; here they are Node's own
 * `tls` options (certificates, CAs, ciphers…), which is what a context holds.
 */
import type { ConnectionOptions, TlsOptions } from "node:tls";
import { ValueError } from "../../core/kernel/index.js";

/**
 * A client's `ssl`: `true` verifies the server against the system's CAs; Node's `tls.connect`
 * options (`ca`, `cert`, `key`, `rejectUnauthorized`…) hold what Python's `SSLContext` would.
 * In Python, the `ssl` argument of `asyncio.loop.create_connection`.
 *
 * @python `asyncio.loop.create_connection` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
 * @example
 * ```ts
 * const ssl: asyncio.ClientSSL = { ca };
 * const [reader, writer] = yield* asyncio.openConnection("internal.example", 443, { ssl });
 * ```
 */
export type ClientSSL = boolean | ConnectionOptions;
/**
 * A server's `ssl`: Node's `tls.createServer` options, at least `key` and `cert`.
 * In Python, the `ssl` argument of `asyncio.loop.create_server`.
 *
 * @python `asyncio.loop.create_server` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_server
 * @example
 * ```ts
 * const ssl: asyncio.ServerSSL = { key, cert };
 * const server = yield* asyncio.startServer(handle, "0.0.0.0", 8443, { ssl });
 * ```
 */
export type ServerSSL = TlsOptions;

/** CPython's `constants.SSL_HANDSHAKE_TIMEOUT`. */
export const SSL_HANDSHAKE_TIMEOUT = 60;

/** CPython's checks of the TLS arguments of `create_connection`. */
export function checkClientSSL(
  ssl: ClientSSL | undefined,
  host: string | undefined,
  serverHostname: string | undefined,
  sslHandshakeTimeout: number | undefined,
): string | undefined {
  if (serverHostname !== undefined && !ssl) {
    throw new ValueError("server_hostname is only meaningful with ssl");
  }
  if (sslHandshakeTimeout !== undefined && !ssl) {
    throw new ValueError("ssl_handshake_timeout is only meaningful with ssl");
  }
  if (sslHandshakeTimeout !== undefined && sslHandshakeTimeout <= 0) {
    throw new ValueError(
      `ssl_handshake_timeout should be a positive number, got ${sslHandshakeTimeout}`,
    );
  }
  if (!ssl || serverHostname !== undefined) return serverHostname;
  if (!host) throw new ValueError("You must set server_hostname when using ssl without a host");
  return host;
}
