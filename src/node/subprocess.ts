/**
 * Subprocesses (Python's `asyncio.subprocess`): `createSubprocessExec`,
 * `createSubprocessShell` and `Process`, on `child_process.spawn`. Pipes are
 * streams: stdout/stderr feed StreamReaders, stdin is a StreamWriter.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import type { Coroutine } from "../core/coroutine.js";
import { PromiseFuture } from "../core/ensure-future.js";
import type { EventLoop } from "../core/event-loop.js";
import { gather } from "../core/gather.js";
import { getRunningLoop } from "../core/running-loop.js";
import {
  BrokenPipeError,
  ConnectionResetError,
  ProcessLookupError,
} from "./streams/connection-errors.js";
import { StreamReader } from "./streams/stream-reader.js";
import { StreamReaderProtocol } from "./streams/stream-reader-protocol.js";
import { StreamWriter } from "./streams/stream-writer.js";
import { waitForEvent } from "./transports/host-event.js";
import { Protocol } from "./transports/protocols.js";
import { StreamTransport } from "./transports/stream-transport.js";
import type { Transport } from "./transports/transport.js";

/** A pipe to the child (Python's `subprocess.PIPE`). */
export const PIPE = -1;
/** stderr into stdout's pipe (Python's `subprocess.STDOUT`). */
export const STDOUT = -2;
/** Nothing (Python's `subprocess.DEVNULL`). */
export const DEVNULL = -3;

/** `undefined` inherits the parent's stream, as Python's `None`. */
export type Stdio = typeof PIPE | typeof STDOUT | typeof DEVNULL | undefined;

