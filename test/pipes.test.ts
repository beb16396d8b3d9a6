/**
 * `loop.connectReadPipe` and `loop.connectWritePipe` over Node PassThrough
 * streams and real pipes to children (real clock; outcomes and orders,
 * never timings). CPython's `_UnixReadPipeTransport` and
 * `_UnixWritePipeTransport` (unix_events.py) are the oracle.
 */
import { spawn } from "node:child_process";
import { PassThrough, Writable } from "node:stream";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { dec, enc } from "./socket-helpers.js";

const name = (exc: Error | undefined): string =>
  exc === undefined ? "None" : exc.constructor.name;

/** Logs every callback; `lost` resolves at connectionLost. */
class Recorder extends asyncio.Protocol {
  readonly log: string[] = [];
  readonly lost = asyncio.getRunningLoop().createFuture<Error | undefined>();
  transport: asyncio.ReadTransport | undefined;
  constructor(private readonly _keepOpen: boolean | undefined = undefined) {
    super();
  }
  override connectionMade(transport: asyncio.Transport): void {
    this.transport = transport;
    this.log.push("connection_made");
  }
  override dataReceived(data: Uint8Array): void {
    this.log.push(`data_received ${dec(data)}`);
  }
  override eofReceived(): boolean | undefined {
    this.log.push("eof_received");
    return this._keepOpen;
  }
  override connectionLost(exc: Error | undefined): void {
    this.log.push(`connection_lost ${name(exc)}`);
    this.lost.setResult(exc);
  }
}

/** What a write pipe's protocol hears. */
class WriteRecorder extends asyncio.BaseProtocol {
  readonly log: string[] = [];
  readonly lost = asyncio.getRunningLoop().createFuture<Error | undefined>();
  resumed: asyncio.Future<void> | undefined;
  override connectionMade(): void {
    this.log.push("connection_made");
  }
  override pauseWriting(): void {
    this.log.push("pause_writing");
  }
  override resumeWriting(): void {
    this.log.push("resume_writing");
    this.resumed?.setResult(undefined);
  }
  override connectionLost(exc: Error | undefined): void {
    this.log.push(`connection_lost ${name(exc)}`);
    this.lost.setResult(exc);
  }
}

/** Everything `stream` delivers until its end. */
function collect(stream: PassThrough): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    stream.on("end", () => resolve(text));
    stream.on("error", reject);
  });
}

