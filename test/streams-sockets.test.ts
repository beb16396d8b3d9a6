/**
 * CPython's test_streams.py behaviours that need a socket, a pipe or one of
 * its mocks, over real sockets on 127.0.0.1 and real pipes (real time;
 * outcomes and orders only): several drain() waiters, drain() once the peer
 * is gone, waitClosed and the writer after close(), EOF after close(),
 * plain-function client callbacks, a pipe read to its end past the limit,
 * the constructors' loops, StreamReader's repr, and the stream errors.
 */
import { createServer, type Server as NetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { NOTHING, raisedOrNothing, ZeroDivisionError } from "./helpers.js";
import { dec, enc, portOf } from "./socket-helpers.js";

/** Collects what reaches the running loop's exception handler. */
function recordExceptions(): string[] {
  const messages: string[] = [];
  asyncio
    .getRunningLoop()
    .setExceptionHandler((_loop, context) => messages.push(String(context.message)));
  return messages;
}

/** A tiny HTTP/1.0 server, as CPython's test_utils.run_test_server answers. */
function* httpHandler(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0 || dec(line) === "\r\n") break;
  }
  writer.write(enc("HTTP/1.0 200 OK\r\nContent-type: text/plain\r\n\r\nTest message"));
  yield* writer.drain();
  writer.close();
  yield* writer.waitClosed();
}

/** A handler that only waits for its client to go, then closes. */
function* readToEnd(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  yield* raisedOrNothing(reader.read());
  writer.close();
}

/** The protocol a writer was made with (CPython's `writer._protocol`). */
const protocolOf = (writer: asyncio.StreamWriter): asyncio.StreamReaderProtocol =>
  (writer as unknown as { _protocol: asyncio.StreamReaderProtocol })._protocol;

/** The loop a reader or protocol belongs to (CPython's `._loop`). */
const loopOf = (x: object): asyncio.EventLoop => (x as { _loop: asyncio.EventLoop })._loop;

