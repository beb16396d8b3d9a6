/**
 * Subprocesses (Python's `asyncio.subprocess`): `createSubprocessExec`,
 * `createSubprocessShell` and `Process`, on `loop.subprocessExec` with a
 * SubprocessStreamProtocol, as CPython's subprocess.py: stdout and stderr
 * feed StreamReaders, stdin is a StreamWriter.
 */

import { gather } from "../core/gather.js";
import {
  type Coroutine,
  type EventLoop,
  getRunningLoop,
  inspectCustom,
  named,
} from "../core/kernel/index.js";
import { BrokenPipeError, ConnectionResetError } from "./streams/connection-errors.js";
import { StreamReader } from "./streams/stream-reader.js";
import { StreamReaderProtocol } from "./streams/stream-reader-protocol.js";
import { StreamWriter } from "./streams/stream-writer.js";
import { SubprocessProtocol } from "./transports/protocols.js";
import type { PIPE, Stdio } from "./transports/stdio.js";
import "./transports/subprocess-exec.js";
import type { BaseSubprocessTransport } from "./transports/subprocess-transport.js";
import type { SubprocessTransport } from "./transports/transport.js";

export { DEVNULL, PIPE, STDOUT, type Stdio } from "./transports/stdio.js";

/**
 * Options of `createSubprocessExec` and `createSubprocessShell`: the child's standard streams,
 * its directory and environment, and the limit of its StreamReaders.
 * In Python, keyword arguments of `asyncio.create_subprocess_exec`.
 *
 * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
 * @example
 * ```ts
 * const options: asyncio.SubprocessOptions = { stdout: asyncio.PIPE, stderr: asyncio.STDOUT, cwd: "/tmp" };
 * const proc = yield* asyncio.createSubprocessExec("ls", ["-l"], options);
 * ```
 */
export interface SubprocessOptions {
  /**
   * The child's stdin: PIPE (then `proc.stdin` is a StreamWriter), DEVNULL, or `undefined` to
   * inherit the parent's.
   * In Python, the `stdin` argument of `asyncio.create_subprocess_exec`.
   *
   * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("cat", [], { stdin: asyncio.PIPE, stdout: asyncio.PIPE });
   * ```
   */
  stdin?: Stdio;
  /**
   * The child's stdout: PIPE (then `proc.stdout` is a StreamReader), DEVNULL, or `undefined` to
   * inherit the parent's.
   * In Python, the `stdout` argument of `asyncio.create_subprocess_exec`.
   *
   * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("date", [], { stdout: asyncio.PIPE });
   * const line = yield* proc.stdout!.readline();
   * ```
   */
  stdout?: Stdio;
  /**
   * The child's stderr: PIPE (then `proc.stderr` is a StreamReader), STDOUT (into stdout's
   * pipe), DEVNULL, or `undefined` to inherit the parent's.
   * In Python, the `stderr` argument of `asyncio.create_subprocess_exec`.
   *
   * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessShell("make 2>&1", { stdout: asyncio.PIPE, stderr: asyncio.STDOUT });
   * ```
   */
  stderr?: Stdio;
  /**
   * The buffer limit of the StreamReaders at `proc.stdout` and `proc.stderr` (64 KiB by default).
   * In Python, the `limit` argument of `asyncio.create_subprocess_exec`.
   *
   * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("cat", ["big.log"], { stdout: asyncio.PIPE, limit: 1 << 20 });
   * ```
   */
  limit?: number;
  /**
   * The directory the child starts in (the parent's by default).
   * In Python, the `cwd` argument of `subprocess.Popen`.
   *
   * @python `subprocess.Popen` — https://docs.python.org/3/library/subprocess.html
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("git", ["status"], { cwd: "/src/app" });
   * ```
   */
  cwd?: string;
  /**
   * The child's environment variables (the parent's by default).
   * In Python, the `env` argument of `subprocess.Popen`.
   *
   * @python `subprocess.Popen` — https://docs.python.org/3/library/subprocess.html
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("node", ["app.js"], { env: { ...process.env, DEBUG: "1" } });
   * ```
   */
  env?: NodeJS.ProcessEnv;
}

