/**
 * Streams over real TCP sockets on 127.0.0.1 (real time; outcomes and
 * orders only): echo, EOF, readexactly across the wire, connection errors
 * of CPython's classes, backpressure, server close.
 */
import type { Socket } from "node:net";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { nodeProgramOutput } from "./helpers.js";
import { dec, echoLines, enc, portOf } from "./socket-helpers.js";

describe("openConnection and startServer", () => {
  test("an echo server answers each line, and the client sees EOF after writeEof", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0);
        const port = portOf(server);
        return yield* asyncio.asyncWith(server, function* () {
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
          const got: string[] = [];
          for (const line of ["hello\n", "world\n"]) {
            writer.write(enc(line));
            yield* writer.drain();
            got.push(dec(yield* reader.readline()));
          }
          writer.writeEof();
          const rest = yield* reader.read();
          writer.close();
          yield* writer.waitClosed();
          return [...got, rest.length, reader.atEof()];
        });
      })(),
    );
    expect(out).toEqual(["hello\n", "world\n", 0, true]);
  });

  test("what a reader reads from a socket is a Node Buffer, whole chunk, part or join, and what it echoes goes back unchanged", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(
          function* (r, w) {
            // Whole chunks and parts alike, written back as they were read.
            for (;;) {
              const data = yield* r.read(3);
              if (data.length === 0) break;
              w.write(data);
            }
            w.close();
          },
          "127.0.0.1",
          0,
        );
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        writer.write(enc("hello\nworld"));
        writer.writeEof();
        const reads = [
          yield* reader.readline(),
          yield* reader.readexactly(2),
          yield* reader.read(),
        ];
        writer.close();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return reads.map((data) => [Buffer.isBuffer(data), String(data)]);
      })(),
    );
    expect(out).toEqual([
      [true, "hello\n"],
      [true, "wo"],
      [true, "rld"],
    ]);
  });

  test("readexactly gathers bytes that arrive in several writes", async () => {
    const got = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(
          function* (_r, w) {
            for (const part of ["ab", "cd", "ef"]) {
              w.write(enc(part));
              yield* asyncio.sleep(0.01);
            }
            w.close();
          },
          "127.0.0.1",
          0,
        );
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const first = dec(yield* reader.readexactly(5));
        const err = yield* (function* () {
          try {
            yield* reader.readexactly(5);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
          } catch (e) {
            return e;
          }
          return undefined;
        })();
        writer.close();
        server.close();
        yield* server.waitClosed();
        return [first, (err as asyncio.IncompleteReadError).partial.length];
      })(),
    );
    expect(got).toEqual(["abcde", 1]);
  });

  test("connecting where nobody listens raises ConnectionRefusedError", async () => {
    const e = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(() => {}, "127.0.0.1", 0);
        const port = portOf(server);
        server.close();
        yield* server.waitClosed();
        try {
          yield* asyncio.openConnection("127.0.0.1", port);
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (err) {
          return err;
        }
        return undefined;
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.ConnectionRefusedError);
    expect(e).toBeInstanceOf(asyncio.OSError);
    expect((e as asyncio.OSError).errno).toBe("ECONNREFUSED");
  });

  test("drain() waits while the peer does not read, and resumes when it does", async () => {
    const out = await asyncio.run(
      (function* () {
        let serverReader: asyncio.StreamReader | undefined;
        const connected = asyncio.getRunningLoop().createFuture<void>();
        const server = yield* asyncio.startServer(
          (r) => {
            serverReader = r;
            connected.setResult(undefined);
          },
          "127.0.0.1",
          0,
        );
        const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        yield* connected;
        // More than the kernel's loopback buffers and the reader's pause threshold can absorb.
        const chunk = new Uint8Array(4 * 1024 * 1024);
        for (let i = 0; i < 8; i++) writer.write(chunk);
        const drain = asyncio.createTask(writer.drain());
        yield* asyncio.sleep(0.05);
        const blockedWhileUnread = !drain.done();
        // Named as CPython's coroutine is, though drain() is no generator (core/kernel/coroutine-qualname.ts).
        expect(String(drain)).toContain("coro=<StreamWriter.drain()>");
        const received = (yield* serverReader!.readexactly(8 * chunk.length)).length;
        yield* drain;
        writer.close();
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return [blockedWhileUnread, received];
      })(),
    );
    expect(out).toEqual([true, 32 * 1024 * 1024]);
  });

  test("a server writing to a client that never reads stays bounded: drain() holds it at the high-water mark", async () => {
    const out = await asyncio.run(
      (function* () {
        const chunk = new Uint8Array(64 * 1024);
        let written = 0;
        let maxBuffered = 0;
        let limits: [number, number] = [0, 0];
        const server = yield* asyncio.startServer(
          function* (_reader, writer) {
            const transport = writer.transport;
            limits = transport.getWriteBufferLimits();
            try {
              for (;;) {
                writer.write(chunk);
                written += chunk.length;
                maxBuffered = Math.max(maxBuffered, transport.getWriteBufferSize());
                yield* writer.drain();
              }
            } catch (e) {
              if (!(e instanceof asyncio.ConnectionResetError)) throw e;
            }
          },
          "127.0.0.1",
          0,
        );
        const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        yield* asyncio.sleep(0.3);
        const writtenAt = written;
        yield* asyncio.sleep(0.2);
        const stalled = written === writtenAt;
        writer.transport.abort();
        server.close();
        server.abortClients();
        yield* server.waitClosed();
        return { written, maxBuffered, limits, stalled };
      })(),
    );
    // An unbounded writer would have queued gigabytes; this one filled the
    // kernel's loopback buffers and the client's reader (a few MiB), then waited.
    expect(out.stalled).toBe(true);
    expect(out.written).toBeLessThan(32 * 1024 * 1024);
    expect(out.maxBuffered).toBeLessThanOrEqual(out.limits[1] + 64 * 1024);
  });

  test("cancelling a read leaves the connection usable and releases the socket on close", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        try {
          yield* asyncio.waitFor(reader.readline(), 0.05);
        } catch (e) {
          if (!(e instanceof asyncio.TimeoutError)) throw e;
        }
        writer.write(enc("after timeout\n"));
        const line = dec(yield* reader.readline());
        writer.close();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return [line, (writer.getExtraInfo("socket") as Socket).destroyed];
      })(),
    );
    expect(out).toEqual(["after timeout\n", true]);
  });
});

