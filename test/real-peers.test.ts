/**
 * asyncio-ts clients against real peers, as users run them: redis-server
 * speaking RESP, CPython 3.13's asyncio servers and http.server
 * (test/fixtures/real-peers/peer.py), Node's own http server. Bytes are
 * compared whole (hashes), callback orders against what CPython 3.13 prints
 * for the same client and peer (noted beside each), errors by class. The
 * clocks are real because sockets are: outcomes and orders only, never
 * durations. Client connections read through Node's onread (direct-reads.ts)
 * and write without Node's write callback when nothing is buffered
 * (stream-writing.ts): both are what these scenarios exercise.
 *
 * Needs a python3 (CPython 3.13 through pyenv where present, else the
 * system's, 3.11 or newer) and redis-server; each describe says why it is
 * skipped when one is missing.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as asyncio from "asyncio-ts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RedisServer, redisServerPath } from "./distributed/redis-server.js";
import { scratchDir } from "./helpers.js";
import { enc } from "./socket-helpers.js";

const TIMEOUT = 15_000;

/** peer.py's bodies: the first `n` bytes of shake_256("asyncio-ts"). */
const body = (n: number): Buffer =>
  createHash("shake256", { outputLength: n }).update("asyncio-ts").digest();
const sha = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * The CPython that runs peer.py: pyenv's 3.13 where it is installed (the
 * oracle the orders were checked against), else the system's python3 of
 * 3.11 or newer (Debian's, which .ci/run installs): the peers use nothing
 * newer. A string says why none can be run.
 */
function findPython(): { env: NodeJS.ProcessEnv } | string {
  const versionOf = (env: NodeJS.ProcessEnv): [number, number] | undefined => {
    const run = spawnSync("python3", ["-c", "import sys; print(*sys.version_info[:2])"], {
      env,
      encoding: "utf8",
    });
    if (run.error !== undefined || run.status !== 0) return undefined;
    const [major, minor] = run.stdout.trim().split(" ").map(Number);
    return [major!, minor!];
  };
  const pinned = { ...process.env, PYENV_VERSION: "3.13.0" };
  if (versionOf(pinned)?.join(".") === "3.13") return { env: pinned };
  const system = versionOf(process.env);
  if (system !== undefined && system[0] === 3 && system[1] >= 11) return { env: process.env };
  return `no python3 of 3.11 or newer (${system === undefined ? "none runs" : system.join(".")})`;
}

/** Why redis-server cannot be run here, or undefined when it can. */
function redisMissing(): string | undefined {
  try {
    redisServerPath();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const python = findPython();
const skipPython = typeof python === "string" ? python : undefined;
const skipRedis = redisMissing();
const title = (what: string, skip: string | undefined): string =>
  skip === undefined ? what : `${what} (skipped: ${skip})`;

/** peer.py, started once: its ports, its Unix socket and the lines it reports. */
class PythonPeer {
  private readonly lines: string[] = [];
  private readonly waiting: Array<() => void> = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly unixPath: string,
  ) {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      this.lines.push(line);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  tcpPort = 0;
  httpPort = 0;

  static async start(dir: string): Promise<PythonPeer> {
    const unixPath = join(dir, "peer.sock");
    const child = spawn(
      "python3",
      [new URL("./fixtures/real-peers/peer.py", import.meta.url).pathname, unixPath],
      { env: (python as { env: NodeJS.ProcessEnv }).env, stdio: ["pipe", "pipe", "inherit"] },
    );
    const peer = new PythonPeer(child, unixPath);
    const [, tcp, http] = (await peer.line("ready")).split(" ");
    peer.tcpPort = Number(tcp);
    peer.httpPort = Number(http);
    return peer;
  }

  /** The first reported line starting with `prefix` (taken, so the next call waits for another). */
  async line(prefix: string): Promise<string> {
    for (;;) {
      const at = this.lines.findIndex((l) => l.startsWith(prefix));
      if (at >= 0) return this.lines.splice(at, 1)[0]!;
      if (this.child.exitCode !== null) throw new Error(`peer.py exited (${this.child.exitCode})`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin!.end();
    await exited;
  }
}

/** Awaits a Promise from a coroutine. */
const wait = <T>(promise: Promise<T>): asyncio.Future<T> => asyncio.fromPromise(promise);

/** What `aw` raised, by class name ("none" when it returned). */
function* outcome(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<string> {
  try {
    yield* aw;
    return "none";
  } catch (e) {
    if (e instanceof asyncio.CancelledError) throw e;
    return (e as Error).constructor.name;
  }
}

// --- Redis --------------------------------------------------------------------

/** One RESP command. */
function command(...args: Array<string | Uint8Array>): Buffer {
  const parts: Uint8Array[] = [enc(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === "string" ? enc(arg) : arg;
    parts.push(enc(`$${bytes.length}\r\n`), bytes, enc("\r\n"));
  }
  return Buffer.concat(parts);
}

type Reply = string | number | Buffer | null | Error | Reply[];

/** One RESP reply, read with readuntil and readexactly. */
function* reply(reader: asyncio.StreamReader): asyncio.Coroutine<Reply> {
  const line = Buffer.from(yield* reader.readuntil(enc("\r\n")))
    .subarray(0, -2)
    .toString();
  const rest = line.slice(1);
  switch (line[0]) {
    case "+":
      return rest;
    case "-":
      return new Error(rest);
    case ":":
      return Number(rest);
    case "$": {
      if (Number(rest) < 0) return null;
      const data = yield* reader.readexactly(Number(rest) + 2);
      return Buffer.from(data.subarray(0, -2));
    }
    case "*": {
      const items: Reply[] = [];
      for (let i = 0; i < Number(rest); i++) items.push(yield* reply(reader));
      return items;
    }
    default:
      throw new Error(`not RESP: ${line}`);
  }
}

describe.skipIf(skipRedis !== undefined)(
  title("a RESP client against redis-server", skipRedis),
  () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await RedisServer.start();
    }, TIMEOUT);
    afterAll(async () => {
      await redis?.stop();
    });

    function* connect(): asyncio.Coroutine<[asyncio.StreamReader, asyncio.StreamWriter]> {
      return yield* asyncio.openConnection("127.0.0.1", redis.port);
    }

    test("1,000 pipelined SET/GET pairs: every reply, in order", async () => {
      const bad = await asyncio.run(
        (function* () {
          const [reader, writer] = yield* connect();
          const commands: Buffer[] = [];
          for (let i = 0; i < 1000; i++) {
            commands.push(command("SET", `k${i}`, `v${i}`), command("GET", `k${i}`));
          }
          writer.write(Buffer.concat(commands));
          let wrong = 0;
          for (let i = 0; i < 1000; i++) {
            if ((yield* reply(reader)) !== "OK") wrong++;
            if (String(yield* reply(reader)) !== `v${i}`) wrong++;
          }
          writer.close();
          yield* writer.waitClosed();
          return wrong;
        })(),
      );
      expect(bad).toBe(0);
    });

    test("values of 1, 3 and 8 MiB, each read twice from pipelined GETs: byte for byte", async () => {
      const out = await asyncio.run(
        (function* () {
          const [reader, writer] = yield* connect();
          const results: boolean[] = [];
          for (const mib of [1, 3, 8]) {
            const value = body(mib * 1024 * 1024 + 7);
            writer.write(command("SET", "big", value));
            yield* writer.drain();
            expect(yield* reply(reader)).toBe("OK");
            writer.write(command("GET", "big"));
            writer.write(command("GET", "big"));
            for (let i = 0; i < 2; i++)
              results.push(sha((yield* reply(reader)) as Buffer) === sha(value));
          }
          writer.close();
          yield* writer.waitClosed();
          return results;
        })(),
      );
      expect(out).toEqual([true, true, true, true, true, true]);
    });

    test("a SUBSCRIBE stream gets every message in order; CLIENT KILL ends it with IncompleteReadError, then EOF (as CPython's client)", async () => {
      const out = await asyncio.run(
        (function* () {
          const [reader, writer] = yield* connect();
          const [other, otherWriter] = yield* connect();
          writer.write(command("SUBSCRIBE", "ch"));
          const subscribed = (yield* reply(reader)) as Buffer[];
          const message = (i: number): string => `m${i}${"x".repeat(i * 100)}`;
          const publisher = asyncio.createTask(
            (function* () {
              for (let i = 0; i < 300; i++) {
                otherWriter.write(command("PUBLISH", "ch", message(i)));
                yield* reply(other);
              }
              otherWriter.write(command("CLIENT", "KILL", "TYPE", "pubsub"));
              return yield* reply(other);
            })(),
          );
          let received = 0;
          let wrong = 0;
          let ended: unknown;
          try {
            for (;;) {
              const [, , data] = (yield* reply(reader)) as Buffer[];
              if (String(data) !== message(received)) wrong++;
              received++;
            }
          } catch (e) {
            if (e instanceof asyncio.CancelledError) throw e;
            ended = e;
          }
          const killed = yield* publisher;
          const rest = yield* reader.read();
          otherWriter.close();
          writer.close();
          yield* otherWriter.waitClosed();
          yield* writer.waitClosed();
          return { subscribed: subscribed.map(String), received, wrong, ended, killed, rest };
        })(),
      );
      expect(out.subscribed).toEqual(["subscribe", "ch", "1"]);
      expect(out.received).toBe(300);
      expect(out.wrong).toBe(0);
      expect(out.ended).toBeInstanceOf(asyncio.IncompleteReadError);
      expect((out.ended as asyncio.IncompleteReadError).partial.length).toBe(0);
      expect(out.killed).toBe(1);
      expect(out.rest.length).toBe(0);
    });

    // Last: the server is gone after it.
    test("SHUTDOWN NOSAVE while a client reads 40 MiB of replies: a prefix of them, byte for byte, then EOF (as CPython's client)", async () => {
      const out = await asyncio.run(
        (function* () {
          const [reader, writer] = yield* connect();
          const [other, otherWriter] = yield* connect();
          const value = body(4 * 1024 * 1024);
          writer.write(command("SET", "big", value));
          expect(yield* reply(reader)).toBe("OK");
          for (let i = 0; i < 10; i++) writer.write(command("GET", "big"));
          const head = yield* reader.readexactly(100_000);
          otherWriter.write(command("SHUTDOWN", "NOSAVE"));
          const chunks: Uint8Array[] = [head];
          for (;;) {
            const chunk = yield* reader.read(65536);
            if (chunk.length === 0) break;
            chunks.push(chunk);
          }
          const otherRest = yield* other.read();
          writer.close();
          otherWriter.close();
          yield* writer.waitClosed();
          yield* otherWriter.waitClosed();
          const got = Buffer.concat(chunks);
          const one = Buffer.concat([enc(`$${value.length}\r\n`), value, enc("\r\n")]);
          const all = Buffer.concat(Array.from({ length: 10 }, () => one));
          return {
            got: got.length,
            total: all.length,
            prefix: got.equals(all.subarray(0, got.length)),
            otherRest,
          };
        })(),
      );
      expect(out.got).toBeGreaterThanOrEqual(100_000);
      expect(out.got).toBeLessThan(out.total);
      expect(out.prefix).toBe(true);
      expect(out.otherRest.length).toBe(0);
    });
  },
  TIMEOUT,
);

// --- HTTP/1.1 over openConnection ------------------------------------------------

/** The status line and headers (lower-case names). */
function* responseHead(
  reader: asyncio.StreamReader,
): asyncio.Coroutine<{ status: string; headers: Record<string, string> }> {
  const status = Buffer.from(yield* reader.readuntil(enc("\r\n")))
    .toString()
    .trim();
  const headers: Record<string, string> = {};
  for (;;) {
    const line = Buffer.from(yield* reader.readuntil(enc("\r\n"))).toString();
    if (line === "\r\n") return { status, headers };
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
}

/** A body by Content-Length, by chunks, or to EOF. */
function* responseBody(
  reader: asyncio.StreamReader,
  headers: Record<string, string>,
): asyncio.Coroutine<Buffer> {
  if (headers["content-length"] !== undefined) {
    return Buffer.from(yield* reader.readexactly(Number(headers["content-length"])));
  }
  if (headers["transfer-encoding"] === "chunked") {
    const parts: Uint8Array[] = [];
    for (;;) {
      const size = Number.parseInt(
        Buffer.from(yield* reader.readuntil(enc("\r\n"))).toString(),
        16,
      );
      const chunk = yield* reader.readexactly(size + 2);
      if (size === 0) return Buffer.concat(parts);
      parts.push(chunk.subarray(0, size));
    }
  }
  return Buffer.from(yield* reader.read(-1));
}

/**
 * What the HTTP tests do against a server of /len, /chunked and /close:
 * keep-alive GETs of sizes around 64 KiB, 20 pipelined GETs, and a
 * `Connection: close` response read to EOF.
 */
function* httpSession(port: number) {
  const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
  const get = (path: string): void =>
    writer.write(enc(`GET ${path} HTTP/1.1\r\nHost: peer\r\n\r\n`));
  const wrong: string[] = [];
  for (const path of ["/len", "/chunked"]) {
    for (const n of [0, 1, 65535, 65536, 65537, 1 << 20]) {
      get(`${path}?${n}`);
      const { headers } = yield* responseHead(reader);
      if (!(yield* responseBody(reader, headers)).equals(body(n))) wrong.push(`${path}?${n}`);
    }
  }
  for (let i = 0; i < 20; i++) get(`/len?${i * 5000}`);
  for (let i = 0; i < 20; i++) {
    const { headers } = yield* responseHead(reader);
    if (!(yield* responseBody(reader, headers)).equals(body(i * 5000)))
      wrong.push(`pipelined ${i}`);
  }
  get(`/close?${3 << 20}`);
  const { status } = yield* responseHead(reader);
  const toEof = Buffer.from(yield* reader.read(-1));
  const atEof = reader.atEof();
  const afterEof = (yield* reader.read(-1)).length + (yield* reader.read(10)).length;
  const readexactly = yield* outcome(reader.readexactly(1));
  writer.close();
  yield* writer.waitClosed();
  return { wrong, status, toEof: toEof.equals(body(3 << 20)), atEof, afterEof, readexactly };
}

const HTTP_SESSION = {
  wrong: [],
  status: "HTTP/1.1 200 OK",
  toEof: true,
  atEof: true,
  afterEof: 0,
  readexactly: "IncompleteReadError",
};

describe("an HTTP/1.1 client over openConnection", () => {
  test(
    "against Node's http server: Content-Length, chunked, pipelined and read-to-EOF bodies, byte for byte",
    async () => {
      const server: HttpServer = createHttpServer((request, response) => {
        const [path, query] = request.url!.split("?");
        const data = body(Number(query ?? 0));
        if (path === "/close") {
          // Written whole, with Content-Length (Node would frame writes in chunks), and the connection closed.
          response.setHeader("Connection", "close");
          response.end(data);
          return;
        }
        if (path === "/len") response.setHeader("Content-Length", data.length);
        // /chunked: Node sends a chunk per write.
        for (let i = 0; i < data.length; i += 10000) response.write(data.subarray(i, i + 10000));
        response.end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const port = (server.address() as { port: number }).port;
        expect(await asyncio.run(httpSession(port))).toEqual(HTTP_SESSION);
      } finally {
        server.close();
      }
    },
    TIMEOUT,
  );
});

// --- CPython 3.13's asyncio servers and http.server --------------------------

describe.skipIf(skipPython !== undefined)(
  title("against CPython 3.13 peers", skipPython),
  () => {
    let peer: PythonPeer;
    const dir = skipPython === undefined ? scratchDir("asyncio-ts-real-peers-") : "";
    beforeAll(async () => {
      peer = await PythonPeer.start(dir);
    }, TIMEOUT);
    afterAll(async () => {
      await peer?.stop();
    });

    /** A protocol's connection to the asyncio server. */
    function* connectTo<P extends asyncio.Protocol | asyncio.BufferedProtocol>(make: () => P) {
      return yield* asyncio.getRunningLoop().createConnection(make, "127.0.0.1", peer.tcpPort);
    }

    /** A stream connection that has asked for `mode`. */
    function* open(mode: string, unix = false) {
      const [reader, writer] = unix
        ? yield* asyncio.openUnixConnection(peer.unixPath)
        : yield* asyncio.openConnection("127.0.0.1", peer.tcpPort);
      writer.write(enc(`${mode}\n`));
      return { reader, writer };
    }

    test("http.server: the same HTTP/1.1 session, byte for byte", async () => {
      expect(await asyncio.run(httpSession(peer.httpPort))).toEqual(HTTP_SESSION);
    });

    /** Records callbacks; pauses reading every `every`-th delivery for a moment. */
    class Pausing extends asyncio.Protocol {
      readonly events: string[] = [];
      readonly chunks: Buffer[] = [];
      readonly lost = asyncio.getRunningLoop().createFuture<Error | undefined>();
      transport!: asyncio.Transport;
      paused = false;
      whilePaused = 0;
      pauses = 0;
      constructor(
        private readonly request: string,
        private readonly every: number,
      ) {
        super();
      }
      override connectionMade(transport: asyncio.Transport): void {
        this.transport = transport;
        this.events.push("made");
        transport.write(enc(`${this.request}\n`));
      }
      override dataReceived(data: Uint8Array): void {
        this.received(Buffer.from(data));
      }
      received(data: Buffer): void {
        if (this.paused) this.whilePaused++;
        if (this.events.at(-1) !== "data") this.events.push("data");
        this.chunks.push(data);
        if (this.chunks.length % this.every === 0) {
          this.paused = true;
          this.pauses++;
          this.transport.pauseReading();
          asyncio.getRunningLoop().callLater(0.001, () => {
            this.paused = false;
            this.transport.resumeReading();
          });
        }
      }
      override eofReceived(): boolean | undefined {
        this.events.push(this.paused ? "eof while paused" : "eof");
        return undefined;
      }
      override connectionLost(exc: Error | undefined): void {
        this.events.push(`lost:${exc?.name}`);
        this.lost.setResult(exc);
      }
    }

    const SIX_MIB = 6 << 20;

    test("a Protocol pausing in dataReceived gets 6 MiB byte for byte, nothing while paused: made, data, eof, lost (as CPython's)", async () => {
      const out = await asyncio.run(
        (function* () {
          const [, protocol] = yield* connectTo(() => new Pausing(`send ${SIX_MIB}`, 3));
          yield* protocol.lost;
          return protocol;
        })(),
      );
      expect(out.events).toEqual(["made", "data", "eof", "lost:undefined"]);
      expect(out.whilePaused).toBe(0);
      expect(out.pauses).toBeGreaterThan(0);
      expect(sha(Buffer.concat(out.chunks))).toBe(sha(body(SIX_MIB)));
    });

    test("a BufferedProtocol with a 3,000-byte buffer, pausing in bufferUpdated, gets 6 MiB byte for byte", async () => {
      class PausingBuffered extends asyncio.BufferedProtocol {
        readonly inner = new Pausing(`send ${SIX_MIB}`, 50);
        readonly buffer = Buffer.alloc(3000);
        override connectionMade(transport: asyncio.Transport): void {
          this.inner.connectionMade(transport);
        }
        override getBuffer(): Uint8Array {
          return this.buffer;
        }
        override bufferUpdated(n: number): void {
          this.inner.received(Buffer.from(this.buffer.subarray(0, n)));
        }
        override eofReceived(): boolean | undefined {
          return this.inner.eofReceived();
        }
        override connectionLost(exc: Error | undefined): void {
          this.inner.connectionLost(exc);
        }
      }
      const out = await asyncio.run(
        (function* () {
          const [, protocol] = yield* connectTo(() => new PausingBuffered());
          yield* protocol.inner.lost;
          return protocol.inner;
        })(),
      );
      expect(out.events).toEqual(["made", "data", "eof", "lost:undefined"]);
      expect(out.whilePaused).toBe(0);
      expect(sha(Buffer.concat(out.chunks))).toBe(sha(body(SIX_MIB)));
    });

    test("half-close: the client writes 3 MiB and EOF; the server's answer, then its EOF", async () => {
      const out = await asyncio.run(
        (function* () {
          const { reader, writer } = yield* open("readall");
          const data = body(3 << 20);
          writer.write(data);
          writer.writeEof();
          const answer = Buffer.from(yield* reader.readline()).toString();
          const rest = yield* reader.read();
          writer.close();
          yield* writer.waitClosed();
          return { answer, want: `${data.length} ${sha(data)}\n`, rest: rest.length };
        })(),
      );
      expect(out.answer).toBe(out.want);
      expect(out.rest).toBe(0);
      expect(await peer.line("readall")).toBe(`readall ${out.want.trim()}`);
    });

    test("half-close: the server's 1 MiB and EOF, kept open, the client answers 3 MiB and EOF: made, data, eof, then lost at close (as CPython's)", async () => {
      class Answers extends asyncio.Protocol {
        readonly events: string[] = [];
        readonly lost = asyncio.getRunningLoop().createFuture<void>();
        readonly eof = asyncio.getRunningLoop().createFuture<void>();
        transport!: asyncio.Transport;
        bytes = 0;
        override connectionMade(transport: asyncio.Transport): void {
          this.transport = transport;
          this.events.push("made");
          transport.write(enc(`sendeof ${1 << 20}\n`));
        }
        override dataReceived(data: Uint8Array): void {
          if (this.events.at(-1) !== "data") this.events.push("data");
          this.bytes += data.length;
        }
        override eofReceived(): boolean {
          this.events.push(`eof:${this.bytes}`);
          this.transport.write(body(3 << 20));
          this.transport.writeEof();
          this.eof.setResult();
          return true;
        }
        override connectionLost(exc: Error | undefined): void {
          this.events.push(`lost:${exc?.name}`);
          this.lost.setResult();
        }
      }
      const out = await asyncio.run(
        (function* () {
          const [transport, protocol] = yield* connectTo(() => new Answers());
          yield* protocol.eof;
          const report = yield* wait(peer.line("sendeof"));
          const open = !transport.isClosing();
          transport.close();
          yield* protocol.lost;
          return { events: protocol.events, report, open };
        })(),
      );
      expect(out.events).toEqual(["made", "data", `eof:${1 << 20}`, "lost:undefined"]);
      expect(out.report).toBe(`sendeof ${3 << 20} ${sha(body(3 << 20))}`);
      expect(out.open).toBe(true);
    });

    test("16 MiB in chunks of random sizes to a reader that stops and starts: pauseWriting and resumeWriting alternate, each resume at the low-water mark, nothing lost", async () => {
      const TOTAL = 16 << 20;
      class Pump extends asyncio.Protocol {
        readonly events: string[] = [];
        readonly wrong: string[] = [];
        readonly done = asyncio.getRunningLoop().createFuture<void>();
        readonly hash = createHash("sha256");
        transport!: asyncio.Transport;
        sent = 0;
        paused = false;
        answer = "";
        seed = 7;
        override connectionMade(transport: asyncio.Transport): void {
          this.transport = transport;
          transport.write(enc(`bursty ${TOTAL}\n`));
          this.pump();
        }
        pump(): void {
          while (!this.paused && this.sent < TOTAL) {
            // Most chunks at most high - low bytes (written without Node's callback on an empty buffer), some larger.
            this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
            const n = Math.min(TOTAL - this.sent, 1 + (this.seed % 70_000));
            const chunk = Buffer.alloc(n, this.sent & 255);
            this.hash.update(chunk);
            this.sent += n;
            this.transport.write(chunk);
          }
          if (this.sent === TOTAL && !this.events.includes("writeEof")) {
            this.events.push("writeEof");
            this.transport.writeEof();
          }
        }
        override pauseWriting(): void {
          if (this.paused) this.wrong.push("paused twice");
          this.paused = true;
          this.events.push("pause");
        }
        override resumeWriting(): void {
          if (!this.paused) this.wrong.push("resumed unpaused");
          const size = this.transport.getWriteBufferSize();
          if (size > this.transport.getWriteBufferLimits()[0])
            this.wrong.push(`resumed at ${size}`);
          this.paused = false;
          this.events.push("resume");
          this.pump();
        }
        override dataReceived(data: Uint8Array): void {
          this.answer += Buffer.from(data).toString();
        }
        override connectionLost(): void {
          this.done.setResult();
        }
      }
      const out = await asyncio.run(
        (function* () {
          const [, protocol] = yield* connectTo(() => new Pump());
          yield* protocol.done;
          return protocol;
        })(),
      );
      expect(out.wrong).toEqual([]);
      expect(out.events.filter((e) => e === "pause").length).toBeGreaterThan(0);
      const pairs = out.events.filter((e) => e !== "writeEof").join(",");
      expect(pairs).toMatch(/^(pause,resume,?)+$/);
      expect(out.answer).toBe(`${TOTAL} ${out.hash.digest("hex")}\n`);
    });

    test("writes with drain() every third, a last 16 MiB, then close() with most of it buffered: waitClosed() returns once the reader has every byte", async () => {
      const out = await asyncio.run(
        (function* () {
          const { writer } = yield* open("readall");
          const hash = createHash("sha256");
          let sent = 0;
          for (let i = 1; sent < 6 << 20; i++) {
            const chunk = Buffer.alloc(1000 + ((i * 7919) % 200_000), i & 255);
            hash.update(chunk);
            sent += chunk.length;
            writer.write(chunk);
            if (i % 3 === 0) yield* writer.drain();
          }
          // More than one send() takes: the rest waits in Node's buffer.
          const last = body(16 << 20);
          hash.update(last);
          sent += last.length;
          writer.write(last);
          const buffered = writer.transport.getWriteBufferSize();
          writer.close();
          yield* writer.waitClosed();
          return { buffered, want: `readall ${sent} ${hash.digest("hex")}` };
        })(),
      );
      expect(out.buffered).toBeGreaterThan(0);
      expect(await peer.line("readall")).toBe(out.want);
    });

    test("the peer resets after 3 MiB: reading ends in ConnectionResetError after a prefix of the data, and so do drain() and waitClosed() (as CPython's)", async () => {
      const out = await asyncio.run(
        (function* () {
          const { reader, writer } = yield* open(`reset ${3 << 20}`);
          const chunks: Uint8Array[] = [];
          let ended = "EOF";
          try {
            for (;;) {
              const chunk = yield* reader.read(65536);
              if (chunk.length === 0) break;
              chunks.push(chunk);
            }
          } catch (e) {
            if (e instanceof asyncio.CancelledError) throw e;
            ended = (e as Error).constructor.name;
          }
          writer.write(enc("x"));
          const drain = yield* outcome(writer.drain());
          writer.close();
          const closed = yield* outcome(writer.waitClosed());
          const got = Buffer.concat(chunks);
          return {
            ended,
            drain,
            closed,
            prefix: got.equals(body(3 << 20).subarray(0, got.length)),
          };
        })(),
      );
      expect(out).toEqual({
        ended: "ConnectionResetError",
        drain: "ConnectionResetError",
        closed: "ConnectionResetError",
        prefix: true,
      });
    });

    test("the peer resets while the client writes: drain() raises a ConnectionError, and so do read() and waitClosed()", async () => {
      const out = await asyncio.run(
        (function* () {
          const { reader, writer } = yield* open("rstread 100000");
          let drain = "none";
          for (let i = 0; i < 2000 && drain === "none"; i++) {
            writer.write(new Uint8Array(65536));
            drain = yield* outcome(writer.drain());
          }
          const read = yield* outcome(reader.read());
          writer.close();
          const closed = yield* outcome(writer.waitClosed());
          return { drain, read, closed };
        })(),
      );
      // CPython 3.13: ConnectionResetError for all three.
      for (const name of [out.drain, out.read, out.closed]) {
        expect(["ConnectionResetError", "BrokenPipeError"]).toContain(name);
      }
    });

    test("close() with most of an 8 MiB write buffered, then the peer resets: waitClosed() raises ConnectionResetError (as CPython's)", async () => {
      const out = await asyncio.run(
        (function* () {
          const { writer } = yield* open("rstread 100000");
          // One write: the peer, reading as it comes, cannot have reset before it returns.
          writer.write(body(8 << 20));
          const buffered = writer.transport.getWriteBufferSize();
          writer.close();
          return { buffered, closed: yield* outcome(writer.waitClosed()) };
        })(),
      );
      expect(out.buffered).toBeGreaterThan(0);
      expect(out.closed).toBe("ConnectionResetError");
    });

    /** `count` clients at once, each echoing `size` + its index bytes; how many got theirs back whole. */
    function* echoes(count: number, size: number, unix: boolean): asyncio.Coroutine<number> {
      function* client(i: number): asyncio.Coroutine<boolean> {
        const { reader, writer } = yield* open("echo", unix);
        const data = body(size + i);
        const back = asyncio.createTask(reader.readexactly(data.length));
        for (let at = 0; at < data.length; at += 30_000) {
          writer.write(data.subarray(at, at + 30_000));
          yield* writer.drain();
        }
        writer.writeEof();
        const echoed = yield* back;
        const rest = yield* reader.read();
        writer.close();
        yield* writer.waitClosed();
        return Buffer.from(echoed).equals(data) && rest.length === 0 && reader.atEof();
      }
      const results = yield* asyncio.gather.from(
        Array.from({ length: count }, (_, i) => client(i)),
      );
      return results.filter(Boolean).length;
    }

    test("300 clients at once against one asyncio server: each gets its own bytes back, then EOF", async () => {
      expect(await asyncio.run(echoes(300, 20_000, false))).toBe(300);
    });

    test("Unix-socket clients: 50 at once echo 200 KB each, byte for byte", async () => {
      expect(await asyncio.run(echoes(50, 200_000, true))).toBe(50);
    });

    test("a Unix-socket Protocol pausing in dataReceived: 6 MiB byte for byte; made, data, eof, lost", async () => {
      const out = await asyncio.run(
        (function* () {
          const loop = asyncio.getRunningLoop();
          const [transport, protocol] = yield* loop.createUnixConnection(
            () => new Pausing(`send ${SIX_MIB}`, 3),
            peer.unixPath,
          );
          const peername = transport.getExtraInfo("peername");
          yield* protocol.lost;
          return { protocol, peername };
        })(),
      );
      expect(out.peername).toBe(peer.unixPath);
      expect(out.protocol.events).toEqual(["made", "data", "eof", "lost:undefined"]);
      expect(sha(Buffer.concat(out.protocol.chunks))).toBe(sha(body(SIX_MIB)));
    });

    /**
     * Asks for `closeunread N` and answers the peer's "g" with a byte it will
     * not read; the peer then sends N bytes and closes, which resets the
     * connection (Linux, for Unix sockets as for TCP) right behind the bytes,
     * so they and the reset come in together. The callbacks a Protocol saw
     * and the bytes after "g", then what read(), drain() and waitClosed() of
     * a stream connection raised.
     */
    function* closedUnread(unix: boolean) {
      const N = 1000;
      const loop = asyncio.getRunningLoop();
      const events: string[] = [];
      const lost = loop.createFuture<void>();
      const chunks: Buffer[] = [];
      class Client extends asyncio.Protocol {
        transport!: asyncio.Transport;
        override connectionMade(transport: asyncio.Transport): void {
          this.transport = transport;
          events.push("made");
          transport.write(enc(`closeunread ${N}\n`));
        }
        override dataReceived(data: Uint8Array): void {
          if (events.at(-1) !== "data") events.push("data");
          if (chunks.length === 0) this.transport.write(enc("x"));
          chunks.push(Buffer.from(data));
        }
        override eofReceived(): boolean | undefined {
          events.push("eof");
          return undefined;
        }
        override connectionLost(exc: Error | undefined): void {
          events.push(`lost:${exc?.name}`);
          lost.setResult();
        }
      }
      if (unix) yield* loop.createUnixConnection(() => new Client(), peer.unixPath);
      else yield* connectTo(() => new Client());
      yield* lost;
      const { reader, writer } = yield* open(`closeunread ${N}`, unix);
      const go = yield* reader.readexactly(1);
      writer.write(enc("x"));
      const data = yield* reader.readexactly(N);
      const streams = [yield* outcome(reader.read()), yield* outcome(writer.drain())];
      writer.close();
      streams.push(yield* outcome(writer.waitClosed()));
      const received = Buffer.concat(chunks);
      return {
        events,
        protocolGot: received.equals(Buffer.concat([enc("g"), body(N)])),
        streamsGot: Buffer.concat([go, data]).equals(received),
        streams,
      };
    }

    test("a peer that closes with bytes of ours unread resets the connection, over TCP and Unix sockets alike: data, then ConnectionResetError for connectionLost, read(), drain() and waitClosed(), no EOF (as CPython's on Linux)", async () => {
      for (const unix of [false, true]) {
        const out = await asyncio.run(closedUnread(unix));
        expect({ unix, ...out }).toEqual({
          unix,
          events: ["made", "data", "lost:ConnectionResetError"],
          protocolGot: true,
          streamsGot: true,
          streams: ["ConnectionResetError", "ConnectionResetError", "ConnectionResetError"],
        });
      }
    });
  },
  TIMEOUT,
);
