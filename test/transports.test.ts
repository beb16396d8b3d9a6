/**
 * Transports and protocols over real sockets (127.0.0.1 port 0 and Unix
 * sockets in a temporary directory; outcomes and orders only, never timings):
 * protocol callback order, BufferedProtocol, fatal protocol errors, write
 * errors, write buffer flow control, pauseReading, close/abort, Server
 * (startServing, close, waitClosed, closeClients, abortClients, serveForever,
 * asyncWith), createConnection's argument errors, extra info.
 * CPython (selector_events.py, base_events.py Server) is the oracle.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer as createNetServer, Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { NOTHING, raised, scratchDir, thrownOrNothing, ZeroDivisionError } from "./helpers.js";
import {
  PausedAtFirst,
  PauseOnData,
  Recorder,
  recordingServer,
  settle,
  until,
} from "./protocol-recorder.js";
import { dec, enc, portOf } from "./socket-helpers.js";

/** Echoes what it receives. */
class Echo extends Recorder {
  override dataReceived(data: Uint8Array): void {
    super.dataReceived(data);
    this.transport.write(data);
  }
}

function* connect(server: asyncio.Server, make = () => new Recorder()) {
  const [transport, protocol] = yield* asyncio
    .getRunningLoop()
    .createConnection(make, "127.0.0.1", portOf(server));
  return { transport, protocol };
}

/** Closes the server and its connections and waits until it is done. */
function* shutdown(server: asyncio.Server): asyncio.Coroutine<void> {
  server.close();
  server.abortClients();
  yield* server.waitClosed();
}

function* collectExceptions(): asyncio.Coroutine<asyncio.ExceptionContext[]> {
  const contexts: asyncio.ExceptionContext[] = [];
  asyncio.getRunningLoop().setExceptionHandler((_loop, context) => {
    contexts.push(context);
  });
  return contexts;
}

/** Writes 64 KiB chunks until the protocol is asked to pause (or `limit` bytes). */
function writeUntilPaused(transport: asyncio.Transport, client: Recorder, limit: number): number {
  const chunk = new Uint8Array(64 * 1024).fill(120);
  let total = 0;
  while (!client.events.includes("pauseWriting") && total < limit) {
    transport.write(chunk);
    total += chunk.length;
  }
  return total;
}

/**
 * The server's side of a connection sends "one", waits until the client has
 * it, then sends "two" and EOF, and lets the sockets move: a client that
 * paused reading in its first dataReceived has seen "one" only.
 */
function* peerSendsOneThenTwo(
  protocols: Recorder[],
  client: Recorder,
): asyncio.Coroutine<Recorder> {
  yield* until(() => protocols.length > 0, "accept");
  const peer = protocols[0]!;
  yield* peer.made;
  peer.transport.write(enc("one"));
  yield* until(() => client.received === "one", "the first chunk");
  peer.transport.write(enc("two"));
  peer.transport.writeEof();
  yield* settle();
  return peer;
}

describe("protocol callbacks", () => {
  test("client and server see connectionMade, dataReceived, eofReceived, connectionLost(undefined) in order", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Echo());
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("hello"));
        yield* until(() => protocol.received === "hello", "the echo");
        transport.writeEof();
        yield* protocol.lost;
        const serverProtocol = protocols[0]!;
        yield* serverProtocol.lost;
        yield* shutdown(server);
        return {
          client: protocol.events,
          server: serverProtocol.events,
          serverGot: serverProtocol.received,
          clientGot: protocol.received,
        };
      })(),
    );
    expect(out).toEqual({
      client: ["made", "data", "eof", "lost:undefined"],
      server: ["made", "data", "eof", "lost:undefined"],
      serverGot: "hello",
      clientGot: "hello",
    });
  });

  test("connectionMade has run when createConnection returns, with the transport it returns", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        let made: Recorder | undefined;
        const [transport, protocol] = yield* asyncio.getRunningLoop().createConnection(
          () => {
            made = new Recorder();
            return made;
          },
          "127.0.0.1",
          portOf(server),
        );
        const result = {
          events: [...protocol.events],
          sameProtocol: protocol === made,
          sameTransport: protocol.transport === transport,
          protocolOfTransport: transport.getProtocol() === protocol,
        };
        transport.close();
        yield* protocol.lost;
        yield* shutdown(server);
        return result;
      })(),
    );
    expect(out).toEqual({
      events: ["made"],
      sameProtocol: true,
      sameTransport: true,
      protocolOfTransport: true,
    });
  });

  test("a protocol whose eofReceived returns true can still write after the peer's EOF, and the peer reads it", async () => {
    const out = await asyncio.run(
      (function* () {
        class Replier extends Recorder {
          override keepOpen = true;
          override eofReceived(): boolean | undefined {
            const keep = super.eofReceived();
            this.transport.write(enc(`got ${this.received}, bye`));
            this.transport.close();
            return keep;
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Replier());
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("question"));
        transport.writeEof();
        yield* protocol.lost;
        yield* protocols[0]!.lost;
        yield* shutdown(server);
        return {
          clientGot: protocol.received,
          client: protocol.events,
          server: protocols[0]!.events,
        };
      })(),
    );
    expect(out).toEqual({
      clientGot: "got question, bye",
      client: ["made", "data", "eof", "lost:undefined"],
      server: ["made", "data", "eof", "lost:undefined"],
    });
  });

  test("an eofReceived returning nothing closes the transport", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        transport.writeEof();
        yield* protocols[0]!.eof;
        const closing = protocols[0]!.transport.isClosing();
        yield* protocol.lost;
        yield* shutdown(server);
        return { closing, client: protocol.events };
      })(),
    );
    expect(out).toEqual({ closing: true, client: ["made", "eof", "lost:undefined"] });
  });
});