describe("connectReadPipe", () => {
  test("connection_made, data_received in order, eof_received, connection_lost; it returns after connection_made", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        pipe.write("one");
        const loop = asyncio.getRunningLoop();
        const [transport, protocol] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        const atReturn = [...protocol.log];
        pipe.write("two");
        pipe.end();
        yield* protocol.lost;
        return [atReturn, protocol.log, transport.getExtraInfo("pipe") === pipe, pipe.destroyed];
      })(),
    );
    expect(out).toEqual([
      ["connection_made"],
      [
        "connection_made",
        "data_received one",
        "data_received two",
        "eof_received",
        "connection_lost None",
      ],
      true,
      true,
    ]);
  });

  test("Node's stream is paused while 64 KiB wait for the protocol, and resumed once they are delivered", async () => {
    /** Notes the first byte of each chunk, and whether Node's stream was paused when the first came. */
    class Firsts extends asyncio.Protocol {
      readonly firsts: number[] = [];
      pausedAtFirst: boolean | undefined;
      constructor(private readonly _pipe: PassThrough) {
        super();
      }
      override dataReceived(data: Uint8Array): void {
        this.pausedAtFirst ??= this._pipe.isPaused();
        this.firsts.push(data[0]!);
      }
    }
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [, protocol] = yield* asyncio
          .getRunningLoop()
          .connectReadPipe(() => new Firsts(pipe), pipe);
        // How many chunks Node had handed on when the transport paused it:
        // counted by events, since how much a paused PassThrough holds on
        // which side changed with Node 22's larger default highWaterMark.
        let emitted = 0;
        let emittedAtPause: number | undefined;
        pipe.prependListener("data", () => emitted++);
        pipe.on("pause", () => {
          emittedAtPause ??= emitted;
        });
        // Six 40 KiB chunks in one host turn: the transport takes two (past
        // 64 KiB) and pauses the stream; the other four wait in Node's stream.
        for (let i = 0; i < 6; i++) pipe.write(Buffer.alloc(40 * 1024, i));
        yield* asyncio.sleep(0.05);
        return [emittedAtPause, protocol.pausedAtFirst, protocol.firsts, pipe.isPaused()];
      })(),
    );
    expect(out).toEqual([2, true, [0, 1, 2, 3, 4, 5], false]);
  });

  test("a read pipe closes at EOF even when eof_received returns true", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectReadPipe(() => new Recorder(true), pipe);
        pipe.end("x");
        yield* protocol.lost;
        return [protocol.log.slice(-2), transport.isClosing(), transport.isReading()];
      })(),
    );
    expect(out).toEqual([["eof_received", "connection_lost None"], true, false]);
  });

  test("pause_reading holds what arrives (EOF included) until resume_reading", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectReadPipe(() => new Recorder(), pipe);
        transport.pauseReading();
        const paused = transport.isReading();
        pipe.end("held");
        // Let the host deliver the chunk and the end; the protocol must not see them.
        yield* asyncio.sleep(0.05);
        const whilePaused = [...protocol.log];
        transport.resumeReading();
        yield* protocol.lost;
        return [paused, whilePaused, protocol.log];
      })(),
    );
    expect(out).toEqual([
      false,
      ["connection_made"],
      ["connection_made", "data_received held", "eof_received", "connection_lost None"],
    ]);
  });

  test("close() stops reading at once: connection_lost(None) and no data after it", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectReadPipe(() => new Recorder(), pipe);
        transport.close();
        pipe.write("late");
        yield* protocol.lost;
        return [protocol.log, transport.isClosing()];
      })(),
    );
    expect(out).toEqual([["connection_made", "connection_lost None"], true]);
  });

  test("a real pipe: everything a child wrote to its stdout, then EOF after it exited", async () => {
    const out = await asyncio.run(
      (function* () {
        const child = spawn(
          process.execPath,
          ["-e", "process.stdout.write('a'.repeat(100000)); process.stdout.write('END')"],
          { stdio: ["ignore", "pipe", "inherit"] },
        );
        let text = "";
        class Collect extends Recorder {
          override dataReceived(data: Uint8Array): void {
            text += dec(data);
          }
        }
        const [, protocol] = yield* asyncio
          .getRunningLoop()
          .connectReadPipe(() => new Collect(), child.stdout!);
        yield* protocol.lost;
        return [text.length, text.endsWith("END"), protocol.log];
      })(),
    );
    expect(out).toEqual([
      100003,
      true,
      ["connection_made", "eof_received", "connection_lost None"],
    ]);
  });
});