/** Like StreamReaderProtocol, but for a subprocess (CPython's). */
export class SubprocessStreamProtocol extends SubprocessProtocol {
  stdin: StreamWriter | undefined = undefined;
  stdout: StreamReader | undefined = undefined;
  stderr: StreamReader | undefined = undefined;
  private _transport: SubprocessTransport | undefined = undefined;
  private _processExited = false;
  private readonly _pipeFds: number[] = [];
  /**
   * CPython's FlowControlMixin and `_stdin_closed`, for stdin's writer:
   * StreamReaderProtocol (with no reader) already holds drain waiters and
   * the close waiter, so stdin's writer uses one.
   */
  private readonly _stdinProtocol: StreamReaderProtocol;

  constructor(
    private readonly _limit: number | undefined,
    private readonly _loop: EventLoop,
  ) {
    super();
    this._stdinProtocol = new StreamReaderProtocol(undefined, undefined, _loop);
  }

  override connectionMade(transport: SubprocessTransport): void {
    this._transport = transport;
    const stdoutTransport = transport.getPipeTransport(1);
    if (stdoutTransport !== undefined) {
      this.stdout = new StreamReader(this._limit, { loop: this._loop });
      this.stdout.setTransport(stdoutTransport);
      this._pipeFds.push(1);
    }
    const stderrTransport = transport.getPipeTransport(2);
    if (stderrTransport !== undefined) {
      this.stderr = new StreamReader(this._limit, { loop: this._loop });
      this.stderr.setTransport(stderrTransport);
      this._pipeFds.push(2);
    }
    const stdinTransport = transport.getPipeTransport(0);
    if (stdinTransport !== undefined) {
      this.stdin = new StreamWriter(stdinTransport, this._stdinProtocol, undefined, this._loop);
    }
  }

  override pipeDataReceived(fd: number, data: Uint8Array): void {
    this._reader(fd)?.feedData(data);
  }

  override pipeConnectionLost(fd: number, exc: Error | undefined): void {
    if (fd === 0) {
      this.stdin?.close();
      this._stdinProtocol.connectionLost(exc);
      return;
    }
    const reader = this._reader(fd);
    if (reader !== undefined) {
      if (exc === undefined) reader.feedEof();
      else reader.setException(exc);
    }
    const at = this._pipeFds.indexOf(fd);
    if (at >= 0) this._pipeFds.splice(at, 1);
    this._maybeCloseTransport();
  }

  override processExited(): void {
    this._processExited = true;
    this._maybeCloseTransport();
  }

  override pauseWriting(): void {
    this._stdinProtocol.pauseWriting();
  }

  override resumeWriting(): void {
    this._stdinProtocol.resumeWriting();
  }

  private _reader(fd: number): StreamReader | undefined {
    return fd === 1 ? this.stdout : fd === 2 ? this.stderr : undefined;
  }

  private _maybeCloseTransport(): void {
    if (this._pipeFds.length === 0 && this._processExited) {
      this._transport?.close();
      this._transport = undefined;
    }
  }
}

/**
 * What a Process started with `options` has for the stream `key`: a pipe's stream (`Piped`)
 * where `options` says `PIPE`, `undefined` where it says anything else, and either where the
 * type does not say (options built at run time), so `proc.stdout` needs no `!` after
 * `{ stdout: asyncio.PIPE }`.
 *
 * @python no counterpart: typeshed types `Process.stdout` as `StreamReader | None` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
 * @example
 * ```ts
 * type Out = asyncio.PipedStream<{ stdout: typeof asyncio.PIPE }, "stdout", asyncio.StreamReader>; // StreamReader
 * ```
 */
export type PipedStream<
  O extends SubprocessOptions,
  K extends "stdin" | "stdout" | "stderr",
  Piped,
> = K extends keyof O
  ? [O[K]] extends [typeof PIPE]
    ? Piped
    : typeof PIPE extends O[K]
      ? Piped | undefined
      : undefined
  : undefined;

/** What `communicate()` reads from a stream of this type: bytes from a pipe's reader. */
type BytesOf<R> = R extends StreamReader ? Uint8Array : undefined;

/**
 * The Process that `options` start: its `stdin`, `stdout` and `stderr` typed by
 * {@link PipedStream}.
 *
 * @python no counterpart: typeshed types `Process.stdout` as `StreamReader | None` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
 * @example
 * ```ts
 * type Cat = asyncio.ProcessOf<{ stdin: typeof asyncio.PIPE; stdout: typeof asyncio.PIPE }>;
 * ```
 */