describe("BufferedProtocol", () => {
  class Collector extends asyncio.BufferedProtocol {
    readonly buffer: Uint8Array;
    readonly got: number[] = [];
    readonly sizes: number[] = [];
    readonly hints = new Set<number>();
    readonly events: string[] = [];
    readonly lost = asyncio.getRunningLoop().createFuture<Error | undefined>();
    constructor(size: number) {
      super();
      this.buffer = new Uint8Array(size);
    }
    override connectionMade(): void {
      this.events.push("made");
    }
    override getBuffer(sizeHint: number): Uint8Array {
      this.hints.add(sizeHint);
      return this.buffer;
    }
    override bufferUpdated(nbytes: number): void {
      if (this.events.at(-1) !== "updated") this.events.push("updated");
      this.sizes.push(nbytes);
      for (let i = 0; i < nbytes; i++) this.got.push(this.buffer[i]!);
    }
    override eofReceived(): boolean | undefined {
      this.events.push("eof");
      return undefined;
    }
    override connectionLost(exc: Error | undefined): void {
      this.events.push(`lost:${exc === undefined ? "undefined" : exc.name}`);
      this.lost.setResult(exc);
    }
  }

  test("getBuffer/bufferUpdated receive every byte in order through a 7-byte buffer", async () => {
    const payload = Array.from({ length: 5000 }, (_, i) => (i * 7 + 3) % 251);
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Collector(7));
        const { transport, protocol } = yield* connect(server);
        transport.write(Uint8Array.from(payload.slice(0, 2500)));
        yield* asyncio.sleep(0.01);
        transport.write(Uint8Array.from(payload.slice(2500)));
        transport.writeEof();
        const collector = protocols[0]!;
        yield* collector.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return collector;
      })(),
    );
    expect(out.got).toEqual(payload);
    expect(out.sizes.every((n) => n >= 1 && n <= 7)).toBe(true);
    expect(out.sizes.reduce((a, b) => a + b, 0)).toBe(5000);
    expect([...out.hints]).toEqual([-1]);
    expect(out.events).toEqual(["made", "updated", "eof", "lost:undefined"]);
  });

  test("a client may be a BufferedProtocol too", async () => {
    const out = await asyncio.run(
      (function* () {
        class Sender extends Recorder {
          override connectionMade(transport: asyncio.Transport): void {
            super.connectionMade(transport);
            transport.write(enc("from the server"));
            transport.close();
          }
        }
        const { server } = yield* recordingServer(() => new Sender());
        const [, collector] = yield* asyncio
          .getRunningLoop()
          .createConnection(() => new Collector(4), "127.0.0.1", portOf(server));
        yield* collector.lost;
        yield* shutdown(server);
        return { text: dec(Uint8Array.from(collector.got)), events: collector.events };
      })(),
    );
    expect(out).toEqual({
      text: "from the server",
      events: ["made", "updated", "eof", "lost:undefined"],
    });
  });

  test("getBuffer returning an empty buffer closes the connection and reports the error", async () => {
    const out = await asyncio.run(
      (function* () {
        const contexts = yield* collectExceptions();
        const { server, protocols } = yield* recordingServer(() => new Collector(0));
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("x"));
        const exc = yield* protocols[0]!.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return { exc, contexts, serverEvents: protocols[0]!.events, client: protocol.events };
      })(),
    );
    expect(out.exc).toBeInstanceOf(asyncio.RuntimeError);
    expect(out.exc?.message).toBe("get_buffer() returned an empty buffer");
    expect(out.contexts).toHaveLength(1);
    expect(out.contexts[0]!.message).toBe("Fatal error: protocol.get_buffer() call failed.");
    expect(out.contexts[0]!.exception).toBe(out.exc);
    expect(out.serverEvents).toEqual(["made", "lost:RuntimeError"]);
    expect(out.client.at(-1)).toBe("lost:undefined");
  });

  test("an exception in bufferUpdated is fatal: reported, and connectionLost gets it", async () => {
    const out = await asyncio.run(
      (function* () {
        const contexts = yield* collectExceptions();
        const boom = new ZeroDivisionError("division by zero");
        class Failing extends Collector {
          override bufferUpdated(): void {
            throw boom;
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Failing(16));
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("x"));
        const exc = yield* protocols[0]!.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return { same: exc === boom, messages: contexts.map((c) => c.message) };
      })(),
    );
    expect(out).toEqual({
      same: true,
      messages: ["Fatal error: protocol.buffer_updated() call failed."],
    });
  });
});

describe("fatal protocol errors", () => {
  test("an exception in dataReceived is reported and ends the connection with connectionLost(error)", async () => {
    const out = await asyncio.run(
      (function* () {
        const contexts = yield* collectExceptions();
        const boom = new ZeroDivisionError("division by zero");
        class Failing extends Recorder {
          override dataReceived(): void {
            throw boom;
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Failing());
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("boom"));
        const exc = yield* protocols[0]!.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        const failing = protocols[0]!;
        return {
          same: exc === boom,
          contexts: contexts.map((c) => ({
            message: c.message,
            same: c.exception === boom,
            protocol: c.protocol === failing,
            transport: c.transport === failing.transport,
          })),
          server: failing.events,
          client: protocol.events,
        };
      })(),
    );
    expect(out).toEqual({
      same: true,
      contexts: [
        {
          message: "Fatal error: protocol.data_received() call failed.",
          same: true,
          protocol: true,
          transport: true,
        },
      ],
      server: ["made", "lost:ZeroDivisionError"],
      client: ["made", "eof", "lost:undefined"],
    });
  });

  test("an exception in eofReceived is reported and connectionLost gets it", async () => {
    const out = await asyncio.run(
      (function* () {
        const contexts = yield* collectExceptions();
        const boom = new ZeroDivisionError("division by zero");
        class Failing extends Recorder {
          override eofReceived(): boolean | undefined {
            throw boom;
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Failing());
        const { transport, protocol } = yield* connect(server);
        transport.writeEof();
        const exc = yield* protocols[0]!.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return { same: exc === boom, messages: contexts.map((c) => c.message) };
      })(),
    );
    expect(out).toEqual({
      same: true,
      messages: ["Fatal error: protocol.eof_received() call failed."],
    });
  });

  test("a protocol factory that throws on the server is reported and the client is disconnected", async () => {
    const out = await asyncio.run(
      (function* () {
        const contexts = yield* collectExceptions();
        const boom = new ZeroDivisionError("division by zero");
        const server = yield* asyncio.getRunningLoop().createServer(
          () => {
            throw boom;
          },
          "127.0.0.1",
          0,
        );
        const { protocol } = yield* connect(server);
        yield* protocol.lost;
        yield* shutdown(server);
        return {
          contexts: contexts.map((c) => [c.message, c.exception === boom]),
          client: protocol.events.at(-1),
        };
      })(),
    );
    expect(out).toEqual({
      contexts: [["Error on transport creation for incoming connection", true]],
      client: "lost:undefined",
    });
  });
});

describe("write errors", () => {
  test("write() of a non-bytes value raises TypeError; write(undefined) names NoneType", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        const str = thrownOrNothing(() => transport.write("str" as unknown as Uint8Array));
        const none = thrownOrNothing(() => transport.write(undefined as unknown as Uint8Array));
        transport.close();
        yield* protocol.lost;
        yield* shutdown(server);
        return { str, none };
      })(),
    );
    expect(out.str).toBeInstanceOf(TypeError);
    expect(out.none).toBeInstanceOf(TypeError);
    expect((out.none as Error).message).toBe(
      "data argument must be a bytes-like object, not 'NoneType'",
    );
  });

  // CPython names Python's type, `type(data).__name__`: 'str' for a string, 'int' for 5.
  test("write('str') raises TypeError with CPython's message naming 'str'", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        const str = thrownOrNothing(() => transport.write("str" as unknown as Uint8Array));
        transport.close();
        yield* protocol.lost;
        yield* shutdown(server);
        return (str as Error).message;
      })(),
    );
    expect(out).toBe("data argument must be a bytes-like object, not 'str'");
  });

  test("write and writelines after writeEof raise RuntimeError; the peer still reads the data before EOF", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        const canWriteEof = transport.canWriteEof();
        transport.write(enc("before"));
        transport.writeEof();
        transport.writeEof(); // a second writeEof does nothing
        const write = thrownOrNothing(() => transport.write(enc("after")));
        const writelines = thrownOrNothing(() => transport.writelines([enc("after")]));
        yield* protocols[0]!.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return { canWriteEof, write, writelines, serverGot: protocols[0]!.received };
      })(),
    );
    expect(out.canWriteEof).toBe(true);
    expect(out.write).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.write as Error).message).toBe("Cannot call write() after write_eof()");
    expect(out.writelines).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.writelines as Error).message).toBe("Cannot call writelines() after write_eof()");
    expect(out.serverGot).toBe("before");
  });

  test("writes after the connection is lost are dropped without an error", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("a"));
        yield* until(() => protocols[0]?.received === "a", "the first byte");
        transport.abort();
        yield* protocol.lost;
        const errors = [1, 2, 3].map(() => thrownOrNothing(() => transport.write(enc("late"))));
        yield* protocols[0]!.lost;
        yield* shutdown(server);
        return { errors, serverGot: protocols[0]!.received, closing: transport.isClosing() };
      })(),
    );
    expect(out).toEqual({
      errors: [NOTHING, NOTHING, NOTHING],
      serverGot: "a",
      closing: true,
    });
  });

  test("writelines sends the chunks in order; an empty write sends nothing", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        transport.write(new Uint8Array(0));
        transport.writelines([enc("a"), enc("bc"), enc("def")]);
        transport.writeEof();
        yield* protocols[0]!.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return protocols[0]!.received;
      })(),
    );
    expect(out).toBe("abcdef");
  });
});

