/**
 * `loop.subprocessExec` / `loop.subprocessShell` with a SubprocessProtocol,
 * over real children (`node -e`; real clock, outcomes and orders only).
 * CPython's base_subprocess.py is the oracle; the "CPython differential"
 * test replays conformance/subprocess/protocol_order.py.
 */
import type { ChildProcess } from "node:child_process";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { dec, enc } from "./socket-helpers.js";

const node = process.execPath;
const pyExc = (exc: Error | undefined): string =>
  exc === undefined ? "None" : exc.constructor.name;
const SLEEP = "setInterval(() => {}, 1000)";

/** Logs every callback as CPython's names; `done` resolves at connectionLost. */
class Logger extends asyncio.SubprocessProtocol {
  readonly log: string[] = [];
  readonly done = asyncio.getRunningLoop().createFuture<void>();
  transport!: asyncio.SubprocessTransport;
  constructor(private readonly _print?: (line: string) => void) {
    super();
  }
  protected record(line: string): void {
    this.log.push(line);
    this._print?.(line);
  }
  override connectionMade(transport: asyncio.SubprocessTransport): void {
    this.transport = transport;
    const pipes = [0, 1, 2].map((fd) => (transport.getPipeTransport(fd) ? "True" : "False"));
    const rc = transport.getReturncode() ?? "None";
    this.record(`connection_made pipes=[${pipes.join(", ")}] returncode=${rc}`);
  }
  override pipeDataReceived(fd: number, data: Uint8Array): void {
    this.record(`pipe_data_received ${fd} ${dec(data)}`);
  }
  override pipeConnectionLost(fd: number, exc: Error | undefined): void {
    this.record(`pipe_connection_lost ${fd} ${pyExc(exc)}`);
  }
  override processExited(): void {
    this.record(`process_exited returncode=${this.transport.getReturncode()}`);
  }
  override connectionLost(exc: Error | undefined): void {
    this.record(`connection_lost ${pyExc(exc)}`);
    this.done.setResult(undefined);
  }
}

function* exec(
  script: string,
  options?: asyncio.SubprocessTransportOptions,
  print?: (line: string) => void,
): asyncio.Coroutine<[asyncio.SubprocessTransport, Logger]> {
  return yield* asyncio
    .getRunningLoop()
    .subprocessExec(() => new Logger(print), node, ["-e", script], options);
}

/** Recorded with `PYENV_VERSION=3.13.0 python3 conformance/subprocess/protocol_order.py`. */
const CPYTHON_ORDER = `steps: connection_made pipes=[True, True, True] returncode=None
steps: pipe_data_received 1 out
steps: pipe_connection_lost 1 None
steps: pipe_connection_lost 0 None
steps: pipe_data_received 2 err:go
steps: pipe_connection_lost 2 None
steps: process_exited returncode=-15
steps: connection_lost None
kill: connection_made pipes=[False, False, False] returncode=None
kill: running returncode=None
kill: process_exited returncode=-9
kill: connection_lost None
close: connection_made pipes=[True, True, True] returncode=None
close: pipe_connection_lost 0 None
close: pipe_connection_lost 1 None
close: pipe_connection_lost 2 None
close: process_exited returncode=-9
close: connection_lost None
`;

describe("CPython differential", () => {
  test("the callbacks of three children come in the order conformance/subprocess/protocol_order.py prints on CPython 3.13", async () => {
    const lines: string[] = [];
    // The same child as the Python program: each step waits for the parent's reaction.
    const STEPS =
      "const fs = require('fs');" +
      "fs.writeSync(1, 'out'); fs.closeSync(1);" +
      "const input = fs.readFileSync(0, 'utf8');" +
      "fs.writeSync(2, 'err:' + input); fs.closeSync(2);" +
      "setInterval(() => {}, 1000);";
    class Steps extends Logger {
      override pipeConnectionLost(fd: number, exc: Error | undefined): void {
        super.pipeConnectionLost(fd, exc);
        if (fd === 1) {
          const stdin = this.transport.getPipeTransport(0)!;
          stdin.write(enc("go"));
          stdin.close();
        } else if (fd === 2) {
          this.transport.terminate();
        }
      }
    }
    await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const prefixed = (name: string) => (line: string) => lines.push(`${name}: ${line}`);
        const [steps, stepsProtocol] = yield* loop.subprocessExec(
          () => new Steps(prefixed("steps")),
          node,
          ["-e", STEPS],
        );
        yield* stepsProtocol.done;
        steps.close();

        const noPipes = { stdin: undefined, stdout: undefined, stderr: undefined };
        const [kill, killProtocol] = yield* exec(SLEEP, noPipes, prefixed("kill"));
        lines.push(`kill: running returncode=${kill.getReturncode() ?? "None"}`);
        kill.kill();
        yield* killProtocol.done;
        kill.close();

        const [close, closeProtocol] = yield* exec(SLEEP, {}, prefixed("close"));
        close.close();
        yield* closeProtocol.done;
      })(),
    );
    expect(`${lines.join("\n")}\n`).toBe(CPYTHON_ORDER);
  });
});

