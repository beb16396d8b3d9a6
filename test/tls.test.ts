/**
 * TLS over real sockets on 127.0.0.1 (real time; outcomes only): echo through
 * streams and through protocols, extra info, certificate failures, no
 * half-close, STARTTLS, CPython's argument checks and the handshake timeout.
 * The certificates are test/fixtures/tls/ (scripts/make-test-certs.sh): a
 * private CA and a "localhost" server certificate (DNS:localhost, IP:127.0.0.1).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TLSSocket } from "node:tls";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { raisedBy } from "./helpers.js";
import { dec, echoLines, enc, portOf, readOutcome } from "./socket-helpers.js";
import {
  answerStartTls,
  clientSSL,
  requestStartTls,
  serverSSL,
  withTlsProtocolServer,
} from "./tls-fixtures.js";

/** Echoes bytes as they come (no line limit). */
function* echoChunks(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  for (;;) {
    const chunk = yield* reader.read(65536);
    if (chunk.length === 0) break;
    writer.write(chunk);
    yield* writer.drain();
  }
  writer.close();
  yield* writer.waitClosed();
}

/** A TLS echo server on 127.0.0.1; `body` gets its port, and the server is closed after. */
function* withTlsEcho<T>(body: (port: number) => asyncio.Coroutine<T>): asyncio.Coroutine<T> {
  const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0, { ssl: serverSSL() });
  return yield* asyncio.asyncWith(server, function* () {
    return yield* body(portOf(server));
  });
}

describe("streams over TLS", () => {
  test("an echo server over TLS answers each line; the client verifies it with the CA", async () => {
    const out = await asyncio.run(
      withTlsEcho(function* (port) {
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port, {
          ssl: clientSSL(),
          serverHostname: "localhost",
        });
        const got: string[] = [];
        for (const line of ["hello\n", "world\n"]) {
          writer.write(enc(line));
          yield* writer.drain();
          got.push(dec(yield* reader.readline()));
        }
        writer.close();
        yield* writer.waitClosed();
        return got;
      }),
    );
    expect(out).toEqual(["hello\n", "world\n"]);
  });

  test("without serverHostname the host (an IP) is verified against the certificate's IP SAN", async () => {
    const out = await asyncio.run(
      withTlsEcho(function* (port) {
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port, {
          ssl: clientSSL(),
        });
        writer.write(enc("by ip\n"));
        const line = dec(yield* reader.readline());
        writer.close();
        yield* writer.waitClosed();
        return line;
      }),
    );
    expect(out).toBe("by ip\n");
  });

  test("a large payload crosses TLS intact in both directions", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(echoChunks, "127.0.0.1", 0, {
          ssl: serverSSL(),
        });
        const port = portOf(server);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port, {
          ssl: clientSSL(),
          serverHostname: "localhost",
        });
        // 1 MiB of a repeating pattern, one line, several TLS records.
        const body = new Uint8Array(1024 * 1024).map((_, i) => 97 + (i % 26));
        const line = new Uint8Array(body.length + 1);
        line.set(body);
        line[body.length] = 10;
        const reading = asyncio.createTask(reader.readexactly(line.length));
        writer.write(line);
        yield* writer.drain();
        const back = yield* reading;
        writer.close();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return [back.length, Buffer.from(back).equals(Buffer.from(line))];
      })(),
    );
    expect(out).toEqual([1024 * 1024 + 1, true]);
  });

  test("TLS over a Unix socket (serverHostname given) echoes too", async () => {
    const path = join(tmpdir(), `asyncio-ts-tls-${process.pid}.sock`);
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startUnixServer(echoLines, path, { ssl: serverSSL() });
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openUnixConnection(path, {
            ssl: clientSSL(),
            serverHostname: "localhost",
          });
          writer.write(enc("over unix tls\n"));
          const line = dec(yield* reader.readline());
          const tls = writer.getExtraInfo("ssl_object") instanceof TLSSocket;
          writer.close();
          yield* writer.waitClosed();
          return [line, tls, writer.getExtraInfo("peername")];
        });
      })(),
    );
    expect(out).toEqual(["over unix tls\n", true, path]);
  });
});