describe("flow control", () => {
  test("write buffer limits: defaults, derived values and CPython's ValueError", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        const defaults = transport.getWriteBufferLimits();
        const bad = thrownOrNothing(() => transport.setWriteBufferLimits(1, 2));
        const afterBad = transport.getWriteBufferLimits();
        const negative = thrownOrNothing(() => transport.setWriteBufferLimits(10, -1));
        transport.setWriteBufferLimits(undefined, 100);
        const lowOnly = transport.getWriteBufferLimits();
        transport.setWriteBufferLimits(100);
        const highOnly = transport.getWriteBufferLimits();
        transport.setWriteBufferLimits(0, 0);
        const zero = transport.getWriteBufferLimits();
        transport.close();
        yield* protocol.lost;
        yield* shutdown(server);
        return { defaults, bad, afterBad, negative, lowOnly, highOnly, zero };
      })(),
    );
    expect(out.defaults).toEqual([16384, 65536]);
    expect(out.bad).toBeInstanceOf(asyncio.ValueError);
    expect((out.bad as Error).message).toBe("high (1) must be >= low (2) must be >= 0");
    expect(out.afterBad).toEqual([16384, 65536]);
    expect(out.negative).toBeInstanceOf(asyncio.ValueError);
    expect((out.negative as Error).message).toBe("high (10) must be >= low (-1) must be >= 0");
    expect(out.lowOnly).toEqual([100, 400]);
    expect(out.highOnly).toEqual([25, 100]);
    expect(out.zero).toEqual([0, 0]);
  });

  test("pauseWriting when the peer does not read, resumeWriting once it does; nothing is lost", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
        let resumedAt: number | undefined;
        class Writer extends Recorder {
          override resumeWriting(): void {
            super.resumeWriting();
            resumedAt = this.transport.getWriteBufferSize();
          }
        }
        const { transport, protocol } = yield* connect(server, () => new Writer());
        const total = writeUntilPaused(transport, protocol, 256 * 1024 * 1024);
        const pausedWith = transport.getWriteBufferSize();
        const eventsWhilePaused = [...protocol.events];
        yield* settle();
        const stillPaused = protocol.events.includes("resumeWriting") === false;
        const peer = protocols[0]!;
        peer.transport.resumeReading();
        yield* until(() => protocol.events.includes("resumeWriting"), "resumeWriting");
        transport.close();
        yield* peer.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return {
          total,
          pausedWith,
          eventsWhilePaused,
          stillPaused,
          resumedAt,
          peerBytes: peer.bytes,
          events: protocol.events,
        };
      })(),
    );
    expect(out.eventsWhilePaused).toEqual(["made", "pauseWriting"]);
    expect(out.pausedWith).toBeGreaterThan(65536);
    expect(out.stillPaused).toBe(true);
    expect(out.resumedAt).toBeLessThanOrEqual(16384);
    expect(out.peerBytes).toBe(out.total);
    expect(out.events).toEqual(["made", "pauseWriting", "resumeWriting", "lost:undefined"]);
  });

  test("lowering the high-water mark below the buffered size pauses writing at once", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
        const { transport, protocol } = yield* connect(server);
        transport.setWriteBufferLimits(1024 * 1024 * 1024);
        const chunk = new Uint8Array(64 * 1024);
        let total = 0;
        while (transport.getWriteBufferSize() < 256 * 1024 && total < 256 * 1024 * 1024) {
          transport.write(chunk);
          total += chunk.length;
        }
        const before = [...protocol.events];
        transport.setWriteBufferLimits(1024);
        const after = [...protocol.events];
        protocols[0]!.transport.resumeReading();
        yield* until(() => protocol.events.includes("resumeWriting"), "resumeWriting");
        transport.close();
        yield* protocols[0]!.lost;
        yield* shutdown(server);
        return { before, after, peerBytes: protocols[0]!.bytes, total };
      })(),
    );
    expect(out.before).toEqual(["made"]);
    expect(out.after).toEqual(["made", "pauseWriting"]);
    expect(out.peerBytes).toBe(out.total);
  });

  // A write onto an empty buffer, of at most high - low bytes, goes to Node
  // without the transport's write callback (stream-writing.ts, _writeChunk);
  // with the limits raised, one large write is such a write and stays in
  // Node's buffer while the peer does not read. What must still be seen is the
  // end of that buffer: at close, at writeEof, and at a pause by new limits.
  /** A connection to a peer that does not read, with the limits raised. */
  function* stalledWithRaisedLimits(make = () => new Recorder()) {
    const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
    const { transport, protocol } = yield* connect(server, make);
    yield* until(() => protocols.length > 0, "accept");
    transport.setWriteBufferLimits(1 << 30);
    return { server, peer: () => protocols[0]!, transport, protocol };
  }
  const LARGE = 32 * 1024 * 1024;

  test("close() after one large write still in Node's buffer: connectionLost(undefined) once the peer has it all", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, peer, transport, protocol } = yield* stalledWithRaisedLimits();
        transport.write(new Uint8Array(LARGE));
        const buffered = transport.getWriteBufferSize();
        transport.close();
        yield* settle();
        const lostWhileBuffered = protocol.lost.done();
        peer().transport.resumeReading();
        const exc = yield* protocol.lost;
        yield* peer().lost;
        yield* shutdown(server);
        return {
          buffered,
          lostWhileBuffered,
          exc,
          peerBytes: peer().bytes,
          events: protocol.events,
        };
      })(),
    );
    expect(out.buffered).toBeGreaterThan(0);
    expect(out.lostWhileBuffered).toBe(false);
    expect(out.exc).toBeUndefined();
    expect(out.peerBytes).toBe(LARGE);
    expect(out.events).toEqual(["made", "lost:undefined"]);
  });

  test("writeEof() then close() after one large write still in Node's buffer: the peer gets it all and EOF, then connectionLost(undefined)", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, peer, transport, protocol } = yield* stalledWithRaisedLimits();
        transport.write(new Uint8Array(LARGE));
        const buffered = transport.getWriteBufferSize();
        transport.writeEof();
        transport.close();
        peer().transport.resumeReading();
        const exc = yield* protocol.lost;
        yield* peer().lost;
        yield* shutdown(server);
        return { buffered, exc, peerBytes: peer().bytes, peerEvents: peer().events };
      })(),
    );
    expect(out.buffered).toBeGreaterThan(0);
    expect(out.exc).toBeUndefined();
    expect(out.peerBytes).toBe(LARGE);
    expect(out.peerEvents).toEqual(["made", "data", "eof", "lost:undefined"]);
  });

  test("new limits pause writing behind one large write still in Node's buffer: resumeWriting once the peer reads", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, peer, transport, protocol } = yield* stalledWithRaisedLimits();
        transport.write(new Uint8Array(LARGE));
        transport.setWriteBufferLimits(1024);
        const paused = [...protocol.events];
        yield* settle();
        const stillPaused = !protocol.events.includes("resumeWriting");
        peer().transport.resumeReading();
        yield* until(() => protocol.events.includes("resumeWriting"), "resumeWriting");
        const resumedWith = transport.getWriteBufferSize();
        transport.close();
        yield* protocol.lost;
        yield* peer().lost;
        yield* shutdown(server);
        return {
          paused,
          stillPaused,
          resumedWith,
          peerBytes: peer().bytes,
          events: protocol.events,
        };
      })(),
    );
    expect(out.paused).toEqual(["made", "pauseWriting"]);
    expect(out.stillPaused).toBe(true);
    expect(out.resumedWith).toBeLessThanOrEqual(256);
    expect(out.peerBytes).toBe(LARGE);
    expect(out.events).toEqual(["made", "pauseWriting", "resumeWriting", "lost:undefined"]);
  });

  test("pauseReading stops dataReceived until resumeReading, and no data is lost", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        yield* until(() => protocols.length > 0, "accept");
        const peer = protocols[0]!;
        yield* peer.made;
        peer.transport.pauseReading();
        const reading = peer.transport.isReading();
        transport.write(enc("abc"));
        yield* settle();
        transport.write(enc("def"));
        yield* settle();
        const whilePaused = peer.received;
        peer.transport.resumeReading();
        const readingAgain = peer.transport.isReading();
        yield* until(() => peer.received === "abcdef", "the data");
        transport.close();
        yield* peer.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return { reading, whilePaused, readingAgain, events: peer.events };
      })(),
    );
    expect(out).toEqual({
      reading: false,
      whilePaused: "",
      readingAgain: true,
      events: ["made", "data", "eof", "lost:undefined"],
    });
  });

  test("pauseReading inside dataReceived holds back the next chunk, and EOF, until resumeReading", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PauseOnData());
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("one"));
        yield* until(() => protocols[0]?.received === "one", "the first chunk");
        const peer = protocols[0]!;
        transport.write(enc("two"));
        transport.writeEof();
        yield* settle();
        const whilePaused = [peer.received, [...peer.events]];
        peer.transport.resumeReading();
        yield* until(() => peer.received === "onetwo", "the second chunk");
        const afterSecond = [...peer.events];
        peer.transport.resumeReading();
        yield* peer.lost;
        yield* protocol.lost;
        yield* shutdown(server);
        return { whilePaused, afterSecond, events: peer.events };
      })(),
    );
    expect(out.whilePaused).toEqual(["one", ["made", "data"]]);
    expect(out.afterSecond).toEqual(["made", "data"]);
    expect(out.events).toEqual(["made", "data", "eof", "lost:undefined"]);
  });
});

