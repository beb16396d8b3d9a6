/**
 * The TLS tests' certificates (test/fixtures/tls/, made by
 * scripts/make-test-certs.sh): a private CA and a "localhost" server
 * certificate (DNS:localhost, IP:127.0.0.1) signed by it; and STARTTLS's
 * plain-text exchange, as the tests' clients and servers speak it.
 */
import { readFileSync } from "node:fs";
import * as asyncio from "asyncio-ts";
import { dec, enc, portOf } from "./socket-helpers.js";

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

// STARTTLS: the client sends "STARTTLS\n" on the plain connection and waits
// for the server's "OK\n"; the server drains its answer before it upgrades,
// so the client starts its handshake only once the answer is out and nothing
// of the handshake is read as a line. Each test then calls startTls on both
// sides itself, with the options and the outcome it is about.

/** The server's part of STARTTLS before the upgrade: reads the command, answers "OK\n", drains; returns the command. */
export function* answerStartTls(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<string> {
  const command = dec(yield* reader.readline());
  writer.write(enc("OK\n"));
  yield* writer.drain();
  return command;
}

/** The client's part of STARTTLS before the upgrade: sends the command, reads the answer; returns it. */
export function* requestStartTls(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<string> {
  writer.write(enc("STARTTLS\n"));
  return dec(yield* reader.readline());
}
