/**
 * The TLS tests' certificates (test/fixtures/tls/, made by
 * scripts/make-test-certs.sh): a private CA and a "localhost" server
 * certificate (DNS:localhost, IP:127.0.0.1) signed by it.
 */
import { readFileSync } from "node:fs";
import * as asyncio from "asyncio-ts";
import { portOf } from "./socket-helpers.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url), "utf8");
export const CA = fixture("ca.pem");
const KEY = fixture("server-key.pem");
const CERT = fixture("server-cert.pem");

/** Fresh objects per call, so `sslcontext` identity checks mean something. */
export const serverSSL = (): asyncio.ServerSSL => ({ key: KEY, cert: CERT });
export const clientSSL = (): asyncio.ClientSSL => ({ ca: CA });

/** A protocol server over TLS on 127.0.0.1; `body` gets its port, and the server is closed after. */
export function* withTlsProtocolServer<T>(
  protocolFactory: () => asyncio.Protocol,
  body: (port: number) => asyncio.Coroutine<T>,
): asyncio.Coroutine<T> {
  const loop = asyncio.getRunningLoop();
  const server = yield* loop.createServer(protocolFactory, "127.0.0.1", 0, { ssl: serverSSL() });
  return yield* asyncio.asyncWith(server, function* () {
    return yield* body(portOf(server));
  });
}
