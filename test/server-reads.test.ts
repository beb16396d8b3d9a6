/**
 * A server's reads, on both of its paths: an accepted socket made again with
 * Node's `onread` (direct-accept.ts, the default) and the socket Node made,
 * read through its Readable stream (the fallback where that cannot be done).
 * Every behaviour the same on both: pauseReading and resumeReading, EOF kept
 * open for writing, a reset behind the data as ConnectionResetError, STARTTLS
 * of an accepted connection, a server closed while its clients are open, and
 * Node's own count of the server's connections. CPython (selector_events.py)
 * is the oracle, as in transports.test.ts.
 */
import { connect as connectRaw, type Server as NetServer, type Socket } from "node:net";
import { TLSSocket } from "node:tls";
import * as asyncio from "asyncio-ts";
import { afterEach, describe, expect, test } from "vitest";
import { setDirectAccept } from "../src/node/transports/direct-accept.js";
import {
  PausedAtFirst,
  PauseOnData,
  Recorder as ProtocolRecorder,
  recordingServer,
  settle,
  until,
} from "./protocol-recorder.js";
import { dec, enc, portOf } from "./socket-helpers.js";
import { answerStartTls, clientSSL, requestStartTls, serverSSL } from "./tls-fixtures.js";

/** A Recorder that counts its Node socket's 'data' events: none when it reads through onread. */
class Recorder extends ProtocolRecorder {
  dataEvents = 0;
  override connectionMade(transport: asyncio.Transport): void {
    super.connectionMade(transport);
    (transport.getExtraInfo("socket") as Socket).on("data", () => this.dataEvents++);
  }
}

/** The first connection's protocol, once connectionMade has run. */
function* firstAccepted<P extends ProtocolRecorder>(protocols: P[]): asyncio.Coroutine<P> {
  yield* until(() => protocols.length > 0, "accept");
  yield* protocols[0]!.made;
  return protocols[0]!;
}

/** A plain Node client connected to `server`. */
function* rawClient(server: asyncio.Server): asyncio.Coroutine<Socket> {
  const socket = connectRaw(portOf(server), "127.0.0.1");
  yield* asyncio.fromPromise(new Promise((r) => socket.once("connect", r)));
  return socket;
}

/** The server's listening Node socket (ServerSocket keeps it). */
const listenerOf = (server: asyncio.Server): NetServer =>
  (server.sockets[0] as unknown as { _server: NetServer })._server;

/** Node's own count of the connections of a listening socket. */
function* nodeConnections(listener: NetServer): asyncio.Coroutine<number> {
  return yield* asyncio.fromPromise(
    new Promise<number>((ok, fail) => listener.getConnections((e, n) => (e ? fail(e) : ok(n)))),
  );
}