describe("protocols over TLS (loop.createServer / loop.createConnection)", () => {
  class EchoServer extends asyncio.Protocol {
    transport: asyncio.Transport | undefined;
    override connectionMade(transport: asyncio.Transport): void {
      this.transport = transport;
    }
    override dataReceived(data: Uint8Array): void {
      this.transport!.write(data);
    }
  }

  class Client extends asyncio.Protocol {
    readonly received: string[] = [];
    readonly gotPong: asyncio.Future<void>;
    readonly lost: asyncio.Future<Error | undefined>;
    private buffer = "";
    constructor(loop: asyncio.EventLoop) {
      super();
      this.gotPong = loop.createFuture();
      this.lost = loop.createFuture();
    }
    override dataReceived(data: Uint8Array): void {
      this.buffer += dec(data);
      if (this.buffer.endsWith("\n") && !this.gotPong.done()) {
        this.received.push(this.buffer);
        this.gotPong.setResult(undefined);
      }
    }
    override connectionLost(exc: Error | undefined): void {
      this.lost.setResult(exc);
    }
  }

  test("an echo protocol over TLS; connectionLost(undefined) after close()", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        return yield* withTlsProtocolServer(
          () => new EchoServer(),
          function* (port) {
            const [transport, client] = yield* loop.createConnection(
              () => new Client(loop),
              "127.0.0.1",
              port,
              { ssl: clientSSL(), serverHostname: "localhost" },
            );
            transport.write(enc("ping over tls\n"));
            yield* client.gotPong;
            transport.close();
            const exc = yield* client.lost;
            return [client.received, exc, transport.isClosing()];
          },
        );
      })(),
    );
    expect(out).toEqual([["ping over tls\n"], undefined, true]);
  });
});

describe("extra info", () => {
  test("sslcontext is the options passed, peercert names the server, cipher and ssl_object are set", async () => {
    const sSSL = serverSSL();
    const cSSL = clientSSL();
    const out = await asyncio.run(
      (function* () {
        const serverSide = asyncio.getRunningLoop().createFuture<unknown[]>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            serverSide.setResult([
              writer.getExtraInfo("sslcontext") === sSSL,
              writer.getExtraInfo("ssl_object") instanceof TLSSocket,
              typeof (writer.getExtraInfo("cipher") as { name?: unknown }).name,
            ]);
            // The client closes without reading: see the TLS 1.3 close bug below.
            yield* readOutcome(reader);
            writer.close();
          },
          "127.0.0.1",
          0,
          { ssl: sSSL },
        );
        return yield* asyncio.asyncWith(server, function* () {
          const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
            ssl: cSSL,
            serverHostname: "localhost",
          });
          const peercert = writer.getExtraInfo("peercert") as {
            subject: { CN: string };
            issuer: { CN: string };
            subjectaltname: string;
          };
          const cipher = writer.getExtraInfo("cipher") as { name: string; version: string };
          const client = [
            writer.getExtraInfo("sslcontext") === cSSL,
            writer.getExtraInfo("ssl_object") instanceof TLSSocket,
            peercert.subject.CN,
            peercert.issuer.CN,
            peercert.subjectaltname,
            typeof cipher.name === "string" && cipher.name.length > 0,
            cipher.version.startsWith("TLS"),
          ];
          const onServer = yield* serverSide;
          writer.close();
          yield* writer.waitClosed();
          return { client, server: onServer };
        });
      })(),
    );
    expect(out).toEqual({
      client: [
        true,
        true,
        "localhost",
        "asyncio-ts test CA",
        "DNS:localhost, IP Address:127.0.0.1",
        true,
        true,
      ],
      server: [true, true, "string"],
    });
  });

  test("a plain connection has no TLS extra info (the default is returned)", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0);
        return yield* asyncio.asyncWith(server, function* () {
          const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          const info = ["sslcontext", "ssl_object", "peercert", "cipher"].map((name) =>
            writer.getExtraInfo(name, "none"),
          );
          writer.close();
          yield* writer.waitClosed();
          return info;
        });
      })(),
    );
    expect(out).toEqual(["none", "none", "none", "none"]);
  });
});