test("Unix socket streams: startUnixServer and openUnixConnection", async () => {
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const path = join(tmpdir(), `asyncio-ts-${process.pid}.sock`);
  const out = await asyncio.run(
    (function* () {
      const server = yield* asyncio.startUnixServer(echoLines, path);
      return yield* asyncio.asyncWith(server, function* () {
        const [reader, writer] = yield* asyncio.openUnixConnection(path);
        writer.write(enc("over unix\n"));
        const line = dec(yield* reader.readline());
        writer.close();
        yield* writer.waitClosed();
        return [line, server.sockets[0]?.getsockname() === path];
      });
    })(),
  );
  expect(out).toEqual(["over unix\n", true]);
});

test("1,000 clients that connect and vanish leave the server serving, with no connection left open", async () => {
  const out = await asyncio.run(
    (function* () {
      let handled = 0;
      const server = yield* asyncio.startServer(
        function* (reader, writer) {
          try {
            yield* reader.read();
          } catch (e) {
            if (e instanceof asyncio.CancelledError) throw e;
            // a reset mid-read is one way to vanish
          }
          handled++;
          writer.close();
        },
        "127.0.0.1",
        0,
      );
      const port = portOf(server);
      for (let batch = 0; batch < 10; batch++) {
        const clients = [];
        for (let i = 0; i < 100; i++) clients.push(asyncio.openConnection("127.0.0.1", port));
        for (const [, writer] of yield* asyncio.gather(...clients)) writer.transport.abort();
      }
      // The server keeps serving: a well-behaved client still gets its echo of EOF.
      while (handled < 1000) yield* asyncio.sleep(0.01);
      const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
      writer.writeEof();
      const rest = yield* reader.read();
      const open = (server as unknown as { _clients: Set<unknown> })._clients;
      while (open.size > 1) yield* asyncio.sleep(0.01);
      writer.close();
      yield* writer.waitClosed();
      server.close();
      yield* server.waitClosed();
      return [handled, rest.length, open.size];
    })(),
  );
  expect(out).toEqual([1001, 0, 0]);
}, 30_000);