export type ProcessOf<O extends SubprocessOptions> = Process<
  PipedStream<O, "stdin", StreamWriter>,
  PipedStream<O, "stdout", StreamReader>,
  PipedStream<O, "stderr", StreamReader>
>;

/**
 * A child process started by `createSubprocessExec` or `createSubprocessShell`: its pipes as
 * streams, its pid and exit status, and the means to wait for it or signal it.
 *
 * @python `asyncio.subprocess.Process` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const proc = yield* asyncio.createSubprocessExec("echo", ["hello"], { stdout: asyncio.PIPE });
 *   const [out] = yield* proc.communicate();
 *   console.log(new TextDecoder().decode(out), proc.returncode); // "hello\n" 0
 * }
 * ```
 */
export class Process<
  In extends StreamWriter | undefined = StreamWriter | undefined,
  Out extends StreamReader | undefined = StreamReader | undefined,
  Err extends StreamReader | undefined = StreamReader | undefined,
> {
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "Process", ["wait", "communicate"]);
  /**
   * A StreamWriter to the child's stdin when it was started with `stdin: PIPE`, else `undefined`.
   *
   * @python `asyncio.subprocess.Process.stdin` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * proc.stdin!.write(new TextEncoder().encode("input\n"));
   * yield* proc.stdin!.drain();
   * ```
   */
  readonly stdin: In;
  /**
   * A StreamReader of the child's stdout when it was started with `stdout: PIPE`, else `undefined`.
   *
   * @python `asyncio.subprocess.Process.stdout` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * const line = yield* proc.stdout!.readline();
   * ```
   */
  readonly stdout: Out;
  /**
   * A StreamReader of the child's stderr when it was started with `stderr: PIPE`, else `undefined`.
   *
   * @python `asyncio.subprocess.Process.stderr` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * const errors = yield* proc.stderr!.read();
   * ```
   */
  readonly stderr: Err;
  /**
   * The child's process id.
   *
   * @python `asyncio.subprocess.Process.pid` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * console.log(`started ${proc.pid}`);
   * ```
   */
  readonly pid: number | undefined;

  /** Made by `createSubprocessExec` and `createSubprocessShell`, not by users (as in CPython). */
  constructor(
    private readonly _transport: BaseSubprocessTransport,
    protocol: SubprocessStreamProtocol,
  ) {
    // The protocol made a stream for each PIPE in the options the types were inferred from.
    this.stdin = protocol.stdin as In;
    this.stdout = protocol.stdout as Out;
    this.stderr = protocol.stderr as Err;
    this.pid = _transport.getPid();
  }

  /**
   * The exit status once the child has ended (negative `-N`: killed by signal N), else `undefined`.
   *
   * @python `asyncio.subprocess.Process.returncode` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process.returncode
   * @example
   * ```ts
   * yield* proc.wait();
   * if (proc.returncode !== 0) console.log(`failed with ${proc.returncode}`);
   * ```
   */
  get returncode(): number | undefined {
    return this._transport.getReturncode();
  }

  /**
   * Waits for the child to end (and, if it had not yet, for its pipes to close) and returns its
   * exit status. As in Python, a child that fills a pipe nobody reads blocks: use `communicate()`.
   *
   * @python `asyncio.subprocess.Process.wait` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process.wait
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("sleep", ["1"]);
   * const status = yield* proc.wait(); // 0
   * ```
   */
  *wait(): Coroutine<number> {
    return yield* this._transport._wait();
  }

  /**
   * Sends `input` to stdin and closes it, reads stdout and stderr to the end, waits for the
   * child, and returns `[stdout, stderr]` (`undefined` for a stream not piped). A child that
   * exits without reading its input is not an error.
   *
   * @python `asyncio.subprocess.Process.communicate` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process.communicate
   * @example
   * ```ts
   * const proc = yield* asyncio.createSubprocessExec("sort", [], { stdin: asyncio.PIPE, stdout: asyncio.PIPE });
   * const [out] = yield* proc.communicate(new TextEncoder().encode("b\na\n"));
   * ```
   */
  *communicate(input?: Uint8Array): Coroutine<[BytesOf<Out>, BytesOf<Err>]> {
    const { stdin, stdout, stderr } = this as Process;
    // Feeding and reading run together: a child that writes a lot before it
    // reads all its input would otherwise block us both.
    const [, out, err] = yield* gather(
      stdin !== undefined ? this._feedStdin(stdin, input) : none(),
      stdout !== undefined ? this._readStream(1, stdout) : none(),
      stderr !== undefined ? this._readStream(2, stderr) : none(),
    );
    yield* this.wait();
    return [out, err] as [BytesOf<Out>, BytesOf<Err>];
  }

  private *_feedStdin(stdin: StreamWriter, input: Uint8Array | undefined): Coroutine<void> {
    try {
      if (input !== undefined) stdin.write(input);
      yield* stdin.drain();
    } catch (e) {
      // The child may exit without reading its input, as CPython allows.
      if (!(e instanceof BrokenPipeError || e instanceof ConnectionResetError)) throw e;
    }
    stdin.close();
  }

  private *_readStream(fd: 1 | 2, stream: StreamReader): Coroutine<Uint8Array> {
    const output = yield* stream.read();
    this._transport.getPipeTransport(fd)?.close();
    return output;
  }

  /**
   * Sends `signal` to the child; ProcessLookupError once its transport has closed.
   *
   * @python `asyncio.subprocess.Process.send_signal` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process.send_signal
   * @example
   * ```ts
   * proc.sendSignal("SIGHUP");
   * ```
   */
  sendSignal(signal: NodeJS.Signals | number): void {
    this._transport.sendSignal(signal);
  }

  /**
   * Asks the child to stop: sends it SIGTERM.
   *
   * @python `asyncio.subprocess.Process.terminate` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process.terminate
   * @example
   * ```ts
   * proc.terminate();
   * yield* asyncio.waitFor(proc.wait(), 5);
   * ```
   */
  terminate(): void {
    this._transport.terminate();
  }

  /**
   * Kills the child: sends it SIGKILL.
   *
   * @python `asyncio.subprocess.Process.kill` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process.kill
   * @example
   * ```ts
   * proc.kill();
   * yield* proc.wait(); // -9
   * ```
   */
  kill(): void {
    this._transport.kill();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * Python's repr of the process: `<Process 1234>`.
   *
   * @python `asyncio.subprocess.Process.__repr__` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * console.log(String(proc)); // <Process 1234>
   * ```
   */
  toString(): string {
    return `<Process ${this.pid}>`;
  }
}

function* none(): Coroutine<undefined> {
  return undefined;
}

function* start<O extends SubprocessOptions>(
  command: string,
  args: string[],
  shell: boolean,
  options: O,
): Coroutine<ProcessOf<O>> {
  const loop = getRunningLoop();
  const factory = () => new SubprocessStreamProtocol(options.limit, loop);
  // Explicit keys: here an absent stream is inherited (CPython's None), not a pipe.
  const transportOptions = {
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr,
    cwd: options.cwd,
    env: options.env,
  };
  const [transport, protocol] = shell
    ? yield* loop.subprocessShell(factory, command, transportOptions)
    : yield* loop.subprocessExec(factory, command, args, transportOptions);
  // The loop's subprocess transports are BaseSubprocessTransports; Process needs its `_wait`.
  return new Process(transport as BaseSubprocessTransport, protocol) as ProcessOf<O>;
}

/**
 * Starts `program` with `args` (no shell) and returns its Process; with `PIPE` options its
 * stdin, stdout and stderr are streams. Python's `*args` are an array here, the keyword
 * arguments an options object.
 *
 * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const proc = yield* asyncio.createSubprocessExec("ls", ["-l"], { stdout: asyncio.PIPE });
 *   const [out] = yield* proc.communicate();
 *   console.log(new TextDecoder().decode(out));
 * }
 * ```
 */
export function createSubprocessExec<O extends SubprocessOptions = {}>(
  program: string,
  args: string[] = [],
  options: O = {} as O,
): Coroutine<ProcessOf<O>> {
  return start(program, args, false, options);
}

/**
 * Starts `cmd` through the shell (`/bin/sh -c` on Unix) and returns its Process. As in Python,
 * quote anything that comes from users.
 *
 * @python `asyncio.create_subprocess_shell` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_shell
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<void> {
 *   const proc = yield* asyncio.createSubprocessShell("ls | wc -l", { stdout: asyncio.PIPE });
 *   const [out] = yield* proc.communicate();
 *   console.log(Number(new TextDecoder().decode(out)));
 * }
 * ```
 */
export function createSubprocessShell<O extends SubprocessOptions = {}>(
  cmd: string,
  options: O = {} as O,
): Coroutine<ProcessOf<O>> {
  return start(cmd, [], true, options);
}
