/**
 * Faults on the Node side: a peer that fails a handshake or leaves, a child
 * that cannot start or is killed, a connection that fails, a program that
 * must end by itself. Each test pins what CPython 3.13 does for the same
 * fault: the error's class, no Task left waiting where CPython wakes it,
 * nothing kept open that CPython releases (counted in /proc/self/fd where
 * it matters). Sockets and processes run on the real clock; the tests assert
 * outcomes, never durations.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import {
  collectGarbageUntil,
  NOTHING,
  nodeProgramOutput,
  raisedBy,
  raisedOrNothing,
  runVirtual,
  scratchDir,
} from "./helpers.js";
import { enc, fdsLeftBy, portOf, readOutcome } from "./socket-helpers.js";
import { clientSSL, serverSSL } from "./tls-fixtures.js";

/**
 * Connects in plain text to a server running `handler`, starts a read to EOF,
 * then upgrades with `startTls` (a client with no CA when `trusting` is
 * false); returns what startTls raised, what the read ended with, and what
 * waitClosed raised after close().
 */
function* failedStartTls(
  handler: (r: asyncio.StreamReader, w: asyncio.StreamWriter) => asyncio.Coroutine<void>,
  serverOptions: { ssl?: asyncio.ServerSSL },
  trusting: boolean,
): asyncio.Coroutine<[unknown, string, unknown]> {
  const server = yield* asyncio.startServer(handler, "127.0.0.1", 0, serverOptions);
  return yield* asyncio.asyncWith(server, function* () {
    const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
    const read = asyncio.createTask(readOutcome(reader));
    const ssl = trusting ? clientSSL() : {};
    const raised = yield* raisedBy(() => writer.startTls(ssl, { serverHostname: "localhost" }));
    writer.close();
    const closed = yield* raisedBy(() => writer.waitClosed());
    return [raised, yield* read, closed];
  });
}

describe("STARTTLS that fails", () => {
  test("a certificate the client rejects ends the stream: a read waiting on it and waitClosed raise the handshake's error, as CPython's SSLProtocol passes it to connection_lost", async () => {
    const [raised, read, closed] = await asyncio.run(
      failedStartTls(
        function* (reader, writer) {
          yield* readOutcome(reader);
          writer.close();
        },
        { ssl: serverSSL() },
        false,
      ),
    );
    expect(raised).toBeInstanceOf(asyncio.OSError);
    expect(read).toBe("OSError");
    // The same error object, as CPython's wait_closed raises the one connection_lost got.
    expect(closed).toBe(raised);
  });

  test("a peer that closes during the handshake ends the stream with ConnectionResetError for the waiting read and waitClosed", async () => {
    const [raised, read, closed] = await asyncio.run(
      failedStartTls(
        function* (reader, writer) {
          // Take the ClientHello's first byte and answer with EOF; read on, so nothing resets.
          yield* reader.read(1);
          writer.writeEof();
          yield* readOutcome(reader);
          writer.close();
        },
        {},
        true,
      ),
    );
    expect(raised).toBeInstanceOf(asyncio.ConnectionResetError);
    expect(read).toBe("ConnectionResetError");
    expect(closed).toBe(raised);
  });
});

