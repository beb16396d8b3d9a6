/**
 * A TLS server and the clients that leave without a word: a health check or
 * port scan that connects and closes (FIN) before its ClientHello, a client
 * that rejects the server's certificate, a client that closes right after its
 * handshake. CPython 3.13 closes their server-side sockets at once and reports
 * nothing to the exception handler (a failed handshake is an OSError there: a
 * debug log at most). And a client that half-closes after the handshake still
 * gets the server's answer. And a client still in its handshake when the
 * server closes: CPython's Server counts it as a client. Real sockets on
 * 127.0.0.1: outcomes only, polled with a generous deadline.
 */
import { once } from "node:events";
import { connect as netConnect } from "node:net";
import { type TLSSocket, connect as tlsConnect } from "node:tls";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { raisedBy } from "./helpers.js";
import { dec, echoLines, enc, portOf } from "./socket-helpers.js";
import {
  answerStartTls,
  CA,
  requestStartTls,
  serverSSL,
  withTlsProtocolServer,
} from "./tls-fixtures.js";

const CLIENTS = 50;

/** Node's TCP sockets open in this process: the server's ends, and clients not yet gone. */
const openSockets = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;

/**
 * Sockets opened since `before`, once they are all closed or after `seconds`
 * (far below the 60 s handshake timeout that used to close them).
 */
function* socketsLeftOpen(before: number, seconds: number): asyncio.Coroutine<number> {
  const loop = asyncio.getRunningLoop();
  const deadline = loop.time() + seconds;
  while (openSockets() > before && loop.time() < deadline) yield* asyncio.sleep(0.01);
  return openSockets() - before;
}

/**
 * Runs `client` CLIENTS times, one after another, against a TLS echo server
 * (default handshake timeout, 60 s); returns the sockets still open after
 * they left, and what the loop's exception handler was given.
 */
function* afterLeavers(
  client: (port: number) => asyncio.Coroutine<void>,
): asyncio.Coroutine<[number, asyncio.ExceptionContext[]]> {
  const loop = asyncio.getRunningLoop();
  const reports: asyncio.ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => reports.push(context));
  const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0, { ssl: serverSSL() });
  try {
    const before = openSockets();
    for (let i = 0; i < CLIENTS; i++) yield* client(portOf(server));
    return [yield* socketsLeftOpen(before, 5), reports];
  } finally {
    // A connection left open (the bug) must fail the test, not hang waitClosed().
    server.close();
    server.abortClients();
    // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- the test's own clean-up; a second cancellation would only come from a test timeout
    yield* server.waitClosed();
  }
}

describe("clients that leave before the TLS handshake is done", () => {
  test("clients that connect and close (FIN) before a ClientHello: no server-side socket stays open", async () => {
    const out = await asyncio.run(
      afterLeavers(function* (port) {
        const [, writer] = yield* asyncio.openConnection("127.0.0.1", port);
        writer.close();
        yield* writer.waitClosed();
      }),
    );
    expect(out).toEqual([0, []]);
  }, 30_000);

  test("clients that reject the server's certificate: no server-side socket stays open", async () => {
    const out = await asyncio.run(
      afterLeavers(function* (port) {
        // Verified against the system's CAs, which do not know the test CA.
        try {
          yield* asyncio.openConnection("127.0.0.1", port, {
            ssl: true,
            serverHostname: "localhost",
          });
        } catch (e) {
          if (!(e instanceof asyncio.OSError)) throw e;
          return;
        }
        throw new Error("the client accepted the certificate");
      }),
    );
    expect(out).toEqual([0, []]);
  }, 30_000);
});

test("clients that finish the handshake and leave at once (close_notify, FIN): no socket of theirs stays open", async () => {
  // A TLS health check. The client's Finished and its close_notify come in one
  // read: Node emits 'end' before the server's transport exists.
  const clients: TLSSocket[] = [];
  try {
    const out = await asyncio.run(
      afterLeavers(function* (port) {
        const socket = tlsConnect({ host: "127.0.0.1", port, servername: "localhost", ca: CA });
        clients.push(socket);
        socket.on("error", () => {});
        yield* asyncio.fromPromise(once(socket, "secureConnect"));
        socket.end();
      }),
    );
    // Counted on both ends here: each client's socket closes once the server's has.
    expect(out).toEqual([0, []]);
  } finally {
    for (const socket of clients) socket.destroy();
  }
}, 30_000);

test("a client that half-closes after the handshake still reads what the server writes back", async () => {
  // CPython 3.13 (a Node client, the same server in Python) reads "pong:ping|bye":
  // what dataReceived and eofReceived write goes out before the server closes.
  class Replier extends asyncio.Protocol {
    transport: asyncio.Transport | undefined;
    override connectionMade(transport: asyncio.Transport): void {
      this.transport = transport;
    }
    override dataReceived(data: Uint8Array): void {
      this.transport!.write(enc(`pong:${dec(data)}`));
    }
    override eofReceived(): undefined {
      this.transport!.write(enc("|bye"));
    }
  }
  /** Sends "ping", then close_notify and FIN; reads until the server closes. */
  const halfClosingClient = (port: number): Promise<string> =>
    new Promise((resolve, reject) => {
      let got = "";
      const socket = tlsConnect({ host: "127.0.0.1", port, servername: "localhost", ca: CA });
      socket.on("secureConnect", () => socket.end("ping"));
      socket.on("data", (chunk: Buffer) => {
        got += chunk.toString();
      });
      socket.on("error", reject);
      socket.on("close", () => resolve(got));
    });
  const out = await asyncio.run(
    withTlsProtocolServer(
      () => new Replier(),
      function* (port) {
        return yield* asyncio.fromPromise(halfClosingClient(port));
      },
    ),
  );
  expect(out).toBe("pong:ping|bye");
});