describe("loop.subprocessExec", () => {
  test("stdout is fd 1 and stderr fd 2; each pipe's data precede its end; process_exited, then connection_lost last", async () => {
    const { log, out, err } = await asyncio.run(
      (function* () {
        const [, protocol] = yield* exec(
          "process.stdout.write('to out'); process.stderr.write('to err'); process.exitCode = 4",
        );
        yield* protocol.done;
        const text = (fd: number): string =>
          protocol.log
            .filter((l) => l.startsWith(`pipe_data_received ${fd} `))
            .map((l) => l.slice(21))
            .join("");
        return { log: protocol.log, out: text(1), err: text(2) };
      })(),
    );
    expect([out, err]).toEqual(["to out", "to err"]);
    expect(log[0]).toBe("connection_made pipes=[True, True, True] returncode=None");
    expect(log.at(-1)).toBe("connection_lost None");
    expect(log).toContain("process_exited returncode=4");
    for (const fd of [1, 2]) {
      const lastData = log.map((l) => l.startsWith(`pipe_data_received ${fd}`)).lastIndexOf(true);
      expect(lastData).toBeGreaterThan(0);
      expect(lastData).toBeLessThan(log.indexOf(`pipe_connection_lost ${fd} None`));
    }
    expect(log.filter((l) => l.startsWith("pipe_connection_lost")).sort()).toEqual([
      "pipe_connection_lost 0 None",
      "pipe_connection_lost 1 None",
      "pipe_connection_lost 2 None",
    ]);
  });

  test("stderr=STDOUT: one pipe, fd 1, carries both; there is no pipe transport for fd 2", async () => {
    const [pipes, log] = await asyncio.run(
      (function* () {
        const [transport, protocol] = yield* exec(
          "process.stdout.write('A'); process.stderr.write('B')",
          { stdin: asyncio.DEVNULL, stderr: asyncio.STDOUT },
        );
        const pipes = [0, 1, 2].map((fd) => transport.getPipeTransport(fd) !== undefined);
        yield* protocol.done;
        return [pipes, protocol.log];
      })(),
    );
    expect(pipes).toEqual([false, true, false]);
    const data = log.filter((l) => l.startsWith("pipe_data_received"));
    expect(data.every((l) => l.startsWith("pipe_data_received 1 "))).toBe(true);
    expect([...data.map((l) => l.slice(21)).join("")].sort()).toEqual(["A", "B"]);
    expect(log.filter((l) => l.startsWith("pipe_connection_lost"))).toEqual([
      "pipe_connection_lost 1 None",
    ]);
  });

  test("getPipeTransport(0).write then close: the child reads its input to EOF; stdin's end comes first", async () => {
    const log = await asyncio.run(
      (function* () {
        const [transport, protocol] = yield* exec(
          "let s = ''; process.stdin.on('data', d => s += d).on('end', () => process.stdout.write(s.toUpperCase()))",
          { stderr: asyncio.DEVNULL },
        );
        const stdin = transport.getPipeTransport(0)!;
        stdin.write(enc("hello "));
        stdin.write(enc("child"));
        stdin.close();
        yield* protocol.done;
        return protocol.log;
      })(),
    );
    expect(log.slice(0, 2)).toEqual([
      "connection_made pipes=[True, True, False] returncode=None",
      "pipe_connection_lost 0 None",
    ]);
    expect(
      log
        .filter((l) => l.startsWith("pipe_data_received 1"))
        .map((l) => l.slice(21))
        .join(""),
    ).toBe("HELLO CHILD");
    expect(log.at(-1)).toBe("connection_lost None");
  });

  test("kill: getReturncode is undefined while running, then process_exited with -9; signalling after connection_lost is ProcessLookupError", async () => {
    const out = await asyncio.run(
      (function* () {
        const [transport, protocol] = yield* exec(SLEEP, {
          stdin: asyncio.DEVNULL,
          stdout: asyncio.DEVNULL,
          stderr: asyncio.DEVNULL,
        });
        const running = transport.getReturncode();
        const pid = transport.getPid();
        const child = transport.getExtraInfo("subprocess") as ChildProcess;
        transport.kill();
        yield* protocol.done;
        let error: unknown;
        try {
          transport.terminate();
        } catch (e) {
          error = e;
        }
        return [
          running,
          typeof pid === "number" && child.pid === pid,
          protocol.log,
          transport.getReturncode(),
          error instanceof asyncio.ProcessLookupError,
        ];
      })(),
    );
    expect(out).toEqual([
      undefined,
      true,
      [
        "connection_made pipes=[False, False, False] returncode=None",
        "process_exited returncode=-9",
        "connection_lost None",
      ],
      -9,
      true,
    ]);
  });

  test("close() on a running child closes its pipes (0, 1, 2) and kills it; the protocol still hears it all", async () => {
    const out = await asyncio.run(
      (function* () {
        const [transport, protocol] = yield* exec(SLEEP);
        transport.close();
        const closing = transport.isClosing();
        yield* protocol.done;
        return [closing, protocol.log.slice(1), transport.getReturncode()];
      })(),
    );
    expect(out).toEqual([
      true,
      [
        "pipe_connection_lost 0 None",
        "pipe_connection_lost 1 None",
        "pipe_connection_lost 2 None",
        "process_exited returncode=-9",
        "connection_lost None",
      ],
      -9,
    ]);
  });

  test("stdin's flow control reaches the subprocess protocol: pause_writing, then resume_writing once the child reads", async () => {
    const log = await asyncio.run(
      (function* () {
        // The child reads stdin only after SIGHUP, and says when it is ready for it.
        const script =
          "process.on('SIGHUP', () => process.stdin.resume().on('end', () => process.exit(0)));" +
          "process.stdin.pause(); process.stdout.write('ready'); setInterval(() => {}, 1000)";
        const loop = asyncio.getRunningLoop();
        const resumed = loop.createFuture<void>();
        class Flow extends Logger {
          override pipeDataReceived(fd: number, data: Uint8Array): void {
            super.pipeDataReceived(fd, data);
            const stdin = this.transport.getPipeTransport(0)!;
            stdin.write(new Uint8Array(1024 * 1024));
            this.record(`buffered ${stdin.getWriteBufferSize() > 64 * 1024}`);
            this.transport.sendSignal("SIGHUP");
          }
          override pauseWriting(): void {
            this.record("pause_writing");
          }
          override resumeWriting(): void {
            this.record("resume_writing");
            this.transport.getPipeTransport(0)!.close();
            resumed.setResult(undefined);
          }
        }
        const [, protocol] = yield* loop.subprocessExec(() => new Flow(), node, ["-e", script], {
          stderr: asyncio.DEVNULL,
        });
        yield* resumed;
        yield* protocol.done;
        return protocol.log;
      })(),
    );
    expect(log.slice(1, 5)).toEqual([
      "pipe_data_received 1 ready",
      "pause_writing",
      "buffered true",
      "resume_writing",
    ]);
    expect(log).toContain("process_exited returncode=0");
    expect(log.at(-1)).toBe("connection_lost None");
  });

  test("cancelled while starting: the child is killed and waited for, then CancelledError", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let protocol: Logger | undefined;
        const task = loop.createTask(
          loop.subprocessExec(() => (protocol = new Logger()), node, ["-e", SLEEP]),
        );
        yield* asyncio.sleep(0);
        task.cancel();
        let cancelled = false;
        try {
          yield* task;
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          cancelled = e instanceof asyncio.CancelledError;
        }
        const exitedBeforeRaise = protocol!.transport?.getReturncode();
        yield* protocol!.done;
        return [cancelled, exitedBeforeRaise, protocol!.log.slice(-2)];
      })(),
    );
    expect(out).toEqual([true, -9, ["process_exited returncode=-9", "connection_lost None"]]);
  });

  test("cwd and env reach the child", async () => {
    const out = await asyncio.run(
      (function* () {
        const [, protocol] = yield* exec(
          "process.stdout.write(process.cwd() + '|' + process.env.ASYNCIO_TS_X)",
          {
            stdin: asyncio.DEVNULL,
            cwd: "/",
            env: { ASYNCIO_TS_X: "yes" },
          },
        );
        yield* protocol.done;
        return protocol.log
          .filter((l) => l.startsWith("pipe_data_received 1"))
          .map((l) => l.slice(21))
          .join("");
      })(),
    );
    expect(out).toBe("/|yes");
  });

  test("a program that does not exist raises FileNotFoundError; the protocol hears nothing", async () => {
    const out = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let protocol: Logger | undefined;
        try {
          yield* loop.subprocessExec(() => (protocol = new Logger()), "/no/such/program");
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          yield* asyncio.sleep(0.01);
          return [e instanceof asyncio.FileNotFoundError, protocol?.log];
        }
        return undefined;
      })(),
    );
    expect(out).toEqual([true, []]);
  });
});

describe("loop.subprocessShell", () => {
  test("runs the command through the shell: its output on fd 1, its status in process_exited", async () => {
    const log = await asyncio.run(
      (function* () {
        const [, protocol] = yield* asyncio
          .getRunningLoop()
          .subprocessShell(() => new Logger(), "echo hi; exit 3", { stdin: asyncio.DEVNULL });
        yield* protocol.done;
        return protocol.log;
      })(),
    );
    expect(log).toContain("pipe_data_received 1 hi\n");
    expect(log).toContain("process_exited returncode=3");
    expect(log.at(-1)).toBe("connection_lost None");
  });

  test("cmd must be a string (CPython's ValueError)", async () => {
    const e = await asyncio.run(
      (function* () {
        try {
          yield* asyncio
            .getRunningLoop()
            .subprocessShell(() => new Logger(), ["echo"] as unknown as string);
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (err) {
          return err;
        }
        return undefined;
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.ValueError);
    expect((e as Error).message).toBe("cmd must be a string");
  });
});