describe("a child that cannot start", () => {
  /**
   * Starts "true" in `cwd` with a new protocol that tells `freed` when it is
   * collected; returns the class of the error raised (not the error, whose
   * stack keeps what it was thrown past, as a Python traceback keeps frames).
   */
  function* spawnIn(cwd: string, freed: FinalizationRegistry<string>): asyncio.Coroutine<string> {
    const loop = asyncio.getRunningLoop();
    const make = (): asyncio.SubprocessProtocol => {
      const protocol = new asyncio.SubprocessProtocol();
      freed.register(protocol, cwd);
      return protocol;
    };
    const error = yield* raisedBy(() => loop.subprocessExec(make, "true", [], { cwd }));
    return (error as Error).constructor.name;
  }

  test("a spawn that fails (no such cwd) keeps nothing on the loop: its protocol is freed, as CPython's Popen raises before a transport exists", async () => {
    const collected: string[] = [];
    const freed = new FinalizationRegistry<string>((cwd) => collected.push(cwd));
    const raised = await asyncio.run(
      (function* () {
        // Outside main's frame, so no local of main's keeps the protocol.
        const raised = yield* spawnIn("/nonexistent-cwd-of-faults-test", freed);
        yield* collectGarbageUntil(() => collected.length === 1);
        return raised;
      })(),
    );
    expect(raised).toBe("FileNotFoundError");
    expect(collected).toEqual(["/nonexistent-cwd-of-faults-test"]);
  });
});

describe("arguments too long for exec", () => {
  test("8 MB of arguments: CPython's OSError('[Errno 7] Argument list too long'), where Node threw a plain Error; no descriptor left open", async () => {
    const [message, left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* () {
          const args = Array.from({ length: 40 }, () => "a".repeat(200_000));
          const error = yield* raisedBy(() =>
            asyncio.createSubprocessExec("true", args, {
              stdin: asyncio.PIPE,
              stdout: asyncio.PIPE,
              stderr: asyncio.PIPE,
            }),
          );
          return `${(error as Error).constructor.name}: ${(error as Error).message}`;
        })(),
      ),
    );
    expect(message).toBe("OSError: [Errno 7] Argument list too long: 'true'");
    expect(left).toEqual([]);
  });
});

describe("arguments no child can be given", () => {
  test("a NUL in the program, an argument, the cwd or the environment raises CPython's ValueError('embedded null byte'), an '=' in a variable's name ValueError('illegal environment variable name'), not Node's TypeError", async () => {
    const messages = await runVirtual(
      (function* () {
        const attempts: (() => asyncio.Coroutine<asyncio.Process>)[] = [
          () => asyncio.createSubprocessExec("echo", ["a\0b"]),
          () => asyncio.createSubprocessExec("true\0", []),
          () => asyncio.createSubprocessExec("true", [], { cwd: "/tmp\0x" }),
          () => asyncio.createSubprocessExec("true", [], { env: { "A\0": "x" } }),
          () => asyncio.createSubprocessExec("true", [], { env: { A: "x\0" } }),
          () => asyncio.createSubprocessShell("echo \0"),
          () => asyncio.createSubprocessExec("true", [], { env: { "A=B": "x" } }),
        ];
        const out: string[] = [];
        for (const attempt of attempts) {
          const error = yield* raisedBy(attempt);
          out.push(`${(error as Error).constructor.name}: ${(error as Error).message}`);
        }
        return out;
      })(),
    );
    expect(messages).toEqual([
      ...Array<string>(6).fill("ValueError: embedded null byte"),
      "ValueError: illegal environment variable name",
    ]);
  });
});

describe("arguments given one by one, as Python's *args", () => {
  test("createSubprocessExec(program, arg1, arg2) raises a TypeError that shows the array to write, where Node's said 'The \"args\" argument must be of type object'", async () => {
    const messages = await runVirtual(
      (function* () {
        const attempts: (() => asyncio.Coroutine<unknown>)[] = [
          // @ts-expect-error: Python's spelling, as a JavaScript program may write it
          () => asyncio.createSubprocessExec("echo", "-n", "hi"),
          () =>
            asyncio.getRunningLoop().subprocessExec(
              () => new asyncio.SubprocessProtocol(),
              "echo",
              // @ts-expect-error: the same slip on the loop's method
              "-n",
            ),
        ];
        const out: string[] = [];
        for (const attempt of attempts) {
          const error = yield* raisedBy(attempt);
          out.push(`${(error as Error).constructor.name}: ${(error as Error).message}`);
        }
        return out;
      })(),
    );
    expect(messages).toEqual(
      Array<string>(2).fill(
        `TypeError: the program's arguments go in one array: createSubprocessExec("echo", ["-n", ...], options), not one by one as Python's create_subprocess_exec(program, *args) takes them`,
      ),
    );
  });
});