describe("drain", () => {
  test("test_multiple_drain: ten drain() calls waiting at once are all released, in the order they waited", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const connected = asyncio.getRunningLoop().createFuture<asyncio.StreamReader>();
        const server = yield* asyncio.startServer((r) => connected.setResult(r), "127.0.0.1", 0);
        const [, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const serverReader = yield* connected;
        // The peer does not read yet: more than the kernel's buffers absorb stays in ours.
        writer.transport.setWriteBufferLimits(1024, 0);
        const size = 16 * 1024 * 1024;
        writer.write(new Uint8Array(size));
        const buffered = writer.transport.getWriteBufferSize() > 1024;
        const released: number[] = [];
        const drainers = [];
        for (let i = 0; i < 10; i++) {
          drainers.push(
            asyncio.createTask(
              (function* () {
                yield* writer.drain();
                released.push(i);
              })(),
            ),
          );
        }
        yield* asyncio.sleep(0.05);
        const waiting = drainers.filter((t) => !t.done()).length;
        const received = (yield* serverReader.readexactly(size)).length;
        yield* asyncio.gather(...drainers);
        const left = writer.transport.getWriteBufferSize();
        writer.close();
        yield* writer.waitClosed();
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return { buffered, waiting, received, released, left, messages };
      })(),
    );
    expect(out).toEqual({
      buffered: true,
      waiting: 10,
      received: 16 * 1024 * 1024,
      released: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      left: 0,
      messages: [],
    });
  });

  test("test_drain_raises: write and drain in a loop against a peer that accepted and closed ends in a ConnectionError; nothing is reported", async () => {
    // As in CPython, the peer is not an asyncio server: it accepts and closes.
    let peerClosed = false;
    const peer: NetServer = createServer((socket) => {
      socket.destroy();
      peerClosed = true;
    });
    await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
    const { port } = peer.address() as { port: number };
    try {
      const out = await asyncio.run(
        (function* () {
          const messages = recordExceptions();
          const [, writer] = yield* asyncio.openConnection("127.0.0.1", port);
          while (!peerClosed) yield* asyncio.sleep(0.01);
          let error: unknown;
          let rounds = 0;
          // The bound only turns a spinning drain() into a failure instead of a hang.
          for (; rounds < 1_000_000; rounds++) {
            try {
              writer.write(enc("foo\n"));
              yield* writer.drain();
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
            } catch (e) {
              error = e;
              break;
            }
          }
          writer.close();
          return { error, spun: rounds === 1_000_000, messages };
        })(),
      );
      expect(out.spun).toBe(false);
      expect(out.error).toBeInstanceOf(asyncio.ConnectionError);
      expect(
        [
          asyncio.ConnectionResetError,
          asyncio.ConnectionAbortedError,
          asyncio.BrokenPipeError,
        ].some((cls) => out.error instanceof cls),
      ).toBe(true);
      expect(out.messages).toEqual([]);
    } finally {
      await new Promise((resolve) => peer.close(resolve));
    }
  });

  test("drain() raises the reader's exception before anything else, the same object each time", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(readToEnd, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const boom = new asyncio.ValueError("boom");
        reader.setException(boom);
        const first = yield* raisedOrNothing(writer.drain());
        const second = yield* raisedOrNothing(writer.drain());
        writer.close();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return [first === boom, second === boom];
      })(),
    );
    expect(out).toEqual([true, true]);
  });

  test("drain() written by hand: it raises when awaited, not when called; after close() it lets connectionLost run first, then raises ConnectionResetError", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(readToEnd, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const open = yield* raisedOrNothing(writer.drain());
        writer.close();
        const late = writer.drain(); // made while closing: nothing happens yet
        const afterClose = yield* raisedOrNothing(late);
        const again = yield* raisedOrNothing(writer.drain());
        const boom = new asyncio.ValueError("boom");
        const pending = writer.drain();
        reader.setException(boom); // after the call, before the await
        const failed = yield* raisedOrNothing(pending);
        server.close();
        yield* server.waitClosed();
        return [
          open === NOTHING,
          afterClose instanceof asyncio.ConnectionResetError,
          again instanceof asyncio.ConnectionResetError,
          failed === boom,
        ];
      })(),
    );
    expect(out).toEqual([true, true, true, true]);
  });

  test("test_open_connection_error: connectionLost(error) on the protocol makes read(), drain() and waitClosed() raise it; nothing is reported", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const server = yield* asyncio.startServer(readToEnd, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const error = new ZeroDivisionError();
        protocolOf(writer).connectionLost(error);
        const read = yield* raisedOrNothing(reader.read());
        const drain = yield* raisedOrNothing(writer.drain());
        const closed = yield* raisedOrNothing(writer.waitClosed());
        writer.close();
        for (let i = 0; i < 3; i++) yield* asyncio.sleep(0);
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return [read === error, drain === error, closed === error, messages];
      })(),
    );
    expect(out).toEqual([true, true, true, []]);
  });
});