describe("a client's reads (Node's onread, direct-reads.ts)", () => {
  test("pauseReading inside the client's dataReceived holds back the next chunk and EOF until resumeReading", async () => {
    const out = await asyncio.run(
      (function* () {
        const chunks: [boolean, number][] = [];
        const kept: Uint8Array[] = [];
        class PauseOnData extends Recorder {
          override dataReceived(data: Uint8Array): void {
            super.dataReceived(data);
            chunks.push([Buffer.isBuffer(data), data.length]);
            kept.push(data);
            this.transport.pauseReading();
          }
        }
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const { protocol } = yield* connect(server, () => new PauseOnData());
        const peer = yield* peerSendsOneThenTwo(protocols, protocol);
        const whilePaused = [
          protocol.received,
          [...protocol.events],
          protocol.transport.isReading(),
        ];
        protocol.transport.resumeReading();
        yield* until(() => protocol.received === "onetwo", "the second chunk");
        const afterSecond = [...protocol.events];
        protocol.transport.resumeReading();
        yield* protocol.lost;
        yield* peer.lost;
        yield* shutdown(server);
        const keptText = kept.map((c) => Buffer.from(c).toString());
        return { whilePaused, afterSecond, events: protocol.events, chunks, keptText };
      })(),
    );
    expect(out.whilePaused).toEqual(["one", ["made", "data"], false]);
    expect(out.afterSecond).toEqual(["made", "data"]);
    expect(out.events).toEqual(["made", "data", "eof", "lost:undefined"]);
    // Each a Buffer (a small one a slice of Node's pool, as Buffer.allocUnsafe's
    // are), its bytes its own: the later read did not overwrite the first.
    expect(out.chunks).toEqual([
      [true, 3],
      [true, 3],
    ]);
    expect(out.keptText).toEqual(["one", "two"]);
  });

  test("a client paused while the server sends 4 MiB gets every byte, in order, once resumed", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        let sum = 0;
        let at = 0;
        class Summing extends Recorder {
          override dataReceived(data: Uint8Array): void {
            super.dataReceived(data);
            for (const byte of data) sum = (sum + byte * (1 + (at++ % 7))) % 1_000_003;
          }
        }
        const { transport, protocol } = yield* connect(server, () => new Summing());
        transport.pauseReading();
        yield* until(() => protocols.length > 0, "accept");
        const peer = protocols[0]!;
        yield* peer.made;
        const sent = new Uint8Array(4 * 1024 * 1024);
        let expected = 0;
        for (let i = 0; i < sent.length; i++) {
          sent[i] = (i * 31) & 0xff;
          expected = (expected + sent[i]! * (1 + (i % 7))) % 1_000_003;
        }
        peer.transport.write(sent);
        yield* settle();
        const whilePaused = protocol.bytes;
        transport.resumeReading();
        yield* until(() => protocol.bytes === sent.length, "every byte");
        transport.close();
        yield* protocol.lost;
        yield* peer.lost;
        yield* shutdown(server);
        return { whilePaused, bytes: protocol.bytes, same: sum === expected };
      })(),
    );
    expect(out).toEqual({ whilePaused: 0, bytes: 4 * 1024 * 1024, same: true });
  });
});

describe("the Context of protocol callbacks", () => {
  test("dataReceived and eofReceived run in one Context, copied as reading starts and again at resumeReading (CPython's reader Handle)", async () => {
    const v = new asyncio.ContextVar<string>("v", { default: "unset" });
    const seen: string[] = [];
    class InContext extends Recorder {
      override connectionMade(transport: asyncio.Transport): void {
        super.connectionMade(transport);
        seen.push(`made ${v.get()}`);
      }
      override dataReceived(data: Uint8Array): void {
        super.dataReceived(data);
        seen.push(`data ${v.get()}`);
        v.set(`after ${dec(data)}`);
        if (dec(data) === "one") this.transport.pauseReading();
      }
      override eofReceived(): boolean | undefined {
        seen.push(`eof ${v.get()}`);
        return super.eofReceived();
      }
    }
    await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        v.set("before connect");
        const { transport, protocol } = yield* connect(server, () => new InContext());
        v.set("after connect");
        yield* peerSendsOneThenTwo(protocols, protocol);
        v.set("at resume");
        transport.resumeReading();
        yield* protocol.lost;
        yield* shutdown(server);
      })(),
    );
    // CPython 3.13 prints the same for this program (made, then the Context
    // `_add_reader` copied, then the one resume_reading's copied, kept for EOF).
    expect(seen).toEqual([
      "made before connect",
      "data before connect",
      "data at resume",
      "eof after two",
    ]);
  });
});