describe("certificate verification failures", () => {
  // CPython raises ssl.SSLCertVerificationError (SSLError → OSError, and ValueError)
  // with errno 1: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed:
  // unable to get local issuer certificate". asyncio-ts has no SSLError class:
  // Node's error goes through toOSError, which makes it a plain OSError whose
  // errno is Node's code and whose cause is Node's error.
  test("a client that does not trust the CA fails with an OSError (Node's code as errno)", async () => {
    const e = await asyncio.run(
      withTlsEcho((port) =>
        raisedBy(() =>
          asyncio.openConnection("127.0.0.1", port, { ssl: true, serverHostname: "localhost" }),
        ),
      ),
    );
    expect(e).toBeInstanceOf(asyncio.OSError);
    expect(e).not.toBeInstanceOf(asyncio.ConnectionError);
    expect((e as asyncio.OSError).errno).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect((e as Error).cause).toBeInstanceOf(Error);
  });

  // CPython: SSLCertVerificationError "... Hostname mismatch, certificate is not valid for 'example.com'."
  test("a serverHostname the certificate does not name fails with an OSError", async () => {
    const e = await asyncio.run(
      withTlsEcho((port) =>
        raisedBy(() =>
          asyncio.openConnection("127.0.0.1", port, {
            ssl: clientSSL(),
            serverHostname: "example.com",
          }),
        ),
      ),
    );
    expect(e).toBeInstanceOf(asyncio.OSError);
    expect((e as asyncio.OSError).errno).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    expect((e as Error).message).toMatch(/example\.com/);
  });

  test("after a failed handshake the server still serves a trusting client", async () => {
    const out = await asyncio.run(
      withTlsEcho(function* (port) {
        const e = yield* raisedBy(() =>
          asyncio.openConnection("127.0.0.1", port, { ssl: true, serverHostname: "localhost" }),
        );
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port, {
          ssl: clientSSL(),
          serverHostname: "localhost",
        });
        writer.write(enc("still here\n"));
        const line = dec(yield* reader.readline());
        writer.close();
        yield* writer.waitClosed();
        return [e instanceof asyncio.OSError, line];
      }),
    );
    expect(out).toEqual([true, "still here\n"]);
  });
});

describe("no half-close over TLS", () => {
  test("canWriteEof() is false over TLS (true over plain TCP) and writeEof throws", async () => {
    const out = await asyncio.run(
      (function* () {
        const plainServer = yield* asyncio.startServer(echoLines, "127.0.0.1", 0);
        const plain = yield* asyncio.asyncWith(plainServer, function* () {
          const [, w] = yield* asyncio.openConnection("127.0.0.1", portOf(plainServer));
          const can = w.canWriteEof();
          w.close();
          yield* w.waitClosed();
          return can;
        });
        const tls = yield* withTlsEcho(function* (port) {
          const [, w] = yield* asyncio.openConnection("127.0.0.1", port, {
            ssl: clientSSL(),
            serverHostname: "localhost",
          });
          const can = w.canWriteEof();
          let threw: unknown;
          try {
            w.writeEof();
          } catch (e) {
            threw = e;
          }
          const closing = w.isClosing();
          w.close();
          yield* w.waitClosed();
          return [can, threw instanceof Error, closing];
        });
        return [plain, ...tls];
      })(),
    );
    expect(out).toEqual([true, false, true, false]);
  });

  test("writeEof over TLS raises NotImplementedError, as CPython", async () => {
    const e = await asyncio.run(
      withTlsEcho(function* (port) {
        const [, w] = yield* asyncio.openConnection("127.0.0.1", port, {
          ssl: clientSSL(),
          serverHostname: "localhost",
        });
        let threw: unknown;
        try {
          w.writeEof();
        } catch (err) {
          threw = err;
        }
        w.close();
        yield* w.waitClosed();
        return threw;
      }),
    );
    expect(e).toBeInstanceOf(asyncio.NotImplementedError);
  });

  test("the server's connection closes by itself when the client closes (EOF does not half-close)", async () => {
    const out = await asyncio.run(
      (function* () {
        const done = asyncio.getRunningLoop().createFuture<unknown[]>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            writer.write(enc("hi\n"));
            yield* writer.drain();
            const data = dec(yield* reader.read());
            // No writer.close() here: over TLS the transport closes on EOF.
            yield* writer.waitClosed();
            done.setResult([data, reader.atEof(), writer.isClosing()]);
          },
          "127.0.0.1",
          0,
          { ssl: serverSSL() },
        );
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
            ssl: clientSSL(),
            serverHostname: "localhost",
          });
          // Reading the greeting also reads TLS 1.3's session tickets, sent before it.
          yield* reader.readline();
          writer.write(enc("last words"));
          writer.close();
          yield* writer.waitClosed();
          return yield* done;
        });
      })(),
    );
    expect(out).toEqual(["last words", true, true]);
  });

  test("the client reads EOF when the TLS server closes", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(
          function* (_reader, writer) {
            writer.write(enc("bye\n"));
            writer.close();
            yield* writer.waitClosed();
          },
          "127.0.0.1",
          0,
          { ssl: serverSSL() },
        );
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
            ssl: clientSSL(),
            serverHostname: "localhost",
          });
          const all = dec(yield* reader.read());
          yield* writer.waitClosed();
          return [all, reader.atEof(), writer.isClosing()];
        });
      })(),
    );
    expect(out).toEqual(["bye\n", true, true]);
  });
});