test("a peer that resets mid-read raises ConnectionResetError in the reader", async () => {
  const e = await asyncio.run(
    (function* () {
      const got = asyncio.getRunningLoop().createFuture<unknown>();
      const server = yield* asyncio.startServer(
        function* (reader) {
          try {
            yield* reader.readexactly(1000);
            got.setResult(undefined);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
          } catch (err) {
            got.setResult(err);
          }
        },
        "127.0.0.1",
        0,
      );
      const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
      writer.write(enc("partial"));
      yield* asyncio.sleep(0.02);
      (writer.getExtraInfo("socket") as Socket).resetAndDestroy();
      const err = yield* got;
      server.close();
      yield* server.waitClosed();
      return err;
    })(),
  );
  expect(e).toBeInstanceOf(asyncio.ConnectionResetError);
  expect((e as asyncio.OSError).errno).toBe("ECONNRESET");
});

test("every socket and server is released: Node's open TCP handles are back to their count", async () => {
  const tcpHandles = (): number =>
    process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;
  // Handles of earlier tests may still be closing (libuv closes them a turn later).
  let before = tcpHandles();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (tcpHandles() === before) break;
    before = tcpHandles();
  }
  const during = await asyncio.run(
    (function* () {
      const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0);
      const connections = [];
      for (let i = 0; i < 5; i++)
        connections.push(asyncio.openConnection("127.0.0.1", portOf(server)));
      const pairs = yield* asyncio.gather(...connections);
      // A round trip each: both ends of every connection are up and reading.
      for (const [reader, writer] of pairs) {
        writer.write(enc("hi\n"));
        yield* reader.readline();
      }
      const open = tcpHandles();
      // Some connections end cleanly, one read is cancelled by a timeout first.
      const [reader0] = pairs[0]!;
      try {
        yield* asyncio.waitFor(reader0.readline(), 0.01);
      } catch (e) {
        if (!(e instanceof asyncio.TimeoutError)) throw e;
      }
      for (const [, writer] of pairs) {
        writer.close();
        yield* writer.waitClosed();
      }
      server.close();
      yield* server.waitClosed();
      return open;
    })(),
  );
  expect(during).toBeGreaterThanOrEqual(before + 6);
  for (let i = 0; i < 50 && tcpHandles() > before; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(tcpHandles()).toBe(before);
});

test("a server and a connection left open when run() ends do not keep Node alive", async () => {
  const stdout = await nodeProgramOutput(`
    await asyncio.run((function* () {
      const server = yield* asyncio.startServer(function* () {}, "127.0.0.1", 0);
      const [, port] = server.sockets[0].getsockname();
      yield* asyncio.openConnection("127.0.0.1", port);
      console.log("left open");
    })());
    console.log("run returned");
  `);
  expect(stdout).toBe("left open\nrun returned\n");
});

test("openConnection on a socket the peer already reset returns a writer whose writes are dropped quietly", async () => {
  const { createServer, Socket } = await import("node:net");
  const resetter = createServer((s) => s.resetAndDestroy());
  await new Promise<void>((resolve) => resetter.listen(0, "127.0.0.1", resolve));
  const { port } = resetter.address() as { port: number };
  const out = await asyncio.run(
    (function* () {
      const sock = new Socket();
      const reset = asyncio.getRunningLoop().createFuture<void>();
      sock.on("error", () => reset.setResult(undefined));
      sock.connect(port, "127.0.0.1");
      yield* reset;
      const [reader, writer] = yield* asyncio.openConnection(undefined, undefined, { sock });
      let thrown: unknown;
      try {
        writer.write(enc("into the void"));
      } catch (e) {
        thrown = e;
      }
      let readError: unknown;
      try {
        yield* reader.read();
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
      } catch (e) {
        readError = e;
      }
      return [thrown, readError?.constructor.name];
    })(),
  );
  resetter.close();
  expect(out).toEqual([undefined, "ConnectionResetError"]);
});