describe("close and abort", () => {
  test("close() sends the buffered data before connectionLost(undefined)", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
        const { transport, protocol } = yield* connect(server);
        const total = writeUntilPaused(transport, protocol, 256 * 1024 * 1024);
        const buffered = transport.getWriteBufferSize();
        transport.close();
        const closing = transport.isClosing();
        const readingAfterClose = transport.isReading();
        yield* settle();
        const lostWhileBuffered = protocol.lost.done();
        const peer = protocols[0]!;
        peer.transport.resumeReading();
        const exc = yield* protocol.lost;
        yield* peer.lost;
        yield* shutdown(server);
        return {
          buffered: buffered > 0,
          closing,
          readingAfterClose,
          lostWhileBuffered,
          exc,
          peerBytes: peer.bytes,
          total,
          peerEvents: peer.events,
        };
      })(),
    );
    expect(out).toMatchObject({
      buffered: true,
      closing: true,
      readingAfterClose: false,
      lostWhileBuffered: false,
      exc: undefined,
      peerEvents: ["made", "data", "eof", "lost:undefined"],
    });
    expect(out.peerBytes).toBe(out.total);
  });

  test("abort() drops the buffer, calls connectionLost(undefined), and the peer sees the connection end", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
        const { transport, protocol } = yield* connect(server);
        const total = writeUntilPaused(transport, protocol, 256 * 1024 * 1024);
        transport.abort();
        const closing = transport.isClosing();
        const exc = yield* protocol.lost;
        const peer = protocols[0]!;
        peer.transport.resumeReading();
        yield* peer.lost;
        yield* shutdown(server);
        return {
          closing,
          exc,
          events: protocol.events,
          peerBytes: peer.bytes,
          total,
          peerLost: peer.events.at(-1),
        };
      })(),
    );
    expect(out.closing).toBe(true);
    expect(out.exc).toBeUndefined();
    expect(out.events).toEqual(["made", "pauseWriting", "lost:undefined"]);
    expect(out.peerBytes).toBeLessThan(out.total);
    expect(["lost:undefined", "lost:ConnectionResetError"]).toContain(out.peerLost);
  });

  /**
   * A plain Node server's socket (`peer`) and a client that paused reading in
   * connectionMade, so what the peer sends and how it leaves wait in the
   * kernel until the test resumes reading: libuv then reads them together.
   */
  function* rawPeerAndPausedClient(keepOpen?: boolean) {
    const loop = asyncio.getRunningLoop();
    const accepted = loop.createFuture<Socket>();
    const server = createNetServer((s) => accepted.setResult(s));
    yield* asyncio.fromPromise(new Promise<void>((r) => server.listen(0, "127.0.0.1", r)));
    const port = (server.address() as { port: number }).port;
    const [transport, protocol] = yield* loop.createConnection(
      () => Object.assign(new PausedAtFirst(), { keepOpen }),
      "127.0.0.1",
      port,
    );
    const peer = yield* accepted;
    const peerClosed = (): asyncio.Future<unknown> =>
      asyncio.fromPromise(new Promise((r) => peer.once("close", r)));
    return { server, peer, peerClosed, transport, protocol };
  }

  test("a reset that comes right behind the peer's data is connectionLost(ConnectionResetError), not EOF, as CPython's recv() says", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, peer, peerClosed, transport, protocol } = yield* rawPeerAndPausedClient();
        const closed = peerClosed();
        // It sends, then resets (SO_LINGER 0).
        peer.write(new Uint8Array(1000), () => peer.resetAndDestroy());
        yield* closed;
        yield* settle();
        transport.resumeReading();
        const exc = yield* protocol.lost;
        server.close();
        return { exc, events: protocol.events };
      })(),
    );
    expect(out.exc).toBeInstanceOf(asyncio.ConnectionResetError);
    // CPython 3.13 against the same peer: ['made', 'data:1000', 'lost:ConnectionResetError'].
    expect(out.events).toEqual(["made", "data", "lost:ConnectionResetError"]);
  });

  test("a reset after the peer's FIN is an EOF, as CPython's recv() says; kept open, the next write fails with BrokenPipeError", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, peer, peerClosed, transport, protocol } =
          yield* rawPeerAndPausedClient(true);
        const closed = peerClosed();
        peer.end(new Uint8Array(1000));
        peer.destroy();
        yield* closed;
        // The peer's kernel answers this with a reset.
        transport.write(enc("x"));
        yield* settle();
        transport.resumeReading();
        yield* protocol.eof;
        yield* settle();
        const afterEof = [...protocol.events];
        transport.write(enc("y"));
        const exc = yield* protocol.lost;
        server.close();
        return { afterEof, exc, events: protocol.events };
      })(),
    );
    // CPython 3.13 against the same peer: made, data:1000, eof, then the write: lost:BrokenPipeError.
    expect(out.afterEof).toEqual(["made", "data", "eof"]);
    expect(out.exc).toBeInstanceOf(asyncio.BrokenPipeError);
    expect(out.events).toEqual(["made", "data", "eof", "lost:BrokenPipeError"]);
  });

  test("a write the kernel refuses (the peer reset while reading was paused), then close(): connectionLost gets the error, as CPython's failed send()", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, peer, peerClosed, transport, protocol } = yield* rawPeerAndPausedClient();
        const closed = peerClosed();
        peer.resetAndDestroy();
        yield* closed;
        yield* settle();
        transport.write(enc("x"));
        transport.close();
        const exc = yield* protocol.lost;
        server.close();
        return { exc, events: protocol.events };
      })(),
    );
    // CPython 3.13 against the same peer: ['made', 'lost:ConnectionResetError'].
    expect(out.exc).toBeInstanceOf(asyncio.ConnectionResetError);
    expect(out.events).toEqual(["made", "lost:ConnectionResetError"]);
  });

  test.each(["close", "abort"] as const)(
    "%s() inside resumeWriting, once the buffer has drained: connectionLost once (CPython gh-156512)",
    async (how) => {
      const out = await asyncio.run(
        (function* () {
          const contexts = yield* collectExceptions();
          const { server, protocols } = yield* recordingServer(() => new PausedAtFirst());
          class ClosesOnResume extends Recorder {
            override resumeWriting(): void {
              super.resumeWriting();
              this.transport[how]();
            }
          }
          const { transport, protocol } = yield* connect(server, () => new ClosesOnResume());
          // Low-water mark 0: resumeWriting comes when nothing is left to send.
          transport.setWriteBufferLimits(64 * 1024, 0);
          const total = writeUntilPaused(transport, protocol, 256 * 1024 * 1024);
          const peer = protocols[0]!;
          peer.transport.resumeReading();
          yield* protocol.lost;
          yield* peer.lost;
          yield* settle();
          yield* shutdown(server);
          return { events: protocol.events, contexts, peerBytes: peer.bytes, total };
        })(),
      );
      expect(out.events).toEqual(["made", "pauseWriting", "resumeWriting", "lost:undefined"]);
      expect(out.contexts).toEqual([]);
      expect(out.peerBytes).toBe(out.total);
    },
  );

  test("close() twice calls connectionLost once; pauseReading after close does nothing", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        const { transport, protocol } = yield* connect(server);
        transport.close();
        transport.close();
        transport.pauseReading();
        transport.resumeReading();
        yield* protocol.lost;
        transport.abort();
        yield* settle();
        yield* shutdown(server);
        return protocol.events;
      })(),
    );
    expect(out).toEqual(["made", "lost:undefined"]);
  });
});