describe("closing the writer", () => {
  test("test_wait_closed_on_close, test_async_writer_api: after the reply is read to EOF, close() makes isClosing() true and waitClosed() returns", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const server = yield* asyncio.startServer(httpHandler, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        writer.write(enc("GET / HTTP/1.0\r\n\r\n"));
        const status = dec(yield* reader.readline());
        const rest = dec(yield* reader.read());
        const before = writer.isClosing();
        writer.close();
        const after = writer.isClosing();
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return [status, rest.endsWith("\r\n\r\nTest message"), before, after, messages];
      })(),
    );
    expect(out).toEqual(["HTTP/1.0 200 OK\r\n", true, false, true, []]);
  });

  test("test_wait_closed_on_close_with_unread_data: close() with unread data held by a paused reader still closes, and waitClosed() returns", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const serverSaw = asyncio.getRunningLoop().createFuture<string>();
        const server = yield* asyncio.startServer(
          function* (reader, writer) {
            yield* reader.readline();
            writer.write(enc("HTTP/1.0 200 OK\r\n"));
            writer.write(new Uint8Array(1024 * 1024));
            // Waits for the client to go; a close with unread data may be a reset.
            const end = yield* raisedOrNothing(reader.read());
            serverSaw.setResult(
              end instanceof asyncio.ConnectionResetError
                ? "reset"
                : typeof end === "object"
                  ? "eof"
                  : String(end),
            );
            writer.close();
          },
          "127.0.0.1",
          0,
        );
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
          limit: 16,
        });
        writer.write(enc("GET / HTTP/1.0\r\n"));
        const status = dec(yield* reader.readline());
        yield* asyncio.sleep(0.05);
        const paused = String(reader).endsWith(" paused>");
        writer.close();
        const closed = yield* raisedOrNothing(asyncio.waitFor(writer.waitClosed(), 5));
        const seen = yield* asyncio.waitFor(serverSaw, 5);
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return [status, paused, closed, ["eof", "reset"].includes(seen), messages];
      })(),
    );
    expect(out).toEqual(["HTTP/1.0 200 OK\r\n", true, NOTHING, true, []]);
  });

  test("test_async_writer_api_exception_after_close: write() then drain() right after close() raises ConnectionResetError('Connection lost')", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const server = yield* asyncio.startServer(httpHandler, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        writer.write(enc("GET / HTTP/1.0\r\n\r\n"));
        const status = dec(yield* reader.readline());
        yield* reader.read();
        writer.close();
        writer.write(enc("data"));
        const e = yield* raisedOrNothing(writer.drain());
        yield* writer.waitClosed();
        server.close();
        yield* server.waitClosed();
        return [status, (e as Error).constructor, (e as Error).message, messages];
      })(),
    );
    expect(out).toEqual([
      "HTTP/1.0 200 OK\r\n",
      asyncio.ConnectionResetError,
      "Connection lost",
      [],
    ]);
  });

  test("test_eof_feed_when_closing_writer: after close() and waitClosed() the reader is at EOF at once, and read() gives nothing", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const server = yield* asyncio.startServer(readToEnd, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        writer.close();
        yield* writer.waitClosed();
        const atEof = reader.atEof();
        const data = yield* reader.read();
        server.close();
        yield* server.waitClosed();
        return [atEof, data.length, messages];
      })(),
    );
    expect(out).toEqual([true, 0, []]);
  });
});

/** A line echo handler, as CPython's MyServer.handle_client. */
function* echoOneLine(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  const data = yield* reader.readline();
  writer.write(data);
  yield* writer.drain();
  writer.close();
  yield* writer.waitClosed();
}

/** The same, from a plain function that starts the task itself (MyServer.handle_client_callback). */
function echoCallback(reader: asyncio.StreamReader, writer: asyncio.StreamWriter): void {
  asyncio.createTask(echoOneLine(reader, writer));
}

function* client(
  open: asyncio.Coroutine<[asyncio.StreamReader, asyncio.StreamWriter]>,
  n: number,
): asyncio.Coroutine<string> {
  const [reader, writer] = yield* open;
  writer.write(enc(`hello world ${n}!\n`));
  const back = dec(yield* reader.readline());
  writer.close();
  yield* writer.waitClosed();
  return back;
}

const expected = ["hello world 0!\n", "hello world 1!\n", "hello world 2!\n", "hello world 3!\n"];