describe.each([
  ["onread (direct-accept.ts)", true],
  ["Readable 'data' (the fallback)", false],
] as const)("a server's reads through %s", (_path, direct) => {
  afterEach(() => setDirectAccept(true));
  const run = <T>(main: asyncio.Coroutine<T>): Promise<T> => {
    setDirectAccept(direct);
    return asyncio.run(main);
  };

  test("the Node socket emits 'data' only on the fallback; Node counts the connection until it ends", async () => {
    const out = await run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const client = yield* rawClient(server);
        const peer = yield* firstAccepted(protocols);
        client.write("hello");
        yield* until(() => peer.received === "hello", "the data");
        const open = yield* nodeConnections(listenerOf(server));
        client.end();
        yield* peer.lost;
        yield* settle();
        const after = yield* nodeConnections(listenerOf(server));
        server.close();
        yield* server.waitClosed();
        return { open, after, dataEvents: peer.dataEvents, events: peer.events };
      })(),
    );
    expect(out).toEqual({
      open: 1,
      after: 0,
      dataEvents: direct ? 0 : 1,
      events: ["made", "data", "eof", "lost:undefined"],
    });
  });

  test("pauseReading inside the server's dataReceived holds back the next chunk and EOF until resumeReading", async () => {
    const out = await run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PauseOnData());
        const client = yield* rawClient(server);
        const peer = yield* firstAccepted(protocols);
        client.write("one");
        yield* until(() => peer.received === "one", "the first chunk");
        client.end("two");
        yield* settle();
        const whilePaused = [peer.received, [...peer.events], peer.transport.isReading()];
        peer.transport.resumeReading();
        yield* until(() => peer.received === "onetwo", "the second chunk");
        const afterSecond = [...peer.events];
        peer.transport.resumeReading();
        yield* peer.lost;
        server.close();
        yield* server.waitClosed();
        return { whilePaused, afterSecond, events: peer.events };
      })(),
    );
    expect(out.whilePaused).toEqual(["one", ["made", "data"], false]);
    expect(out.afterSecond).toEqual(["made", "data"]);
    expect(out.events).toEqual(["made", "data", "eof", "lost:undefined"]);
  });

  test("4 MiB sent to a server paused in connectionMade arrive whole and in order once it resumes", async () => {
    const size = 4 * 1024 * 1024;
    const sent = Buffer.alloc(size);
    let expected = 0;
    for (let i = 0; i < size; i++) {
      sent[i] = (i * 31) & 0xff;
      expected = (expected + sent[i]! * (1 + (i % 7))) % 1_000_003;
    }
    const out = await run(
      (function* () {
        let sum = 0;
        let at = 0;
        class Summing extends Recorder {
          override connectionMade(transport: asyncio.Transport): void {
            super.connectionMade(transport);
            transport.pauseReading();
          }
          override dataReceived(data: Uint8Array): void {
            super.dataReceived(data);
            for (const byte of data) sum = (sum + byte * (1 + (at++ % 7))) % 1_000_003;
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Summing());
        const client = yield* rawClient(server);
        const peer = yield* firstAccepted(protocols);
        client.end(sent);
        yield* settle();
        const whilePaused = peer.bytes;
        peer.transport.resumeReading();
        yield* peer.lost;
        server.close();
        yield* server.waitClosed();
        return { whilePaused, bytes: peer.bytes, same: sum === expected, events: peer.events };
      })(),
    );
    expect(out).toEqual({
      whilePaused: 0,
      bytes: size,
      same: true,
      events: ["made", "data", "eof", "lost:undefined"],
    });
  });

  test("EOF kept open: the server writes after the client's FIN, then closes; the client reads it all and EOF", async () => {
    const out = await run(
      (function* () {
        class Answers extends Recorder {
          override eofReceived(): boolean {
            super.eofReceived();
            this.transport.write(enc(`got ${this.received}`));
            this.transport.close();
            return true;
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Answers());
        const client = yield* rawClient(server);
        const peer = yield* firstAccepted(protocols);
        let answer = "";
        client.on("data", (d: Buffer) => (answer += dec(d)));
        const ended = asyncio.fromPromise(new Promise((r) => client.once("end", r)));
        client.end("question");
        yield* ended;
        yield* peer.lost;
        server.close();
        yield* server.waitClosed();
        return { answer, events: peer.events };
      })(),
    );
    expect(out).toEqual({
      answer: "got question",
      events: ["made", "data", "eof", "lost:undefined"],
    });
  });

  test("a reset right behind the client's data is connectionLost(ConnectionResetError) after the data, no EOF", async () => {
    const out = await run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
        const client = yield* rawClient(server);
        const peer = yield* firstAccepted(protocols);
        const closed = asyncio.fromPromise(new Promise((r) => client.once("close", r)));
        client.write(new Uint8Array(1000), () => client.resetAndDestroy());
        yield* closed;
        yield* settle();
        peer.transport.resumeReading();
        const exc = yield* peer.lost;
        server.close();
        yield* server.waitClosed();
        return { exc, bytes: peer.bytes, events: peer.events };
      })(),
    );
    expect(out.exc).toBeInstanceOf(asyncio.ConnectionResetError);
    // CPython 3.13's server against the same client: data:1000, then lost:ConnectionResetError.
    expect(out.bytes).toBe(1000);
    expect(out.events).toEqual(["made", "data", "lost:ConnectionResetError"]);
  });

  test("STARTTLS on an accepted connection: lines over TLS both ways after the plain ones", async () => {
    const out = await run(
      (function* () {
        const seen = asyncio.getRunningLoop().createFuture<unknown[]>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            const command = yield* answerStartTls(reader, writer);
            yield* writer.startTls(serverSSL());
            const line = dec(yield* reader.readline());
            writer.write(enc(`echo: ${line}`));
            yield* writer.drain();
            seen.setResult([command, writer.getExtraInfo("ssl_object") instanceof TLSSocket, line]);
            writer.close();
            yield* writer.waitClosed();
          },
          "127.0.0.1",
          0,
        );
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const ok = yield* requestStartTls(reader, writer);
        yield* writer.startTls(clientSSL(), { serverHostname: "localhost" });
        writer.write(enc("secret\n"));
        const answer = dec(yield* reader.readline());
        const rest = (yield* reader.read()).length;
        writer.close();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return { client: [ok, answer, rest], server: yield* seen };
      })(),
    );
    expect(out).toEqual({
      client: ["OK\n", "echo: secret\n", 0],
      server: ["STARTTLS\n", true, "secret\n"],
    });
  });

  test("a server closed with clients open: they go on until closeClients, then waitClosed returns and Node counts none", async () => {
    const out = await run(
      (function* () {
        class Echo extends Recorder {
          override dataReceived(data: Uint8Array): void {
            super.dataReceived(data);
            this.transport.write(data);
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Echo());
        const clients = [yield* rawClient(server), yield* rawClient(server)];
        yield* until(() => protocols.length === 2, "accept");
        const listener = listenerOf(server);
        const counted = yield* nodeConnections(listener);
        const listenerClosed = asyncio.fromPromise(new Promise((r) => listener.once("close", r)));
        server.close();
        let echoed = "";
        clients[0]!.on("data", (d: Buffer) => (echoed += dec(d)));
        clients[0]!.write("still here");
        yield* until(() => echoed === "still here", "the echo after close()");
        const listening = server.sockets.length;
        const waiting = asyncio.createTask(server.waitClosed());
        yield* settle();
        const doneBefore = waiting.done();
        server.closeClients();
        yield* waiting;
        const lost = [];
        for (const p of protocols) lost.push(yield* p.lost);
        for (const c of clients) c.destroy();
        // Node's listener closes once its last connection is gone.
        yield* listenerClosed;
        const after = yield* nodeConnections(listener);
        return { counted, listening, doneBefore, lost: lost.map(String), after };
      })(),
    );
    expect(out).toEqual({
      counted: 2,
      listening: 0,
      doneBefore: false,
      lost: ["undefined", "undefined"],
      after: 0,
    });
  });
});