describe("Server", () => {
  test("sockets and getsockname; the client's peername is the listening address", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const sockets = server.sockets;
        const { transport, protocol } = yield* connect(server);
        yield* until(() => protocols.length === 1, "accept");
        yield* protocols[0]!.made;
        const serverTransport = protocols[0]!.transport;
        const info = {
          count: sockets.length,
          family: sockets[0]!.family,
          name: sockets[0]!.getsockname(),
          peername: transport.getExtraInfo("peername"),
          sockname: transport.getExtraInfo("sockname"),
          serverPeername: serverTransport.getExtraInfo("peername"),
          serverSockname: serverTransport.getExtraInfo("sockname"),
          isSocket: transport.getExtraInfo("socket") instanceof Socket,
          serverIsSocket: serverTransport.getExtraInfo("socket") instanceof Socket,
          missing: transport.getExtraInfo("nope"),
          missingDefault: transport.getExtraInfo("nope", 42),
        };
        transport.close();
        yield* protocol.lost;
        yield* shutdown(server);
        return { info };
      })(),
    );
    const { info } = out;
    expect(info.count).toBe(1);
    expect(info.family).toBe("AF_INET");
    const [host, port] = info.name as [string, number];
    expect(host).toBe("127.0.0.1");
    expect(port).toBeGreaterThan(0);
    expect(info.peername).toEqual(["127.0.0.1", port]);
    expect(info.serverSockname).toEqual(["127.0.0.1", port]);
    expect(info.serverPeername).toEqual(info.sockname);
    expect((info.sockname as [string, number])[0]).toBe("127.0.0.1");
    expect(info.isSocket).toBe(true);
    expect(info.serverIsSocket).toBe(true);
    expect(info.missing).toBeUndefined();
    expect(info.missingDefault).toBe(42);
  });

  test("startServing: false accepts nothing until startServing(), then serves the waiting connection", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Echo(), {
          startServing: false,
        });
        const servingBefore = server.isServing();
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("ping"));
        yield* settle();
        const acceptedBefore = protocols.length;
        const clientGotBefore = protocol.received;
        yield* server.startServing();
        const servingAfter = server.isServing();
        yield* server.startServing(); // a second call does nothing
        yield* until(() => protocol.received === "ping", "the echo");
        transport.close();
        yield* protocol.lost;
        yield* shutdown(server);
        return {
          servingBefore,
          acceptedBefore,
          clientGotBefore,
          servingAfter,
          accepted: protocols.length,
          servingClosed: server.isServing(),
        };
      })(),
    );
    expect(out).toEqual({
      servingBefore: false,
      acceptedBefore: 0,
      clientGotBefore: "",
      servingAfter: true,
      accepted: 1,
      servingClosed: false,
    });
  });

  test("startServing: false: a client that left while the connection waited is read to EOF once serving starts", async () => {
    // As a socket accepted late from the kernel's backlog: its recv() finds EOF.
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder(), {
          startServing: false,
        });
        const { transport } = yield* connect(server);
        transport.close();
        yield* settle();
        yield* server.startServing();
        yield* until(() => protocols[0]?.lost.done() === true, "the server's connectionLost");
        yield* shutdown(server);
        return protocols.map((p) => p.events);
      })(),
    );
    expect(out).toEqual([["made", "eof", "lost:undefined"]]);
  });

  test("close() stops new connections but keeps the open ones; waitClosed waits for the last", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Echo());
        const port = portOf(server);
        const { transport, protocol } = yield* connect(server);
        yield* until(() => protocols.length === 1, "accept");
        server.close();
        const afterClose = { serving: server.isServing(), sockets: server.sockets.length };
        const waiter = asyncio.createTask(server.waitClosed());
        transport.write(enc("still here"));
        yield* until(() => protocol.received === "still here", "the echo");
        const refused = yield* raised(
          asyncio.getRunningLoop().createConnection(() => new Recorder(), "127.0.0.1", port),
        );
        const waitedEarly = waiter.done();
        transport.close();
        yield* protocols[0]!.lost;
        yield* waiter;
        return { afterClose, refused, waitedEarly };
      })(),
    );
    expect(out.afterClose).toEqual({ serving: false, sockets: 0 });
    expect(out.refused).toBeInstanceOf(asyncio.ConnectionRefusedError);
    expect(out.waitedEarly).toBe(false);
  });

  test("waitClosed() on a server that is still open waits for close(), even without connections (3.12.1)", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        const waiter = asyncio.createTask(server.waitClosed());
        yield* settle();
        const doneBeforeClose = waiter.done();
        server.close();
        yield* waiter;
        const again = asyncio.createTask(server.waitClosed());
        yield* asyncio.sleep(0);
        return { doneBeforeClose, againDone: again.done() };
      })(),
    );
    expect(out).toEqual({ doneBeforeClose: false, againDone: true });
  });

  test("closeClients() closes every connection after its buffered data is sent", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const a = yield* connect(server);
        const b = yield* connect(server);
        yield* until(
          () => protocols.length === 2 && protocols.every((p) => p.made.done()),
          "accepts",
        );
        for (const p of protocols) p.transport.write(enc("bye"));
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        yield* a.protocol.lost;
        yield* b.protocol.lost;
        return {
          server: protocols.map((p) => p.events),
          clients: [a.protocol, b.protocol].map((p) => [p.received, p.events]),
        };
      })(),
    );
    expect(out.server).toEqual([
      ["made", "lost:undefined"],
      ["made", "lost:undefined"],
    ]);
    expect(out.clients).toEqual([
      ["bye", ["made", "data", "eof", "lost:undefined"]],
      ["bye", ["made", "data", "eof", "lost:undefined"]],
    ]);
  });

  test("abortClients() closes every connection at once", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const a = yield* connect(server);
        const b = yield* connect(server);
        yield* until(
          () => protocols.length === 2 && protocols.every((p) => p.made.done()),
          "accepts",
        );
        server.close();
        const waiter = asyncio.createTask(server.waitClosed());
        yield* settle();
        const waitedEarly = waiter.done();
        server.abortClients();
        yield* waiter;
        yield* a.protocol.lost;
        yield* b.protocol.lost;
        return {
          waitedEarly,
          server: protocols.map((p) => p.events),
          clients: [a.protocol, b.protocol].map((p) => p.events.at(-1)),
        };
      })(),
    );
    expect(out.waitedEarly).toBe(false);
    expect(out.server).toEqual([
      ["made", "lost:undefined"],
      ["made", "lost:undefined"],
    ]);
    for (const last of out.clients) {
      expect(["lost:undefined", "lost:ConnectionResetError"]).toContain(last);
    }
  });

  test("serveForever: a second concurrent call raises RuntimeError; cancelling closes the server", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Echo(), {
          startServing: false,
        });
        const port = portOf(server);
        const forever = asyncio.createTask(server.serveForever());
        yield* asyncio.sleep(0);
        const serving = server.isServing();
        const second = yield* raised(server.serveForever());
        const { transport, protocol } = yield* connect(server);
        transport.write(enc("x"));
        yield* until(() => protocol.received === "x", "the echo");
        transport.close();
        yield* until(() => protocols[0]?.lost.done() === true, "the server side to close");
        forever.cancel();
        const cancelled = yield* raised(forever);
        const closed = yield* raised(server.serveForever());
        const refused = yield* raised(
          asyncio.getRunningLoop().createConnection(() => new Recorder(), "127.0.0.1", port),
        );
        return {
          serving,
          second,
          cancelled,
          closed,
          refused,
          servingAfter: server.isServing(),
          sockets: server.sockets.length,
        };
      })(),
    );
    expect(out.serving).toBe(true);
    expect(out.second).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.second as Error).message).toMatch(
      /^server <Server sockets=\(.*\)> is already being awaited on serve_forever\(\)$/,
    );
    expect(out.cancelled).toBeInstanceOf(asyncio.CancelledError);
    expect(out.closed).toBeInstanceOf(asyncio.RuntimeError);
    expect((out.closed as Error).message).toBe("server <Server sockets=()> is closed");
    expect(out.refused).toBeInstanceOf(asyncio.ConnectionRefusedError);
    expect(out.servingAfter).toBe(false);
    expect(out.sockets).toBe(0);
  });

  test("serveForever, when cancelled, waits for the open connections to end", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Recorder());
        const forever = asyncio.createTask(server.serveForever());
        const { transport, protocol } = yield* connect(server);
        yield* until(() => protocols.length === 1, "accept");
        forever.cancel();
        yield* settle();
        const doneWithConnectionOpen = forever.done();
        const closedMeanwhile = server.sockets.length === 0;
        transport.close();
        const cancelled = yield* raised(forever);
        yield* protocol.lost;
        return { doneWithConnectionOpen, closedMeanwhile, cancelled };
      })(),
    );
    expect(out.doneWithConnectionOpen).toBe(false);
    expect(out.closedMeanwhile).toBe(true);
    expect(out.cancelled).toBeInstanceOf(asyncio.CancelledError);
  });

  test("asyncWith(server, ...) closes the server when the block ends", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Echo());
        const port = portOf(server);
        const inside = yield* asyncio.asyncWith(server, function* (s) {
          const { transport, protocol } = yield* connect(s);
          transport.write(enc("in"));
          yield* until(() => protocol.received === "in", "the echo");
          transport.close();
          yield* protocol.lost;
          return { same: s === server, serving: s.isServing() };
        });
        const refused = yield* raised(
          asyncio.getRunningLoop().createConnection(() => new Recorder(), "127.0.0.1", port),
        );
        return { inside, serving: server.isServing(), sockets: server.sockets.length, refused };
      })(),
    );
    expect(out.inside).toEqual({ same: true, serving: true });
    expect(out.serving).toBe(false);
    expect(out.sockets).toBe(0);
    expect(out.refused).toBeInstanceOf(asyncio.ConnectionRefusedError);
  });

  const ipv6Loopback = Object.values(networkInterfaces())
    .flat()
    .some((i) => i !== undefined && i.internal && i.address === "::1");

  test.skipIf(!ipv6Loopback)(
    `createServer(["127.0.0.1", "::1"]) listens on each host${ipv6Loopback ? "" : " [skipped: this machine has no IPv6 loopback ::1]"}`,
    async () => {
      const out = await asyncio.run(
        (function* () {
          const made: Recorder[] = [];
          const multi = yield* asyncio.getRunningLoop().createServer(
            () => {
              const p = new Echo();
              made.push(p);
              return p;
            },
            ["127.0.0.1", "::1"],
            0,
          );
          const sockets = multi.sockets.map((s) => [
            s.family,
            (s.getsockname() as [string, number])[0],
          ]);
          const got: string[] = [];
          for (const [i, host] of ["127.0.0.1", "::1"].entries()) {
            const [transport, protocol] = yield* asyncio
              .getRunningLoop()
              .createConnection(() => new Recorder(), host, portOf(multi, i));
            transport.write(enc(host));
            yield* until(() => protocol.received === host, `the echo over ${host}`);
            got.push(protocol.received);
            transport.close();
            yield* protocol.lost;
          }
          yield* shutdown(multi);
          return { sockets, got, accepted: made.length };
        })(),
      );
      expect(out).toEqual({
        sockets: [
          ["AF_INET", "127.0.0.1"],
          ["AF_INET6", "::1"],
        ],
        got: ["127.0.0.1", "::1"],
        accepted: 2,
      });
    },
  );
});