describe("closing a TLS connection", () => {
  test("a client that closes right after the handshake: the server reads its data then a clean EOF", async () => {
    const out = await asyncio.run(
      (function* () {
        const outcomes = new asyncio.Queue<string>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            outcomes.putNowait(yield* readOutcome(reader));
            writer.close();
          },
          "127.0.0.1",
          0,
          { ssl: serverSSL() },
        );
        return yield* asyncio.asyncWith(server, function* () {
          const got: string[] = [];
          for (let i = 0; i < 5; i++) {
            const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
              ssl: clientSSL(),
              serverHostname: "localhost",
            });
            writer.write(enc("bye"));
            writer.close();
            yield* writer.waitClosed();
            got.push(yield* outcomes.get());
          }
          return got;
        });
      })(),
    );
    expect(out).toEqual(["eof:3", "eof:3", "eof:3", "eof:3", "eof:3"]);
  });
});

describe("STARTTLS", () => {
  test("a plain connection upgraded by writer.startTls on both sides carries lines over TLS", async () => {
    const sSSL = serverSSL();
    const cSSL = clientSSL();
    const out = await asyncio.run(
      (function* () {
        const serverSeen = asyncio.getRunningLoop().createFuture<unknown[]>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            const before = writer.getExtraInfo("sslcontext");
            const command = yield* answerStartTls(reader, writer);
            yield* writer.startTls(sSSL);
            const line = dec(yield* reader.readline());
            writer.write(enc(`echo: ${line}`));
            yield* writer.drain();
            serverSeen.setResult([
              command,
              before,
              writer.getExtraInfo("sslcontext") === sSSL,
              writer.getExtraInfo("ssl_object") instanceof TLSSocket,
              line,
            ]);
            yield* echoLines(reader, writer);
          },
          "127.0.0.1",
          0,
        );
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          const ok = yield* requestStartTls(reader, writer);
          const before = writer.getExtraInfo("sslcontext");
          yield* writer.startTls(cSSL, { serverHostname: "localhost" });
          const client = [
            ok,
            before,
            writer.getExtraInfo("sslcontext") === cSSL,
            (writer.getExtraInfo("peercert") as { subject: { CN: string } }).subject.CN,
            writer.canWriteEof(),
          ];
          writer.write(enc("secret\n"));
          const answer = dec(yield* reader.readline());
          writer.write(enc("again\n"));
          const again = dec(yield* reader.readline());
          writer.close();
          yield* writer.waitClosed();
          return { client: [...client, answer, again], server: yield* serverSeen };
        });
      })(),
    );
    expect(out).toEqual({
      client: ["OK\n", undefined, true, "localhost", false, "echo: secret\n", "again\n"],
      server: ["STARTTLS\n", undefined, true, true, "secret\n"],
    });
  });

  test("STARTTLS with a wrong serverHostname fails on the client with an OSError", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            yield* answerStartTls(reader, writer);
            try {
              // The timeout bounds the server's wait should the peer's end go unnoticed.
              yield* writer.startTls(serverSSL(), { sslHandshakeTimeout: 0.5 });
            } catch (e) {
              if (e instanceof asyncio.CancelledError) throw e;
              // The client rejects the certificate: the server's handshake fails too.
            }
            writer.close();
          },
          "127.0.0.1",
          0,
        );
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          yield* requestStartTls(reader, writer);
          const e = yield* raisedBy(() =>
            writer.startTls(clientSSL(), { serverHostname: "example.com" }),
          );
          writer.close();
          return [e instanceof asyncio.OSError, (e as asyncio.OSError).errno];
        });
      })(),
    );
    expect(out).toEqual([true, "ERR_TLS_CERT_ALTNAME_INVALID"]);
  });

  test("STARTTLS: when the client rejects the certificate, the server's startTls fails with an OSError", async () => {
    const out = await asyncio.run(
      (function* () {
        const serverError = asyncio.getRunningLoop().createFuture<unknown>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            yield* answerStartTls(reader, writer);
            serverError.setResult(
              yield* raisedBy(() => writer.startTls(serverSSL(), { sslHandshakeTimeout: 1 })),
            );
            writer.close();
          },
          "127.0.0.1",
          0,
        );
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          yield* requestStartTls(reader, writer);
          yield* raisedBy(() => writer.startTls(clientSSL(), { serverHostname: "example.com" }));
          writer.close();
          return yield* serverError;
        });
      })(),
    );
    expect(out).toBeInstanceOf(asyncio.OSError);
  });

  test("loop.startTls rejects a transport that is not a socket transport, or already TLS, with TypeError", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const fake = { toString: () => "<FakeTransport>" } as unknown as asyncio.Transport;
        const e1 = yield* raisedBy(() =>
          loop.startTls(fake, new asyncio.Protocol(), clientSSL(), { serverHostname: "localhost" }),
        );
        const e2 = yield* withTlsEcho(function* (port) {
          const [, writer] = yield* asyncio.openConnection("127.0.0.1", port, {
            ssl: clientSSL(),
            serverHostname: "localhost",
          });
          const e = yield* raisedBy(() =>
            loop.startTls(
              writer.transport as asyncio.Transport,
              new asyncio.Protocol(),
              clientSSL(),
            ),
          );
          writer.close();
          yield* writer.waitClosed();
          return e;
        });
        return [e1, e2];
      })(),
    );
    const [e1, e2] = out as [Error, Error];
    expect(e1).toBeInstanceOf(TypeError);
    expect(e1.message).toBe("transport <FakeTransport> is not supported by start_tls()");
    expect(e2).toBeInstanceOf(TypeError);
    expect(e2.message).toMatch(/ is not supported by start_tls\(\)$/);
  });
});