export interface SubprocessOptions {
  stdin?: Stdio;
  stdout?: Stdio;
  stderr?: Stdio;
  /** The StreamReaders' limit. */
  limit?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A running child process (Python's `asyncio.subprocess.Process`). */
export class Process {
  readonly stdin: StreamWriter | undefined;
  readonly stdout: StreamReader | undefined;
  readonly stderr: StreamReader | undefined;
  private _returncode: number | undefined = undefined;
  private readonly _exited: Promise<number>;

  constructor(
    private readonly _child: ChildProcess,
    private readonly _loop: EventLoop,
    options: SubprocessOptions,
  ) {
    this._exited = new Promise((resolve) => {
      _child.once("close", (code, signal) => {
        // As Python: a child killed by a signal has the negative signal number.
        this._returncode =
          code ?? -((constants.signals as Record<string, number>)[signal ?? ""] ?? 1);
        resolve(this._returncode);
      });
    });
    const { stdin, stdout, stderr } = _child;
    if (stdin !== null) {
      const protocol = new StreamReaderProtocol(undefined, undefined, _loop);
      this.stdin = new StreamWriter(
        pipe(_loop, protocol, undefined, stdin),
        protocol,
        undefined,
        _loop,
      );
    }
    if (stdout !== null) {
      this.stdout = new StreamReader(options.limit, { loop: _loop });
      const protocol = new StreamReaderProtocol(this.stdout, undefined, _loop);
      if (options.stderr === STDOUT && stderr !== null) {
        // STDOUT: both pipes feed one reader, which ends when both have.
        const merged = new MergedPipes(protocol);
        pipe(_loop, merged, stdout, undefined);
        pipe(_loop, merged, stderr, undefined);
      } else {
        pipe(_loop, protocol, stdout, undefined);
      }
    }
    if (stderr !== null && options.stderr !== STDOUT) {
      this.stderr = new StreamReader(options.limit, { loop: _loop });
      pipe(_loop, new StreamReaderProtocol(this.stderr, undefined, _loop), stderr, undefined);
    }
  }

  get pid(): number | undefined {
    return this._child.pid;
  }

  /** The exit status once the child ended (negative: killed by that signal), else `undefined`. */
  get returncode(): number | undefined {
    return this._returncode;
  }

  /** Waits for the child to end and returns its exit status. */
  *wait(): Coroutine<number> {
    const done = new PromiseFuture<number>(this._loop, undefined);
    done._follow(this._exited);
    return yield* done;
  }

  /**
   * Sends `input` to stdin and closes it, reads stdout and stderr to the end,
   * waits for the child, and returns `[stdout, stderr]` (`undefined` where not piped).
   */
  *communicate(input?: Uint8Array): Coroutine<[Uint8Array | undefined, Uint8Array | undefined]> {
    // Feeding and reading run together: a child that writes a lot before it
    // reads all its input would otherwise block us both.
    const [, out, err] = yield* gather(
      this._feedStdin(input),
      this.stdout !== undefined ? this.stdout.read() : none(),
      this.stderr !== undefined ? this.stderr.read() : none(),
    );
    yield* this.wait();
    return [out, err];
  }

  private *_feedStdin(input: Uint8Array | undefined): Coroutine<void> {
    const stdin = this.stdin;
    if (stdin === undefined) return;
    if (input !== undefined) {
      stdin.write(input);
      try {
        yield* stdin.drain();
      } catch (e) {
        // The child may exit without reading its input, as CPython allows.
        if (!(e instanceof BrokenPipeError || e instanceof ConnectionResetError)) throw e;
      }
    }
    stdin.close();
  }

  /** Sends `signal` to the child; ProcessLookupError once it has ended. */
  sendSignal(signal: NodeJS.Signals | number): void {
    if (this._returncode !== undefined) throw new ProcessLookupError("process already exited");
    this._child.kill(signal);
  }

  terminate(): void {
    this.sendSignal("SIGTERM");
  }

  kill(): void {
    this.sendSignal("SIGKILL");
  }

  toString(): string {
    return `<Process ${this.pid}>`;
  }
}

/** A transport over one of the child's pipes (they close at EOF). */
function pipe(
  loop: EventLoop,
  protocol: Protocol,
  readable: Readable | undefined,
  writable: Writable | undefined,
): StreamTransport {
  return new StreamTransport(loop, protocol, {
    readable,
    writable,
    extra: { pipe: readable ?? writable },
    closeOnEof: true,
  });
}

/** Two pipes read as one stream: data from either, the end when both ended. */
class MergedPipes extends Protocol {
  private _open = 2;
  private _made = false;

  constructor(private readonly _target: StreamReaderProtocol) {
    super();
  }

  override connectionMade(transport: Transport): void {
    if (this._made) return;
    this._made = true;
    this._target.connectionMade(transport);
  }

  override dataReceived(data: Uint8Array): void {
    this._target.dataReceived(data);
  }

  override eofReceived(): boolean | undefined {
    return undefined;
  }

  override connectionLost(exc: Error | undefined): void {
    if (--this._open === 0 || exc !== undefined) this._target.connectionLost(exc);
  }
}

function* none(): Coroutine<undefined> {
  return undefined;
}

function stdio(value: Stdio): "pipe" | "ignore" | "inherit" {
  if (value === PIPE || value === STDOUT) return "pipe";
  if (value === DEVNULL) return "ignore";
  return "inherit";
}

function* start(
  command: string,
  args: string[],
  shell: boolean,
  options: SubprocessOptions,
): Coroutine<Process> {
  const loop = getRunningLoop();
  const child = spawn(command, args, {
    shell,
    cwd: options.cwd,
    env: options.env,
    stdio: [stdio(options.stdin), stdio(options.stdout), stdio(options.stderr)],
  });
  // The pipes get their transports at once: a child that exits before we
  // look again would have its unread output drained away by Node.
  const process = new Process(child, loop, options);
  try {
    yield* waitForEvent<void>(
      loop,
      (ok, fail) => {
        child.once("spawn", () => ok());
        child.once("error", fail);
      },
      () => child.kill("SIGKILL"),
    );
  } catch (e) {
    for (const pipe of [child.stdin, child.stdout, child.stderr]) pipe?.destroy();
    throw e;
  }
  return process;
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