describe("servers", () => {
  test("test_start_server: a coroutine handler and a plain-function handler each serve several clients at once; nothing is reported", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const results: string[][] = [];
        for (const handler of [echoOneLine, echoCallback]) {
          const server = yield* asyncio.startServer(handler, "127.0.0.1", 0);
          const port = portOf(server);
          const clients = [0, 1, 2, 3].map((n) =>
            client(asyncio.openConnection("127.0.0.1", port), n),
          );
          results.push(yield* asyncio.gather(...clients));
          server.close();
          yield* server.waitClosed();
        }
        return [results, messages];
      })(),
    );
    expect(out).toEqual([[expected, expected], []]);
  });

  test("test_start_unix_server: the same over a Unix socket", async () => {
    const out = await asyncio.run(
      (function* () {
        const messages = recordExceptions();
        const results: string[][] = [];
        for (const [i, handler] of [echoOneLine, echoCallback].entries()) {
          const path = join(tmpdir(), `asyncio-ts-streams-sockets-${process.pid}-${i}.sock`);
          const server = yield* asyncio.startUnixServer(handler, path);
          const clients = [0, 1, 2, 3].map((n) => client(asyncio.openUnixConnection(path), n));
          results.push(yield* asyncio.gather(...clients));
          server.close();
          yield* server.waitClosed();
        }
        return [results, messages];
      })(),
    );
    expect(out).toEqual([[expected, expected], []]);
  });
});

describe("pipes", () => {
  test("test_read_all_from_pipe_reader: a reader whose limit is 1 reads all a child wrote, after the child exited", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(
          process.execPath,
          ["-e", "process.stdout.write('data'.repeat(1000))"],
          { stdout: asyncio.PIPE, limit: 1 },
        );
        const status = yield* proc.wait();
        const data = dec(yield* proc.stdout!.read());
        return [status, data.length, data === "data".repeat(1000), proc.stdout!.atEof()];
      })(),
    );
    expect(out).toEqual([0, 4000, true, true]);
  });
});

describe("constructors", () => {
  test("test_streamreader_constructor_use_running_loop, _use_global_loop, _without_loop: a StreamReader takes the running loop, else the current one, else raises RuntimeError", async () => {
    const [running, inside] = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        return [loop, loopOf(new asyncio.StreamReader())];
      })(),
    );
    expect(inside).toBe(running);

    const loop = new asyncio.EventLoop();
    asyncio.setEventLoop(loop);
    try {
      expect(loopOf(new asyncio.StreamReader())).toBe(loop);
    } finally {
      asyncio.setEventLoop(null);
      loop.close();
    }
    expect(() => new asyncio.StreamReader()).toThrow(
      new asyncio.RuntimeError("There is no current event loop in thread 'MainThread'."),
    );
  });

  // CPython's StreamReaderProtocol(stream_reader, client_connected_cb=None,
  // loop=None) takes the running (or current) loop when none is given.
  test("test_streamreaderprotocol_constructor_use_running_loop: without a loop the protocol takes the running loop", async () => {
    const [running, inside] = await asyncio.run(
      (function* () {
        return [
          asyncio.getRunningLoop(),
          loopOf(new asyncio.StreamReaderProtocol(new asyncio.StreamReader())),
        ];
      })(),
    );
    expect(inside).toBe(running);
  });
});