describe("CPython's argument checks", () => {
  function* valueError(body: () => asyncio.Coroutine<unknown>): asyncio.Coroutine<string> {
    const e = yield* raisedBy(body);
    if (!(e instanceof asyncio.ValueError)) throw e;
    return e.message;
  }

  test("createConnection: TLS-only options without ssl, and ssl without a name to verify", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const factory = () => new asyncio.Protocol();
        // Port 1: the checks come before any connect.
        return [
          yield* valueError(() =>
            asyncio.openConnection("127.0.0.1", 1, { serverHostname: "localhost" }),
          ),
          yield* valueError(() =>
            asyncio.openConnection("127.0.0.1", 1, { sslHandshakeTimeout: 1 }),
          ),
          yield* valueError(() =>
            loop.createConnection(factory, "127.0.0.1", 1, {
              ssl: clientSSL(),
              sslHandshakeTimeout: 0,
            }),
          ),
          yield* valueError(() =>
            loop.createConnection(factory, undefined, undefined, { ssl: clientSSL() }),
          ),
        ];
      })(),
    );
    expect(out).toEqual([
      "server_hostname is only meaningful with ssl",
      "ssl_handshake_timeout is only meaningful with ssl",
      "ssl_handshake_timeout should be a positive number, got 0",
      "You must set server_hostname when using ssl without a host",
    ]);
  });

  test("createUnixConnection: ssl needs serverHostname; serverHostname and sslHandshakeTimeout need ssl", async () => {
    const path = join(tmpdir(), `asyncio-ts-tls-none-${process.pid}.sock`);
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const factory = () => new asyncio.Protocol();
        return [
          yield* valueError(() => loop.createUnixConnection(factory, path, { ssl: clientSSL() })),
          yield* valueError(() => asyncio.openUnixConnection(path, { ssl: true })),
          yield* valueError(() =>
            loop.createUnixConnection(factory, path, { serverHostname: "localhost" }),
          ),
          yield* valueError(() =>
            loop.createUnixConnection(factory, path, { sslHandshakeTimeout: 1 }),
          ),
        ];
      })(),
    );
    expect(out).toEqual([
      "you have to pass server_hostname when using ssl",
      "you have to pass server_hostname when using ssl",
      "server_hostname is only meaningful with ssl",
      "ssl_handshake_timeout is only meaningful with ssl",
    ]);
  });

  test("createServer: sslHandshakeTimeout without ssl is a ValueError", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        try {
          const server = yield* loop.createServer(() => new asyncio.Protocol(), "127.0.0.1", 0, {
            sslHandshakeTimeout: 1,
          });
          server.close();
          yield* server.waitClosed();
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          return e;
        }
        return undefined;
      })(),
    );
    expect(out).toBeInstanceOf(asyncio.ValueError);
  });
});