describe("an executor shut down with cancelFutures", () => {
  test("a job dropped from the queue cancels its runInExecutor Future (CancelledError, cancelled()), as CPython's wrap_future copies the cancelled state; its job's promise rejects with CancelledError; the running job still gives its result", async () => {
    const block = (ms: number): string => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      return `slept ${ms}`;
    };
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const pool = new asyncio.WorkerPoolExecutor({ maxWorkers: 1 });
        const running = loop.runInExecutor(pool, block, 200);
        const queued = loop.runInExecutor(pool, block, 1);
        const dropped = pool.submit(block, [1]);
        // The first job is on the worker once its thread answers; shut down while it runs.
        yield* asyncio.sleep(0.05);
        yield* asyncio.fromPromise(pool.shutdown(true, { cancelFutures: true }));
        return [
          yield* running,
          yield* raisedBy(() => queued),
          queued.cancelled(),
          yield* raisedBy(() => asyncio.fromPromise(dropped.promise)),
        ];
      })(),
    );
    expect(out[0]).toBe("slept 200");
    expect(out[1]).toBeInstanceOf(asyncio.CancelledError);
    expect(out[2]).toBe(true);
    expect(out[3]).toBeInstanceOf(asyncio.CancelledError);
  });

  test("a dropped job that nobody looks at does not end the process with an unhandled rejection (Python's cancelled Future is silent)", async () => {
    const program = join(import.meta.dirname, "fixtures", "faults-dropped-job.mjs");
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [program], {
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe("slept 200");
    expect(stderr).toBe("");
  });
});

