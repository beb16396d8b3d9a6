/**
 * Subprocesses (Python's `asyncio.subprocess`): `createSubprocessExec`,
 * `createSubprocessShell` and `Process`, on `child_process.spawn`. Pipes are
 * streams: stdout/stderr feed StreamReaders, stdin is a StreamWriter.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { constants } from "node:os";
import type { Coroutine } from "../core/coroutine.js";
import { PromiseFuture } from "../core/ensure-future.js";
import type { EventLoop } from "../core/event-loop.js";
import { gather } from "../core/gather.js";
import { getRunningLoop } from "../core/running-loop.js";
import { ProcessLookupError } from "./streams/connection-errors.js";
import { feedReader } from "./streams/feed-reader.js";
import { waitForEvent } from "./streams/open-connection.js";
import { StreamReader } from "./streams/stream-reader.js";
import { StreamWriter } from "./streams/stream-writer.js";

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
    if (_child.stdin !== null) this.stdin = new StreamWriter(_child.stdin, undefined, _loop);
    if (_child.stdout !== null) {
      this.stdout = new StreamReader(options.limit, { loop: _loop });
      // STDOUT: stderr goes into the same reader, which ends when both have.
      const merged = options.stderr === STDOUT && _child.stderr !== null;
      if (merged) feedReader(this.stdout, _child.stdout, _child.stderr!);
      else feedReader(this.stdout, _child.stdout);
    }
    if (_child.stderr !== null && options.stderr !== STDOUT) {
      this.stderr = new StreamReader(options.limit, { loop: _loop });
      feedReader(this.stderr, _child.stderr);
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
  *communicate(
    input?: Uint8Array | string,
  ): Coroutine<[Uint8Array | undefined, Uint8Array | undefined]> {
    const stdin = this.stdin;
    if (stdin !== undefined) {
      if (input !== undefined) {
        stdin.write(input);
        try {
          yield* stdin.drain();
        } catch {
          // The child may exit without reading its input (Python ignores BrokenPipe too).
        }
      }
      stdin.close();
    }
    const [out, err] = yield* gather(
      this.stdout !== undefined ? this.stdout.read() : none(),
      this.stderr !== undefined ? this.stderr.read() : none(),
    );
    yield* this.wait();
    return [out, err];
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
  yield* waitForEvent<void>(
    loop,
    (ok, fail) => {
      child.once("spawn", () => ok());
      child.once("error", fail);
    },
    () => child.kill("SIGKILL"),
  );
  return new Process(child, loop, options);
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