describe("createConnection", () => {
  test("argument errors are CPython's ValueErrors", async () => {
    const sock = new Socket();
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const factory = () => new asyncio.Protocol();
        const errors = [
          yield* raised(loop.createConnection(factory, "127.0.0.1", 1, { sock })),
          yield* raised(loop.createConnection(factory)),
          yield* raised(loop.createConnection(factory, "127.0.0.1", 1, { serverHostname: "x" })),
          yield* raised(loop.createConnection(factory, "127.0.0.1", 1, { sslHandshakeTimeout: 1 })),
          yield* raised(loop.createUnixConnection(factory, "/nonexistent", { sock })),
          yield* raised(loop.createUnixConnection(factory)),
          yield* raised(loop.createUnixConnection(factory, "/nonexistent", { ssl: true })),
          yield* raised(
            loop.createUnixConnection(factory, "/nonexistent", { serverHostname: "x" }),
          ),
        ];
        return errors.map((e) => [e instanceof asyncio.ValueError, (e as Error).message]);
      })(),
    );
    sock.destroy();
    expect(out).toEqual([
      [true, "host/port and sock can not be specified at the same time"],
      [true, "host and port was not specified and no sock specified"],
      [true, "server_hostname is only meaningful with ssl"],
      [true, "ssl_handshake_timeout is only meaningful with ssl"],
      [true, "path and sock can not be specified at the same time"],
      [true, "no path and sock were specified"],
      [true, "you have to pass server_hostname when using ssl"],
      [true, "server_hostname is only meaningful with ssl"],
    ]);
  });

  test("connecting to a closed port raises ConnectionRefusedError and makes no protocol", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server } = yield* recordingServer(() => new Recorder());
        const port = portOf(server);
        server.close();
        yield* server.waitClosed();
        let made = 0;
        const err = yield* raised(
          asyncio.getRunningLoop().createConnection(
            () => {
              made++;
              return new Recorder();
            },
            "127.0.0.1",
            port,
          ),
        );
        return { err, made };
      })(),
    );
    expect(out.err).toBeInstanceOf(asyncio.ConnectionRefusedError);
    expect(out.err).toBeInstanceOf(asyncio.OSError);
    expect((out.err as asyncio.OSError).errno).toBe("ECONNREFUSED");
    expect(out.made).toBe(0);
  });

  test("an already connected socket can be passed as sock", async () => {
    const out = await asyncio.run(
      (function* () {
        const { server, protocols } = yield* recordingServer(() => new Echo());
        const raw = new Socket({ allowHalfOpen: true });
        yield* asyncio.fromPromise(
          new Promise<void>((resolve, reject) => {
            raw.once("error", reject);
            raw.connect(portOf(server), "127.0.0.1", () => resolve());
          }),
        );
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .createConnection(() => new Recorder(), undefined, undefined, { sock: raw });
        transport.write(enc("via sock"));
        yield* until(() => protocol.received === "via sock", "the echo");
        const same = transport.getExtraInfo("socket") === raw;
        transport.close();
        yield* protocol.lost;
        yield* protocols[0]!.lost;
        yield* shutdown(server);
        return { same, events: protocol.events };
      })(),
    );
    expect(out).toEqual({ same: true, events: ["made", "data", "lost:undefined"] });
  });
});