describe("connections that fail", () => {
  test("openConnection refused, to a host that does not resolve, or cancelled while it connects; startServer on a port in use: CPython's classes (ConnectionRefusedError; socket.gaierror; CancelledError; OSError EADDRINUSE), and no descriptor left open", async () => {
    const [raised, left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* () {
          const server = yield* asyncio.startServer(function* () {}, "127.0.0.1", 0);
          const port = portOf(server);
          server.close();
          yield* server.waitClosed();
          const refused = yield* raisedBy(() => asyncio.openConnection("127.0.0.1", port));
          const unresolved = yield* raisedBy(() =>
            asyncio.openConnection("no-such-host.invalid", 80),
          );
          const listening = yield* asyncio.startServer(function* () {}, "127.0.0.1", 0);
          const connecting = asyncio.createTask(
            asyncio.openConnection("127.0.0.1", portOf(listening)),
          );
          // The connect under way: cancelled, its socket must be destroyed.
          yield* asyncio.sleep(0);
          connecting.cancel();
          const cancelled = yield* raisedBy(() => connecting);
          const inUse = yield* raisedBy(() =>
            asyncio.startServer(function* () {}, "127.0.0.1", portOf(listening)),
          );
          listening.close();
          listening.closeClients();
          yield* listening.waitClosed();
          return [refused, unresolved, cancelled, inUse].map((e) =>
            e instanceof asyncio.OSError
              ? `${e.constructor.name} ${e.errno}`
              : (e as Error).constructor.name,
          );
        })(),
      ),
    );
    expect(raised).toEqual([
      "ConnectionRefusedError ECONNREFUSED",
      "gaierror EAI_NONAME",
      "CancelledError",
      "OSError EADDRINUSE",
    ]);
    expect(left).toEqual([]);
  }, 30_000);

  test("abortClients() while one handler waits in read() and another in drain() to a client that never reads: the read gets EOF, the drain returns (connectionLost(None), as CPython's abort), waitClosed() returns, no descriptor left open", async () => {
    const [outcomes, left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* () {
          const ended: Record<string, unknown> = {};
          let handlers = 0;
          const server = yield* asyncio.startServer(
            function* (reader, writer) {
              if (handlers++ === 0) {
                ended.read = (yield* reader.read(10)).length;
              } else {
                writer.write(new Uint8Array(64 << 20));
                ended.drain = yield* raisedOrNothing(writer.drain());
              }
            },
            "127.0.0.1",
            0,
          );
          const [, reading] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          const [, draining] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          // Both handlers wait: one on its read, one on its full buffer.
          while (handlers < 2) yield* asyncio.sleep(0.01);
          yield* asyncio.sleep(0.05);
          server.close();
          server.abortClients();
          yield* server.waitClosed();
          for (const writer of [reading, draining]) {
            writer.close();
            yield* writer.waitClosed();
          }
          return [ended.read, ended.drain];
        })(),
      ),
    );
    expect(outcomes).toEqual([0, NOTHING]);
    expect(left).toEqual([]);
  }, 30_000);
  test("a Unix socket path longer than the address holds: startUnixServer and openUnixConnection raise CPython's OSError('AF_UNIX path too long'), and no socket file is made (Node's libuv cut the path and listened at the shorter one, left behind at close)", async () => {
    const dir = scratchDir("asyncio-ts-faults-");
    const path = join(dir, `${"s".repeat(120 - dir.length)}.sock`);
    const out = await asyncio.run(
      (function* () {
        const served = yield* raisedBy(() => asyncio.startUnixServer(function* () {}, path));
        const connected = yield* raisedBy(() => asyncio.openUnixConnection(path));
        return [served, connected].map(
          (e) => `${(e as Error).constructor.name}: ${(e as Error).message}`,
        );
      })(),
    );
    expect(out).toEqual(Array<string>(2).fill("OSError: AF_UNIX path too long"));
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a port outside 0-65535 raises before any socket is made, with CPython's message for each call (CPython's OverflowError, RangeError here): Node's connect threw only after making a socket it left behind, and dgram bound UDP port 70000 as 4464", async () => {
    const sockets = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
    const before = sockets();
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const udp = () => new asyncio.DatagramProtocol();
        const attempts: (() => asyncio.Coroutine<unknown>)[] = [
          () => asyncio.openConnection("127.0.0.1", 70000),
          () => asyncio.openConnection("127.0.0.1", -1, { ssl: true, serverHostname: "x" }),
          () => asyncio.openConnection("127.0.0.1", 80, { localAddr: ["127.0.0.1", 70000] }),
          () => asyncio.startServer(function* () {}, "127.0.0.1", 70000),
          () => loop.createServer(() => new asyncio.Protocol(), "127.0.0.1", -1),
          () => loop.createDatagramEndpoint(udp, { localAddr: ["127.0.0.1", 70000] }),
          () => loop.createDatagramEndpoint(udp, { remoteAddr: ["127.0.0.1", 70000] }),
        ];
        const raised: string[] = [];
        for (const attempt of attempts) {
          const e = yield* raisedBy(attempt);
          raised.push(`${(e as Error).constructor.name}: ${(e as Error).message}`);
        }
        return raised;
      })(),
    );
    const bind = "RangeError: bind(): port must be 0-65535.";
    const connect = "RangeError: connect(): port must be 0-65535.";
    expect(out).toEqual([connect, connect, bind, bind, bind, bind, connect]);
    expect(sockets()).toBe(before);
  });
});