/** A child that counts the bytes it reads from stdin and prints the count at EOF. */
function countingChild() {
  const child = spawn(
    process.execPath,
    [
      "-e",
      "let n = 0; process.stdin.on('data', d => n += d.length).on('end', () => process.stdout.write(String(n)))",
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  return { child, counted: collect(child.stdout as PassThrough) };
}

describe("connectWritePipe", () => {
  test("write, then write_eof: the reader gets all of it and its end; connection_lost(None); later writes are dropped", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const read = collect(pipe);
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectWritePipe(() => new WriteRecorder(), pipe);
        transport.write(enc("hello "));
        transport.writelines([enc("pipe")]);
        const canWriteEof = transport.canWriteEof();
        transport.writeEof();
        const closing = transport.isClosing();
        transport.write(enc("dropped"));
        yield* protocol.lost;
        const text = yield* asyncio.fromPromise(read);
        return [canWriteEof, closing, text, protocol.log];
      })(),
    );
    expect(out).toEqual([true, true, "hello pipe", ["connection_made", "connection_lost None"]]);
  });

  test("flow control: pause_writing above the high-water mark, resume_writing once the reader drained it", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const loop = asyncio.getRunningLoop();
        const [transport, protocol] = yield* loop.connectWritePipe(() => new WriteRecorder(), pipe);
        protocol.resumed = loop.createFuture<void>();
        transport.write(new Uint8Array(200_000));
        const buffered = transport.getWriteBufferSize();
        const afterWrite = [...protocol.log];
        pipe.resume();
        yield* protocol.resumed;
        transport.close();
        yield* protocol.lost;
        return [buffered > 64 * 1024, afterWrite, protocol.log];
      })(),
    );
    expect(out).toEqual([
      true,
      ["connection_made", "pause_writing"],
      ["connection_made", "pause_writing", "resume_writing", "connection_lost None"],
    ]);
  });

  test("writelines hands its chunks to the stream in one writev, and pauses only if they are still buffered after it", async () => {
    const out = await asyncio.run(
      (function* () {
        // Takes every write at once, as a socket whose kernel buffer has room.
        const writes: string[][] = [];
        const pipe = new Writable({
          write(chunk: Buffer, _encoding, done) {
            writes.push([chunk.toString()]);
            done();
          },
          writev(chunks, done) {
            writes.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
            done();
          },
        });
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectWritePipe(() => new WriteRecorder(), pipe);
        transport.writelines([enc("a"), enc("bc"), enc("def")]);
        transport.write(enc("g"));
        // Above the high-water mark in all, but all of it goes out at once.
        transport.writelines([new Uint8Array(50_000), new Uint8Array(50_000)]);
        const buffered = transport.getWriteBufferSize();
        transport.close();
        yield* protocol.lost;
        return [writes.slice(0, 2), writes[2]?.length, buffered, protocol.log];
      })(),
    );
    expect(out).toEqual([
      [["a", "bc", "def"], ["g"]],
      2,
      0,
      ["connection_made", "connection_lost None"],
    ]);
  });

  test("abort drops the buffered data: connection_lost(None) and the stream is destroyed", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectWritePipe(() => new WriteRecorder(), pipe);
        transport.write(new Uint8Array(100_000));
        transport.abort();
        yield* protocol.lost;
        return [protocol.log.at(-1), pipe.destroyed];
      })(),
    );
    expect(out).toEqual(["connection_lost None", true]);
  });

  test("the reader vanished with data still buffered: connection_lost(BrokenPipeError)", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [transport, protocol] = yield* asyncio
          .getRunningLoop()
          .connectWritePipe(() => new WriteRecorder(), pipe);
        transport.write(new Uint8Array(100_000));
        const buffered = transport.getWriteBufferSize() > 0;
        pipe.destroy();
        const exc = yield* protocol.lost;
        return [buffered, exc instanceof asyncio.BrokenPipeError, transport.isClosing()];
      })(),
    );
    expect(out).toEqual([true, true, true]);
  });

  test("the reader vanished with nothing buffered: connection_lost(None)", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const [, protocol] = yield* asyncio
          .getRunningLoop()
          .connectWritePipe(() => new WriteRecorder(), pipe);
        pipe.destroy();
        yield* protocol.lost;
        return protocol.log;
      })(),
    );
    expect(out).toEqual(["connection_made", "connection_lost None"]);
  });

  test("a read pipe and a write pipe on one Duplex: what one writes the other reads, and each hears the close", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const loop = asyncio.getRunningLoop();
        const [, reader] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        const [writing, writer] = yield* loop.connectWritePipe(() => new WriteRecorder(), pipe);
        writing.write(enc("ping"));
        while (reader.log.length < 2) yield* asyncio.sleep(0.001);
        pipe.destroy();
        yield* reader.lost;
        yield* writer.lost;
        return [reader.log, writer.log];
      })(),
    );
    expect(out).toEqual([
      ["connection_made", "data_received ping", "connection_lost None"],
      ["connection_made", "connection_lost None"],
    ]);
  });

  // Each transport hears the stream's events once, as with listeners of its own
  // (stream-transport.ts keeps them in one slot of the stream).
  test("two read pipes on one stream each read a chunk once and hear the EOF", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const loop = asyncio.getRunningLoop();
        const [, first] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        const [, second] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        pipe.end(enc("ping"));
        yield* first.lost;
        yield* second.lost;
        return [first.log, second.log];
      })(),
    );
    const log = ["connection_made", "data_received ping", "eof_received", "connection_lost None"];
    expect(out).toEqual([log, log]);
  });

  test("two write pipes on one stream: when one closes it, the other hears the close", async () => {
    const out = await asyncio.run(
      (function* () {
        const pipe = new PassThrough();
        const loop = asyncio.getRunningLoop();
        const [, first] = yield* loop.connectWritePipe(() => new WriteRecorder(), pipe);
        const [closing, closer] = yield* loop.connectWritePipe(() => new WriteRecorder(), pipe);
        closing.close();
        yield* closer.lost;
        yield* first.lost;
        return [first.log, closer.log];
      })(),
    );
    const log = ["connection_made", "connection_lost None"];
    expect(out).toEqual([log, log]);
  });

  test("a stream keeps no transport whose connection was lost (process.stdout outlives many)", async () => {
    /** Whether `stream` refers to `transport` in a property of its own. */
    const holds = (stream: object, transport: object): boolean =>
      Reflect.ownKeys(stream).some((key) => {
        const value: unknown = (stream as Record<PropertyKey, unknown>)[key];
        return value === transport || (Array.isArray(value) && value.includes(transport));
      });
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        // A stream that stays usable however often it is closed, as process.stdout.
        const sink = new Writable({ write: (_chunk, _enc, done) => done() });
        sink._destroy = () => {};
        const seen: boolean[] = [];
        for (let i = 0; i < 3; i++) {
          const [transport, protocol] = yield* loop.connectWritePipe(
            () => new WriteRecorder(),
            sink,
          );
          transport.write(enc("x"));
          transport.close();
          yield* protocol.lost;
          seen.push(holds(sink, transport));
        }
        const pipe = new PassThrough();
        const [reading, reader] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        pipe.end(enc("ping"));
        yield* reader.lost;
        seen.push(holds(pipe, reading));
        return [seen, sink.listenerCount("close"), sink.listenerCount("error")];
      })(),
    );
    expect(out).toEqual([[false, false, false, false], 1, 1]);
  });

  test("process.stdout's destroy lives on: the 'close' it emits after one write pipe ends does not end the next", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const written: string[] = [];
        const stdout = new Writable({
          write: (chunk: Buffer, _enc, done) => {
            written.push(chunk.toString());
            done();
          },
        });
        // Node's destroy of process.stdout (dummyDestroy): the stream is
        // usable again at once, and 'close' follows on the next tick.
        stdout._destroy = function (this: Writable & { _undestroy(): void }, err, done) {
          done(err);
          this._undestroy();
        };
        const logs: string[][] = [];
        for (const text of ["one", "two"]) {
          const [transport, protocol] = yield* loop.connectWritePipe(
            () => new WriteRecorder(),
            stdout,
          );
          yield* asyncio.sleep(0.01);
          transport.write(enc(text));
          logs.push([...protocol.log]);
          transport.abort();
          yield* protocol.lost;
        }
        return [logs, written];
      })(),
    );
    expect(out).toEqual([
      [["connection_made"], ["connection_made"]],
      ["one", "two"],
    ]);
  });

  // CPython refuses a closed file (ValueError from fileno()); a Node stream
  // destroyed after its natural end is not one, so the transport hears the
  // close it missed.
  test("a read pipe and a write pipe on a stream closed before them end at once, not never", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const pipe = new PassThrough();
        const [first, firstReader] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        first.close();
        yield* firstReader.lost;
        // Its 'close' has been emitted: nobody hears it again.
        yield* asyncio.sleep(0.01);
        const [, reader] = yield* loop.connectReadPipe(() => new Recorder(), pipe);
        const [, writer] = yield* loop.connectWritePipe(() => new WriteRecorder(), pipe);
        yield* reader.lost;
        yield* writer.lost;
        return [reader.log, writer.log];
      })(),
    );
    expect(out).toEqual([
      ["connection_made", "connection_lost None"],
      ["connection_made", "connection_lost None"],
    ]);
  });

  // With the limits raised, the one write goes without the transport's write
  // callback and close() must watch it (stream-writing.ts, _watchWrites).
  test.each([
    ["the default limits", undefined, 300_000],
    ["limits raised, one write still in Node's buffer at close", 1 << 30, 4_000_000],
  ])(
    "a real pipe, %s: a child reads what was written and sees EOF at close",
    async (_, high, size) => {
      const out = await asyncio.run(
        (function* () {
          const { child, counted } = countingChild();
          const [transport, protocol] = yield* asyncio
            .getRunningLoop()
            .connectWritePipe(() => new WriteRecorder(), child.stdin!);
          transport.setWriteBufferLimits(high);
          transport.write(new Uint8Array(size));
          transport.close();
          yield* protocol.lost;
          return [yield* asyncio.fromPromise(counted), protocol.log.at(-1)];
        })(),
      );
      expect(out).toEqual([String(size), "connection_lost None"]);
    },
  );

  test("write() takes bytes only (CPython's TypeError)", async () => {
    const out = await asyncio.run(
      (function* () {
        const [transport] = yield* asyncio
          .getRunningLoop()
          .connectWritePipe(() => new WriteRecorder(), new PassThrough());
        try {
          transport.write("text" as unknown as Uint8Array);
        } catch (e) {
          return (e as Error).message;
        } finally {
          transport.abort();
        }
        return undefined;
      })(),
    );
    expect(out).toBe("data argument must be a bytes-like object, not 'str'");
  });
});