describe("Unix sockets", () => {
  const dir = scratchDir("asyncio-ts-transports-");

  test("createUnixServer replaces a stale socket file; extra info is '' and the path", async () => {
    const path = join(dir, "stale.sock");
    // A process that bound the path and exited without closing leaves the file behind.
    const child = spawnSync(process.execPath, [
      "-e",
      `require("net").createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`,
    ]);
    expect(child.status).toBe(0);
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const protocols: Echo[] = [];
        const server = yield* loop.createUnixServer(() => {
          const p = new Echo();
          protocols.push(p);
          return p;
        }, path);
        const [transport, protocol] = yield* loop.createUnixConnection(() => new Recorder(), path);
        transport.write(enc("unix"));
        yield* until(() => protocol.received === "unix", "the echo");
        const info = {
          sockets: server.sockets.map((s) => [s.family, s.getsockname()]),
          sockname: transport.getExtraInfo("sockname"),
          peername: transport.getExtraInfo("peername"),
          isSocket: transport.getExtraInfo("socket") instanceof Socket,
          serverSockname: protocols[0]!.transport.getExtraInfo("sockname"),
          serverPeername: protocols[0]!.transport.getExtraInfo("peername"),
        };
        transport.writeEof();
        yield* protocol.lost;
        yield* shutdown(server);
        return { info, events: protocol.events, serverEvents: protocols[0]!.events };
      })(),
    );
    expect(out.info).toEqual({
      sockets: [["AF_UNIX", path]],
      sockname: "",
      peername: path,
      isSocket: true,
      serverSockname: path,
      serverPeername: "",
    });
    expect(out.events).toEqual(["made", "data", "eof", "lost:undefined"]);
    expect(out.serverEvents).toEqual(["made", "data", "eof", "lost:undefined"]);
  });

  test("createUnixServer does not remove a file that is not a socket: OSError", async () => {
    const path = join(dir, "regular-file");
    writeFileSync(path, "keep me");
    const err = await asyncio.run(
      (function* () {
        return yield* raised(asyncio.getRunningLoop().createUnixServer(() => new Recorder(), path));
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.OSError);
    expect((err as asyncio.OSError).errno).toBe("EADDRINUSE");
  });

  // CPython's create_unix_server: OSError(EADDRINUSE, f"Address {path!r} is already in use").
  test("a path in use is reported with CPython's message", async () => {
    const path = join(dir, "regular-file-2");
    writeFileSync(path, "keep me");
    const err = await asyncio.run(
      (function* () {
        return yield* raised(asyncio.getRunningLoop().createUnixServer(() => new Recorder(), path));
      })(),
    );
    expect((err as Error).message).toBe(`Address '${path}' is already in use`);
  });

  test("createUnixConnection to a missing path raises FileNotFoundError", async () => {
    const err = await asyncio.run(
      (function* () {
        return yield* raised(
          asyncio.getRunningLoop().createUnixConnection(() => new Recorder(), join(dir, "missing")),
        );
      })(),
    );
    expect(err).toBeInstanceOf(asyncio.FileNotFoundError);
  });
});

describe("found in review", () => {
  test("a client that resets while it waits for startServing() does not crash the process", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const made: string[] = [];
        const server = yield* loop.createServer(
          () =>
            new (class extends asyncio.Protocol {
              override connectionMade(): void {
                made.push("made");
              }
              override connectionLost(exc: Error | undefined): void {
                made.push(`lost ${exc?.constructor.name}`);
              }
            })(),
          "127.0.0.1",
          0,
          { startServing: false },
        );
        const raw = new Socket();
        raw.connect(portOf(server), "127.0.0.1", () => raw.resetAndDestroy());
        yield* asyncio.sleep(0.2);
        yield* server.startServing();
        yield* until(() => made.length === 2, "the reset connection to be reported");
        yield* shutdown(server);
        return made;
      })(),
    );
    expect(out).toEqual(["made", "lost ConnectionResetError"]);
  });

  test("pauseReading() inside bufferUpdated holds back the rest of the chunk until resumeReading()", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const server = yield* loop.createServer(
          () =>
            new (class extends asyncio.Protocol {
              override connectionMade(t: asyncio.Transport): void {
                t.write(new Uint8Array(100).fill(65));
                t.close();
              }
            })(),
          "127.0.0.1",
          0,
        );
        let calls = 0;
        let bytes = 0;
        let transport!: asyncio.Transport;
        const lost = loop.createFuture<void>();
        yield* loop.createConnection(
          () =>
            new (class extends asyncio.BufferedProtocol {
              private readonly buffer = new Uint8Array(4);
              override connectionMade(t: asyncio.Transport): void {
                transport = t;
              }
              override getBuffer(): Uint8Array {
                return this.buffer;
              }
              override bufferUpdated(n: number): void {
                calls++;
                bytes += n;
                if (calls === 1) transport.pauseReading();
              }
              override connectionLost(): void {
                lost.setResult(undefined);
              }
            })(),
          "127.0.0.1",
          portOf(server),
        );
        yield* asyncio.sleep(0.1);
        const whilePaused = calls;
        transport.resumeReading();
        yield* lost;
        yield* shutdown(server);
        return [whilePaused, bytes];
      })(),
    );
    expect(out).toEqual([1, 100]);
  });

  test("after EOF kept open and writeEof, the transport stays open until close(), as CPython's", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const server = yield* loop.createServer(
          () =>
            new (class extends asyncio.Protocol {
              private t!: asyncio.Transport;
              override connectionMade(t: asyncio.Transport): void {
                this.t = t;
              }
              override eofReceived(): boolean {
                this.t.write(enc("bye"));
                this.t.writeEof();
                return true;
              }
            })(),
          "127.0.0.1",
          0,
        );
        const events: string[] = [];
        const lost = loop.createFuture<void>();
        const [transport] = yield* loop.createConnection(
          () =>
            new (class extends asyncio.Protocol {
              override connectionMade(t: asyncio.Transport): void {
                t.writeEof();
              }
              override dataReceived(data: Uint8Array): void {
                events.push(dec(data));
              }
              override eofReceived(): boolean {
                events.push("eof");
                return true;
              }
              override connectionLost(): void {
                events.push("lost");
                lost.setResult(undefined);
              }
            })(),
          "127.0.0.1",
          portOf(server),
        );
        yield* asyncio.sleep(0.2);
        const before = [...events, transport.isClosing()];
        transport.close();
        yield* lost;
        yield* shutdown(server);
        return [before, events];
      })(),
    );
    expect(out).toEqual([
      ["bye", "eof", false],
      ["bye", "eof", "lost"],
    ]);
  });
});

describe("a Unix server's socket file on close (CPython 3.13's test_server)", () => {
  const serve = (): asyncio.Protocol => new asyncio.Protocol();
  const dir = scratchDir("asyncio-ts-unix-cleanup-");

  test("removed by default; left when cleanupSocket is false; left when someone replaced it; no error when it is gone", async () => {
    const { existsSync, unlinkSync } = await import("node:fs");
    const { createServer } = await import("node:net");
    const path = (name: string): string => join(dir, name);
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const results: boolean[] = [];

        const byDefault = yield* loop.createUnixServer(serve, path("default.sock"));
        byDefault.close();
        results.push(existsSync(path("default.sock")));

        const prevented = yield* loop.createUnixServer(serve, path("kept.sock"), {
          cleanupSocket: false,
        });
        prevented.close();
        results.push(existsSync(path("kept.sock")));

        const replaced = yield* loop.createUnixServer(serve, path("replaced.sock"));
        unlinkSync(path("replaced.sock"));
        const other = createServer();
        const bound = loop.createFuture<void>();
        other.listen(path("replaced.sock"), () => bound.setResult(undefined));
        yield* bound;
        replaced.close();
        results.push(existsSync(path("replaced.sock")));
        other.close();

        const gone = yield* loop.createUnixServer(serve, path("gone.sock"));
        unlinkSync(path("gone.sock"));
        gone.close();
        results.push(existsSync(path("gone.sock")));
        yield* asyncio.sleep(0);
        return results;
      })(),
    );
    expect(out).toEqual([false, true, true, false]);
  });
});

test("happyEyeballsDelay: a name that resolves to several addresses still connects", async () => {
  const out = await asyncio.run(
    (function* () {
      const loop = asyncio.getRunningLoop();
      const server = yield* loop.createServer(() => new asyncio.Protocol(), "127.0.0.1", 0);
      const [transport] = yield* loop.createConnection(
        () => new asyncio.Protocol(),
        "localhost",
        portOf(server),
        { happyEyeballsDelay: 0.25 },
      );
      const peer = transport.getExtraInfo("peername") as [string, number];
      transport.close();
      server.close();
      server.closeClients();
      yield* server.waitClosed();
      return peer[0];
    })(),
  );
  expect(out).toBe("127.0.0.1");
});