/**
 * Runs `connect` once the sockets of earlier tests are gone, and waits until
 * both ends of its connection are open: the server's listener has it (a
 * bounded poll).
 */
function* connectedBothEnds<T>(connect: () => asyncio.Coroutine<T>): asyncio.Coroutine<T> {
  yield* socketsLeftOpen(0, 5);
  const before = openSockets();
  const client = yield* connect();
  const loop = asyncio.getRunningLoop();
  const deadline = loop.time() + 5;
  while (openSockets() < before + 2 && loop.time() < deadline) yield* asyncio.sleep(0.01);
  return client;
}

/**
 * Closes `server` while the client of `connection` is in its handshake: what
 * waitClosed() raised within 0.2 s, then, once `end` (closeClients or
 * abortClients) has ended the handshake, the bytes the client read.
 */
function* closeWhileHandshaking(
  server: asyncio.Server,
  [reader, writer]: [asyncio.StreamReader, asyncio.StreamWriter],
  end: "closeClients" | "abortClients",
): asyncio.Coroutine<string[]> {
  server.close();
  const waited = yield* raisedBy(() => asyncio.waitFor(asyncio.shield(server.waitClosed()), 0.2));
  server[end]();
  // Bounded: left open (the bug), the test fails here rather than at its timeout.
  yield* asyncio.waitFor(server.waitClosed(), 10);
  const read = yield* reader.read();
  writer.close();
  yield* writer.waitClosed();
  return [(waited as Error).constructor.name, `read ${read.length} bytes`];
}

describe("a server closed while a client is still in its TLS handshake (it connected and sent nothing)", () => {
  test("waitClosed() waits for it; closeClients() or abortClients() ends it (the client reads EOF) and waitClosed() returns, as CPython 3.13's Server, whose transports include handshaking ones", async () => {
    const out = await asyncio.run(
      (function* () {
        const outcomes: string[][] = [];
        for (const end of ["closeClients", "abortClients"] as const) {
          const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0, {
            ssl: serverSSL(),
          });
          const connection = yield* connectedBothEnds(() =>
            asyncio.openConnection("127.0.0.1", portOf(server)),
          );
          outcomes.push([end, ...(yield* closeWhileHandshaking(server, connection, end))]);
        }
        return outcomes;
      })(),
    );
    expect(out).toEqual([
      ["closeClients", "TimeoutError", "read 0 bytes"],
      ["abortClients", "TimeoutError", "read 0 bytes"],
    ]);
  }, 30_000);

  test("STARTTLS: a handler upgrading with writer.startTls() to a client that sends no ClientHello; closeClients() or abortClients() ends the handshake (startTls raises ConnectionResetError, the client reads EOF) and waitClosed() returns, as CPython 3.13's close_clients closes the socket transport under its SSLProtocol", async () => {
    const out = await asyncio.run(
      (function* () {
        const outcomes: string[][] = [];
        for (const end of ["closeClients", "abortClients"] as const) {
          const upgraded = asyncio.getRunningLoop().createFuture<string>();
          const server = yield* asyncio.startServer(
            function* (reader, writer) {
              yield* answerStartTls(reader, writer);
              const raised = yield* raisedBy(() => writer.startTls(serverSSL()));
              upgraded.setResult((raised as Error).constructor.name);
            },
            "127.0.0.1",
            0,
          );
          const connection = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          yield* requestStartTls(...connection);
          const [waited, read] = yield* closeWhileHandshaking(server, connection, end);
          outcomes.push([end, waited!, yield* upgraded, read!]);
        }
        return outcomes;
      })(),
    );
    expect(out).toEqual([
      ["closeClients", "TimeoutError", "ConnectionResetError", "read 0 bytes"],
      ["abortClients", "TimeoutError", "ConnectionResetError", "read 0 bytes"],
    ]);
  }, 30_000);

  test("run() returning with the server closed releases the handshaking connection: the client sees it close (it stayed open for the 60 s handshake timeout, keeping Node alive)", async () => {
    const client = { socket: undefined as ReturnType<typeof netConnect> | undefined };
    try {
      await asyncio.run(
        (function* () {
          const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0, {
            ssl: serverSSL(),
          });
          // A Node socket: it outlives run(), so it can tell when the server's end closes.
          client.socket = yield* connectedBothEnds(function* () {
            const socket = netConnect(portOf(server), "127.0.0.1");
            socket.on("error", () => {});
            return socket;
          });
          server.close();
        })(),
      );
      const closed = once(client.socket!, "close").then(() => "closed");
      const late = new Promise((resolve) => setTimeout(resolve, 10_000, "still open"));
      expect(await Promise.race([closed, late])).toBe("closed");
    } finally {
      client.socket?.destroy();
    }
  }, 30_000);
});
