/**
 * loop.sendfile over real sockets: the bytes of a file from an offset, the
 * transport's protocol and reading restored after, flow control kept, and
 * CPython's argument errors.
 */
import { writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { raised, scratchDir } from "./helpers.js";

const dir = scratchDir("asyncio-ts-sendfile-");

const SIZE = 200_000;
const path = join(dir, "data.bin");
writeFileSync(
  path,
  Uint8Array.from({ length: SIZE }, (_, i) => i % 251),
);

/** A server that counts what it receives until EOF; `read` resolves with the bytes. */
function* sink(): asyncio.Coroutine<{
  port: number;
  got: asyncio.Future<Uint8Array>;
  server: asyncio.Server;
}> {
  const got = asyncio.getRunningLoop().createFuture<Uint8Array>();
  const server = yield* asyncio.startServer(
    function* (reader, writer) {
      got.setResult(yield* reader.read());
      writer.close();
    },
    "127.0.0.1",
    0,
  );
  const port = (server.sockets[0]!.getsockname() as [string, number])[1];
  return { port, got, server };
}

class Quiet extends asyncio.Protocol {
  log: string[] = [];
  override dataReceived(data: Uint8Array): void {
    this.log.push(`data ${data.length}`);
  }
}

describe("loop.sendfile", () => {
  test("sends the whole file, or count bytes from offset; the protocol and reading come back", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const file = yield* asyncio.fromPromise(open(path));
        const results: unknown[] = [];
        for (const [offset, count] of [
          [0, undefined],
          [1000, 5000],
          [SIZE - 10, 100],
        ] as const) {
          const { port, got, server } = yield* sink();
          const [transport, protocol] = yield* loop.createConnection(
            () => new Quiet(),
            "127.0.0.1",
            port,
          );
          const sent = yield* loop.sendfile(transport, file, offset, count);
          const same = transport.getProtocol() === protocol && transport.isReading();
          transport.writeEof();
          const data = yield* got;
          const expectedFirst = offset % 251;
          results.push([sent, data.length, data[0] === expectedFirst, same]);
          transport.close();
          server.close();
          yield* server.waitClosed();
        }
        yield* asyncio.fromPromise(file.close());
        return results;
      })(),
    );
    expect(out).toEqual([
      [SIZE, SIZE, true, true],
      [5000, 5000, true, true],
      [10, 10, true, true],
    ]);
  });

  test("keeps to flow control: against a peer that reads late, every byte still arrives", async () => {
    const big = join(dir, "big.bin");
    writeFileSync(big, new Uint8Array(8 * 1024 * 1024).fill(7));
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const file = yield* asyncio.fromPromise(open(big));
        let serverReader!: asyncio.StreamReader;
        const connected = loop.createFuture<void>();
        const server = yield* asyncio.startServer(
          (reader) => {
            serverReader = reader;
            connected.setResult(undefined);
          },
          "127.0.0.1",
          0,
        );
        const port = (server.sockets[0]!.getsockname() as [string, number])[1];
        const [transport] = yield* loop.createConnection(() => new Quiet(), "127.0.0.1", port);
        transport.setWriteBufferLimits(64 * 1024);
        yield* connected;
        const sending = asyncio.createTask(loop.sendfile(transport, file));
        yield* asyncio.sleep(0.2);
        const waitingForReader = !sending.done();
        const received = (yield* serverReader.readexactly(8 * 1024 * 1024)).length;
        const sent = yield* sending;
        yield* asyncio.fromPromise(file.close());
        transport.close();
        server.close();
        server.closeClients();
        yield* server.waitClosed();
        return [waitingForReader, sent, received];
      })(),
    );
    expect(out).toEqual([true, 8 * 1024 * 1024, 8 * 1024 * 1024]);
  });

  test("CPython's errors: bad count and offset, a closing transport, an unsupported transport", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const file = yield* asyncio.fromPromise(open(path));
        const { port, server } = yield* sink();
        const [transport] = yield* loop.createConnection(() => new Quiet(), "127.0.0.1", port);
        const errors: string[] = [];
        const describe = (e: unknown): string =>
          `${(e as Error).constructor.name}: ${(e as Error).message}`;
        errors.push(describe(yield* raised(loop.sendfile(transport, file, 0, 0))));
        errors.push(describe(yield* raised(loop.sendfile(transport, file, 0, 1.5))));
        errors.push(describe(yield* raised(loop.sendfile(transport, file, -1))));
        const { PassThrough } = yield* asyncio.fromPromise(import("node:stream"));
        const [pipe] = yield* loop.connectWritePipe(
          () => new asyncio.Protocol(),
          new PassThrough(),
        );
        const unsupported = describe(yield* raised(loop.sendfile(pipe as asyncio.Transport, file)));
        errors.push(unsupported.replace(/transport <.*>$/, "transport <...>"));
        pipe.close();
        transport.close();
        errors.push(describe(yield* raised(loop.sendfile(transport, file))));
        yield* asyncio.fromPromise(file.close());
        server.close();
        yield* server.waitClosed();
        return errors;
      })(),
    );
    expect(out).toEqual([
      "ValueError: count must be a positive integer (got 0)",
      "TypeError: count must be a positive integer (got 1.5)",
      "ValueError: offset must be a non-negative integer (got -1)",
      "RuntimeError: sendfile is not supported for transport <...>",
      "RuntimeError: Transport is closing",
    ]);
  });
});

test("SendfileNotAvailableError is asyncio's RuntimeError subclass of that name", () => {
  const e = new asyncio.SendfileNotAvailableError("sendfile syscall is not supported");
  expect(e).toBeInstanceOf(asyncio.RuntimeError);
  expect(e.name).toBe("SendfileNotAvailableError");
  expect(String(e)).toBe("SendfileNotAvailableError: sendfile syscall is not supported");
});