describe("StreamReader's repr", () => {
  test("test___repr__, _nondefault_limit, _eof, _data: a StreamReader's repr shows a non-default limit, eof and how many bytes are buffered", async () => {
    const out = await asyncio.run(
      (function* () {
        const data = new asyncio.StreamReader();
        data.feedData(enc("data"));
        const eof = new asyncio.StreamReader();
        eof.feedEof();
        return [
          String(new asyncio.StreamReader()),
          String(new asyncio.StreamReader(123)),
          String(eof),
          String(data),
        ];
      })(),
    );
    expect(out).toEqual([
      "<StreamReader>",
      "<StreamReader limit=123>",
      "<StreamReader eof>",
      "<StreamReader 4 bytes>",
    ]);
  });

  test("test___repr__waiter: a waiting read shows waiter=<Future pending ...>, and not once it is woken", async () => {
    const out = await asyncio.run(
      (function* () {
        const r = new asyncio.StreamReader();
        const read = asyncio.createTask(r.read(1));
        yield* asyncio.sleep(0);
        const waiting = String(r);
        r.feedData(enc("x"));
        yield* read;
        return [waiting, String(r)];
      })(),
    );
    expect(out[0]).toMatch(/^<StreamReader waiter=<Future pending[\S ]*>>$/);
    expect(out[1]).toBe("<StreamReader>");
  });

  // CPython's __repr__ shows `exception=RuntimeError()` once set_exception() was called.
  test("test___repr__exception: a reader with an exception shows exception=RuntimeError()", async () => {
    const out = await asyncio.run(
      (function* () {
        const r = new asyncio.StreamReader();
        r.setException(new asyncio.RuntimeError());
        return String(r);
      })(),
    );
    expect(out).toBe("<StreamReader exception=RuntimeError()>");
  });

  // CPython's __repr__ shows `transport=<...>` (the transport's repr) for a reader on a connection.
  test("test___repr__transport: a reader on a connection shows transport=<...>", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(readToEnd, "127.0.0.1", 0);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
        const repr = String(reader);
        writer.close();
        yield* writer.waitClosed();
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return repr;
      })(),
    );
    expect(out).toMatch(/^<StreamReader transport=<StreamTransport [\S ]*>>$/);
  });

  test("a reader paused by flow control on a connection shows its bytes, its limit and paused", async () => {
    const out = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(
          function* (_reader, writer) {
            writer.write(enc("0123456789".repeat(10)));
            yield* writer.drain();
          },
          "127.0.0.1",
          0,
        );
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server), {
          limit: 4,
        });
        yield* reader.readexactly(1);
        yield* asyncio.sleep(0.05);
        const repr = String(reader);
        writer.close();
        yield* writer.waitClosed();
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return repr;
      })(),
    );
    expect(out).toMatch(/^<StreamReader \d+ bytes limit=4 [\S ]*paused>$/);
  });
});

describe("stream errors", () => {
  test("IncompleteReadError and LimitOverrunError keep their attributes, class names and CPython's messages", () => {
    const partial = enc("abc");
    const incomplete = new asyncio.IncompleteReadError(partial, 10);
    const overrun = new asyncio.LimitOverrunError("message", 10);
    expect(incomplete).toBeInstanceOf(asyncio.EOFError);
    expect([
      incomplete.partial,
      incomplete.expected,
      incomplete.message,
      String(incomplete),
    ]).toEqual([
      partial,
      10,
      "3 bytes read on a total of 10 expected bytes",
      "IncompleteReadError: 3 bytes read on a total of 10 expected bytes",
    ]);
    expect([overrun.consumed, overrun.message, String(overrun)]).toEqual([
      10,
      "message",
      "LimitOverrunError: message",
    ]);
  });
});

test("test_wait_closed_race: waitClosed waits while open, then returns once close() and the last client's close() both ran", async () => {
  const out = await asyncio.run(
    (function* () {
      const server = yield* asyncio.startServer(
        function* (reader, writer) {
          try {
            yield* reader.read();
          } finally {
            writer.close();
            // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- a handler's clean-up; a second cancellation would only come at the test's end
            yield* writer.waitClosed();
          }
        },
        "127.0.0.1",
        0,
      );
      const early = asyncio.createTask(server.waitClosed());
      yield* asyncio.sleep(0);
      const doneWhileOpen = early.done();
      const [host, port] = server.sockets[0]!.getsockname() as [string, number];
      const [, writer] = yield* asyncio.openConnection(host, port);
      const loop = asyncio.getRunningLoop();
      loop.callSoon(() => server.close());
      loop.callSoon(() => writer.close());
      yield* server.waitClosed();
      yield* early;
      return [doneWhileOpen, server.isServing()];
    })(),
  );
  expect(out).toEqual([false, false]);
});