describe("a peer that resets", () => {
  test("while drain() waits on a full buffer and a read waits: both raise ConnectionResetError, as a later drain() and waitClosed() do, as in CPython; no descriptor left open", async () => {
    const [out, left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* () {
          const accepted = asyncio.getRunningLoop().createFuture<asyncio.StreamWriter>();
          const server = yield* asyncio.startServer(
            function* (_reader, writer) {
              accepted.setResult(writer);
              yield* new asyncio.Event().wait();
            },
            "127.0.0.1",
            0,
          );
          const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", portOf(server));
          const peer = yield* accepted;
          writer.write(new Uint8Array(64 << 20));
          const draining = asyncio.createTask(raisedBy(() => writer.drain()));
          const reading = asyncio.createTask(raisedBy(() => reader.read()));
          // The drain waits: the peer reads nothing, 64 MiB outlast the kernel's buffers.
          yield* asyncio.sleep(0.05);
          const waited = !draining.done();
          peer.transport.abort();
          const raised = [yield* draining, yield* reading, yield* raisedBy(() => writer.drain())];
          writer.close();
          raised.push(yield* raisedBy(() => writer.waitClosed()));
          server.close();
          yield* server.waitClosed();
          return [waited, ...raised.map((e) => (e as Error).constructor.name)];
        })(),
      ),
    );
    expect(out).toEqual([true, ...Array<string>(4).fill("ConnectionResetError")]);
    expect(left).toEqual([]);
  }, 30_000);
});

describe("children that end badly", () => {
  test("a child killed while drain() waits on its full stdin: BrokenPipeError, as CPython's; wait() gives -9; a later drain ConnectionResetError('Connection lost'); no descriptor left open", async () => {
    const [out, left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* () {
          const proc = yield* asyncio.createSubprocessExec("sleep", ["30"], {
            stdin: asyncio.PIPE,
          });
          proc.stdin!.write(new Uint8Array(4 << 20));
          const draining = asyncio.createTask(raisedBy(() => proc.stdin!.drain()));
          yield* asyncio.sleep(0.05);
          proc.kill();
          const drained = yield* draining;
          const status = yield* proc.wait();
          proc.stdin!.write(enc("x"));
          const later = yield* raisedBy(() => proc.stdin!.drain());
          proc.stdin!.close();
          return [drained, status, later];
        })(),
      ),
    );
    expect(out[0]).toBeInstanceOf(asyncio.BrokenPipeError);
    expect(out[1]).toBe(-9);
    expect(out[2]).toBeInstanceOf(asyncio.ConnectionResetError);
    expect((out[2] as Error).message).toBe("Connection lost");
    expect(left).toEqual([]);
  }, 30_000);

  test("wait() on a child blocked on its full stdout pipe waits (TimeoutError here), as CPython's, whose docs warn of it; communicate() then reads the 1 MiB and the child exits 0; no descriptor left open", async () => {
    const [out, left] = await fdsLeftBy(() =>
      asyncio.run(
        (function* () {
          const proc = yield* asyncio.createSubprocessExec("head", ["-c", "1048576", "/dev/zero"], {
            stdout: asyncio.PIPE,
          });
          const waited = yield* raisedBy(() => asyncio.waitFor(proc.wait(), 0.2));
          const [stdout] = yield* proc.communicate();
          return [(waited as Error).constructor.name, stdout!.length, proc.returncode];
        })(),
      ),
    );
    expect(out).toEqual(["TimeoutError", 1048576, 0]);
    expect(left).toEqual([]);
  }, 30_000);

  test("a child whose own child keeps its stdout open: run() returns after reading a line and Node exits by itself (the pipe is released with the loop), as CPython's", async () => {
    // The grandchild's pid comes first, to end it afterwards; it holds the
    // child's stdout, not the program's stderr (which would hold execFile).
    const out = await nodeProgramOutput(`
await asyncio.run((function* () {
  const proc = yield* asyncio.createSubprocessExec("sh", ["-c", "sleep 30 2>/dev/null & echo $!; echo hi"], {
    stdout: asyncio.PIPE,
  });
  console.log(new TextDecoder().decode(yield* proc.stdout.readline()).trim());
  console.log(new TextDecoder().decode(yield* proc.stdout.readline()).trim());
})());
console.log("run returned");
`);
    const [grandchild, hi, returned] = out.trim().split("\n");
    process.kill(Number(grandchild));
    expect([hi, returned]).toEqual(["hi", "run returned"]);
  }, 30_000);
});
