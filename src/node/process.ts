/**
 * `Process` (CPython's `asyncio.subprocess.Process`): a child started by
 * `createSubprocessExec` or `createSubprocessShell` (subprocess.ts), as its
 * user sees it: the streams its protocol made of its pipes
 * (subprocess-stream-protocol.ts), and waiting, `communicate` and signals,
 * which go to the loop's subprocess transport.
 */
import { gather } from "../core/gather.js";
import { type Coroutine, inspectCustom, named } from "../core/kernel/index.js";
import { BrokenPipeError, ConnectionResetError } from "./streams/connection-errors.js";
import type { StreamReader } from "./streams/stream-reader.js";
import type { StreamWriter } from "./streams/stream-writer.js";
import type { SubprocessStreamProtocol } from "./subprocess-stream-protocol.js";
import type { BaseSubprocessTransport } from "./transports/subprocess-transport.js";

/** What `communicate()` reads from a stream of this type: bytes from a pipe's reader. */
type BytesOf<R> = R extends StreamReader ? Uint8Array : undefined;

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
  static readonly name = /* @__PURE__ */ named(this, "Process", [
    "wait",
    "communicate",
    // What communicate() gathers: Tasks named as CPython's (Process._feed_stdin…).
    "_feedStdin",
    "_readStream",
    "_noop",
  ]);
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
   * The child's process id: a number, as a Process is only made once the child has spawned.
   *
   * @python `asyncio.subprocess.Process.pid` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * console.log(`started ${proc.pid}`);
   * ```
   */
  readonly pid: number;

  /** Made by `createSubprocessExec` and `createSubprocessShell`, not by users (as in CPython). */
  constructor(
    private readonly _transport: BaseSubprocessTransport,
    protocol: SubprocessStreamProtocol,
  ) {
    // The protocol made a stream for each PIPE in the options the types were inferred from.
    this.stdin = protocol.stdin as In;
    this.stdout = protocol.stdout as Out;
    this.stderr = protocol.stderr as Err;
    // Node sets a child's pid when it spawns, and createSubprocessExec fails when it does not.
    this.pid = _transport.getPid()!;
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
      stdin !== undefined ? this._feedStdin(stdin, input) : this._noop(),
      stdout !== undefined ? this._readStream(1, stdout) : this._noop(),
      stderr !== undefined ? this._readStream(2, stderr) : this._noop(),
    );
    yield* this.wait();
    return [out, err] as [BytesOf<Out>, BytesOf<Err>];
  }

  /** @internal */
  *_feedStdin(stdin: StreamWriter, input: Uint8Array | undefined): Coroutine<void> {
    try {
      if (input !== undefined) stdin.write(input);
      yield* stdin.drain();
    } catch (e) {
      // The child may exit without reading its input, as CPython allows.
      if (!(e instanceof BrokenPipeError || e instanceof ConnectionResetError)) throw e;
    }
    stdin.close();
  }

  /** @internal What communicate() gathers for a stream the child does not have. */
  *_noop(): Coroutine<undefined> {
    return undefined;
  }

  /** @internal */
  *_readStream(fd: 1 | 2, stream: StreamReader): Coroutine<Uint8Array> {
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
