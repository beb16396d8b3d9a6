/**
 * Subprocesses (Python's `asyncio.subprocess`): `createSubprocessExec`,
 * `createSubprocessShell` and `Process`, on `loop.subprocessExec` with a
 * SubprocessStreamProtocol, as CPython's subprocess.py: stdout and stderr
 * feed StreamReaders, stdin is a StreamWriter.
 */
import type { Coroutine } from "../core/coroutine.js";
import type { EventLoop } from "../core/event-loop.js";
import { gather } from "../core/gather.js";
import { getRunningLoop } from "../core/running-loop.js";
import { BrokenPipeError, ConnectionResetError } from "./streams/connection-errors.js";
import { StreamReader } from "./streams/stream-reader.js";
import { StreamReaderProtocol } from "./streams/stream-reader-protocol.js";
import { StreamWriter } from "./streams/stream-writer.js";
import { SubprocessProtocol } from "./transports/protocols.js";
import type { Stdio } from "./transports/stdio.js";
import "./transports/subprocess-exec.js";
import { inspectCustom } from "../core/inspect.js";
import type { BaseSubprocessTransport } from "./transports/subprocess-transport.js";
import type { SubprocessTransport } from "./transports/transport.js";

export { DEVNULL, PIPE, STDOUT, type Stdio } from "./transports/stdio.js";

export interface SubprocessOptions {
  stdin?: Stdio;
  stdout?: Stdio;
  stderr?: Stdio;
  /** The StreamReaders' limit. */
  limit?: number;
  cwd?: string;
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

/** A running child process (Python's `asyncio.subprocess.Process`). */
export class Process {
  readonly stdin: StreamWriter | undefined;
  readonly stdout: StreamReader | undefined;
  readonly stderr: StreamReader | undefined;
  readonly pid: number | undefined;

  constructor(
    private readonly _transport: BaseSubprocessTransport,
    protocol: SubprocessStreamProtocol,
  ) {
    this.stdin = protocol.stdin;
    this.stdout = protocol.stdout;
    this.stderr = protocol.stderr;
    this.pid = _transport.getPid();
  }

  /** The exit status once the child ended (negative: killed by that signal), else `undefined`. */
  get returncode(): number | undefined {
    return this._transport.getReturncode();
  }

  /** Waits for the child to end (and, if it had not yet, for its pipes to close); returns its exit status. */
  *wait(): Coroutine<number> {
    return yield* this._transport._wait();
  }

  /**
   * Sends `input` to stdin and closes it, reads stdout and stderr to the end,
   * waits for the child, and returns `[stdout, stderr]` (`undefined` where not piped).
   */
  *communicate(input?: Uint8Array): Coroutine<[Uint8Array | undefined, Uint8Array | undefined]> {
    // Feeding and reading run together: a child that writes a lot before it
    // reads all its input would otherwise block us both.
    const [, out, err] = yield* gather(
      this.stdin !== undefined ? this._feedStdin(this.stdin, input) : none(),
      this.stdout !== undefined ? this._readStream(1, this.stdout) : none(),
      this.stderr !== undefined ? this._readStream(2, this.stderr) : none(),
    );
    yield* this.wait();
    return [out, err];
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

  /** Sends `signal` to the child; ProcessLookupError once the transport has finished. */
  sendSignal(signal: NodeJS.Signals | number): void {
    this._transport.sendSignal(signal);
  }

  terminate(): void {
    this._transport.terminate();
  }

  kill(): void {
    this._transport.kill();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    return `<Process ${this.pid}>`;
  }
}

function* none(): Coroutine<undefined> {
  return undefined;
}

function* start(
  command: string,
  args: string[],
  shell: boolean,
  options: SubprocessOptions,
): Coroutine<Process> {
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
  return new Process(transport as BaseSubprocessTransport, protocol);
}

/**
 * Runs `program` with `args` (no shell).
 * @example
 * const proc = yield* asyncio.createSubprocessExec("ls", ["-l"], { stdout: asyncio.PIPE });
 * const [out] = yield* proc.communicate();
 */
export function createSubprocessExec(
  program: string,
  args: string[] = [],
  options: SubprocessOptions = {},
): Coroutine<Process> {
  return start(program, args, false, options);
}

/** Runs `cmd` through the shell. */
export function createSubprocessShell(
  cmd: string,
  options: SubprocessOptions = {},
): Coroutine<Process> {
  return start(cmd, [], true, options);
}