describe("handshake timeout", () => {
  /** A plain TCP server that accepts and never answers; `body` gets its port. */
  function* withSilentServer<T>(
    body: (port: number) => asyncio.Coroutine<T>,
  ): asyncio.Coroutine<T> {
    const server = yield* asyncio.startServer(
      function* (reader, writer) {
        yield* readOutcome(reader); // until the client gives up
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    return yield* asyncio.asyncWith(server, function* () {
      return yield* body(portOf(server));
    });
  }

  function* silentHandshake(): asyncio.Coroutine<unknown> {
    return yield* withSilentServer((port) =>
      raisedBy(() =>
        asyncio.openConnection("127.0.0.1", port, {
          ssl: clientSSL(),
          serverHostname: "localhost",
          sslHandshakeTimeout: 0.2,
        }),
      ),
    );
  }

  test("a server that never answers the handshake: the client gives up with CPython's message", async () => {
    const e = await asyncio.run(silentHandshake());
    // CPython (sslproto.py, _check_handshake_timeout):
    // f"SSL handshake is taking longer than {timeout} seconds: aborting the connection"
    expect((e as Error).message).toBe(
      "SSL handshake is taking longer than 0.2 seconds: aborting the connection",
    );
  });

  test("cancelling a connection mid-handshake releases its socket: Node's TCP handles return to their count", async () => {
    const tcpHandles = (): number =>
      process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;
    const out = await asyncio.run(
      withSilentServer(function* (port) {
        // Handles of the tests before may still be closing: count once Node has let them go.
        let before = tcpHandles();
        for (let i = 0; i < 50; i++) {
          yield* asyncio.sleep(0.01);
          if (tcpHandles() === before) break;
          before = tcpHandles();
        }
        let error: unknown;
        try {
          yield* asyncio.waitFor(
            asyncio.openConnection("127.0.0.1", port, {
              ssl: clientSSL(),
              serverHostname: "localhost",
            }),
            0.1,
          );
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          error = e;
        }
        // The client's socket is gone; the server's end follows once it sees the close.
        for (let i = 0; i < 100 && tcpHandles() > before; i++) yield* asyncio.sleep(0.01);
        return [error instanceof asyncio.TimeoutError, tcpHandles() - before];
      }),
    );
    expect(out).toEqual([true, 0]);
  });

  test("the handshake timeout is a ConnectionAbortedError, as in CPython", async () => {
    const e = await asyncio.run(silentHandshake());
    expect(e).toBeInstanceOf(asyncio.ConnectionAbortedError);
    expect(e).toBeInstanceOf(asyncio.OSError);
  });

  test("a TLS server with sslHandshakeTimeout drops a client that never starts the handshake", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0, {
          ssl: serverSSL(),
          sslHandshakeTimeout: 0.2,
        });
        return yield* asyncio.asyncWith(server, function* () {
          // A plain client: it sends nothing, so the TLS handshake never starts.
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          let outcome: string;
          try {
            // A guard ten times the server's timeout, so a bug fails instead of hanging.
            outcome = yield* asyncio.waitFor(readOutcome(reader), 2);
          } catch (e) {
            if (!(e instanceof asyncio.TimeoutError)) throw e;
            outcome = "still open";
          }
          writer.close();
          return outcome;
        });
      })(),
    );
    expect(["eof:0", "ConnectionResetError"]).toContain(out);
  });
});