describe("directAccept's checks (direct-accept.ts)", () => {
  test("the socket Node made goes at once; the new socket carries the server's count of the connection", async () => {
    const { directAccept } = await import("../src/node/transports/direct-accept.js");
    const { createServer } = await import("node:net");
    const count = (listener: NetServer) =>
      new Promise<number>((ok, fail) => listener.getConnections((e, n) => (e ? fail(e) : ok(n))));
    const listener = createServer({ pauseOnConnect: true });
    const accepted = new Promise<Socket>((resolve) => listener.once("connection", resolve));
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    const client = connectRaw((listener.address() as { port: number }).port, "127.0.0.1");
    const made = await accepted;
    const { socket, reads } = directAccept(made);
    const madeDestroyed = made.destroyed;
    const madeClosed = madeDestroyed && new Promise((r) => made.once("close", r));
    const open = await count(listener);
    // Its 'close' (a tick later) leaves the count alone.
    await madeClosed;
    const stillOpen = await count(listener);
    const closed = new Promise<void>((r) => listener.close(() => r()));
    socket.destroy();
    client.destroy();
    await closed;
    expect({
      remade: socket !== made && reads !== undefined,
      madeDestroyed,
      open,
      stillOpen,
      after: await count(listener),
    }).toEqual({ remade: true, madeDestroyed: true, open: 1, stillOpen: 1, after: 0 });
  });

  test("a socket without a handle, or one Node started reading, is served as Node made it", async () => {
    const { directAccept } = await import("../src/node/transports/direct-accept.js");
    const { Socket: NetSocket, createServer } = await import("node:net");
    const unconnected = new NetSocket();
    const none = directAccept(unconnected);
    // A listener without pauseOnConnect: Node reads from the start.
    const reading = await new Promise<Socket>((resolve) => {
      const listener = createServer((s) => {
        listener.close();
        resolve(s);
      });
      listener.listen(0, "127.0.0.1", () => {
        const port = (listener.address() as { port: number }).port;
        connectRaw(port, "127.0.0.1").on("connect", function (this: Socket) {
          this.destroy();
        });
      });
    });
    const started = directAccept(reading);
    reading.destroy();
    unconnected.destroy();
    expect([
      none.socket === unconnected,
      none.reads,
      started.socket === reading,
      started.reads,
    ]).toEqual([true, undefined, true, undefined]);
  });
});