test("after STARTTLS the reader's flow control holds the TLS connection: a writer to a non-reading client stalls", async () => {
  const out = await asyncio.run(
    (function* () {
      let sent = 0;
      const server = yield* asyncio.startServer(
        function* (reader, writer) {
          yield* answerStartTls(reader, writer);
          yield* writer.startTls(serverSSL());
          const chunk = new Uint8Array(64 * 1024);
          try {
            for (;;) {
              writer.write(chunk);
              sent += chunk.length;
              yield* writer.drain();
            }
          } catch (e) {
            if (e instanceof asyncio.CancelledError) throw e;
            // The client goes away at the end.
          }
        },
        "127.0.0.1",
        0,
      );
      const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
        limit: 1024,
      });
      yield* requestStartTls(reader, writer);
      yield* writer.startTls(clientSSL(), { serverHostname: "localhost" });
      yield* asyncio.sleep(0.3);
      const at = sent;
      yield* asyncio.sleep(0.2);
      const stalled = sent === at;
      writer.transport.abort();
      server.close();
      server.abortClients();
      yield* server.waitClosed();
      return { stalled, sent };
    })(),
  );
  expect(out.stalled).toBe(true);
  expect(out.sent).toBeLessThan(16 * 1024 * 1024);
});

test("loop.sendfile over TLS copies the file; with fallback: false it is CPython's RuntimeError", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { open } = await import("node:fs/promises");
  const path = join(mkdtempSync(join(tmpdir(), "asyncio-ts-tls-sendfile-")), "f.bin");
  writeFileSync(path, new Uint8Array(50_000).fill(9));
  const out = await asyncio.run(
    (function* () {
      const loop = asyncio.getRunningLoop();
      const got = loop.createFuture<number>();
      const server = yield* asyncio.startServer(
        function* (reader, writer) {
          got.setResult((yield* reader.read()).length);
          writer.close();
        },
        "127.0.0.1",
        0,
        { ssl: serverSSL() },
      );
      const file = yield* asyncio.fromPromise(open(path));
      const [transport] = yield* loop.createConnection(
        () => new asyncio.Protocol(),
        "127.0.0.1",
        portOf(server),
        { ssl: clientSSL(), serverHostname: "localhost" },
      );
      let refused = "";
      try {
        yield* loop.sendfile(transport, file, 0, undefined, { fallback: false });
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
      } catch (e) {
        refused = (e as Error).message.replace(/transport <.*>$/, "transport <...>");
      }
      const sent = yield* loop.sendfile(transport, file);
      transport.close();
      const received = yield* got;
      yield* asyncio.fromPromise(file.close());
      server.close();
      yield* server.waitClosed();
      return [refused, sent, received];
    })(),
  );
  expect(out).toEqual([
    "fallback is disabled and native sendfile is not supported for transport <...>",
    50_000,
    50_000,
  ]);
});
