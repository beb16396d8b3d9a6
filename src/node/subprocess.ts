/**
 * Subprocesses (Python's `asyncio.subprocess`): `createSubprocessExec` and
 * `createSubprocessShell`, on `loop.subprocessExec` with a
 * SubprocessStreamProtocol (subprocess-stream-protocol.ts), as CPython's
 * subprocess.py: stdout and stderr feed StreamReaders, stdin is a
 * StreamWriter, and the caller gets a `Process` (process.ts).
 *
 * Importing this module installs the loop's subprocess methods
 * (transports/subprocess-exec.ts), which `createSubprocessExec` calls:
 * package.json lists both files among the modules with side effects.
 */

import { type Coroutine, getRunningLoop, nameCoroutines } from "../core/kernel/index.js";
import { Process } from "./process.js";
import type { StreamReader } from "./streams/stream-reader.js";
import type { StreamWriter } from "./streams/stream-writer.js";
import { SubprocessStreamProtocol } from "./subprocess-stream-protocol.js";
import type { PIPE, Stdio } from "./transports/stdio.js";
import "./transports/subprocess-exec.js";
import type { BaseSubprocessTransport } from "./transports/subprocess-transport.js";

export { Process } from "./process.js";
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

/**
 * What a Process started with `options` has for the stream `key`: a pipe's stream (`Piped`)
 * where `options` says `PIPE`, `undefined` where it says anything else or nothing, and either
 * where the type does not tell (options built at run time). So after
 * `{ stdout: asyncio.PIPE }`, `proc.stdout` needs no `!`.
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
  return createSubprocessExecCoroutine(program, args, options);
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
  return createSubprocessShellCoroutine(cmd, options);
}

// Methods named as the functions, with the names nameCoroutines gives for
// reprs, traces and `asyncio-ts ps` (see core/sleep.ts): a Task made on
// createSubprocessExec() is coro=<createSubprocessExec()>, CPython's
// coro=<create_subprocess_exec()>.
const createSubprocessExecCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *createSubprocessExec<O extends SubprocessOptions>(
      program: string,
      args: string[],
      options: O,
    ): Coroutine<ProcessOf<O>> {
      return yield* start(program, args, false, options);
    },
  }.createSubprocessExec,
  "createSubprocessExec",
);

const createSubprocessShellCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *createSubprocessShell<O extends SubprocessOptions>(
      cmd: string,
      options: O,
    ): Coroutine<ProcessOf<O>> {
      return yield* start(cmd, [], true, options);
    },
  }.createSubprocessShell,
  "createSubprocessShell",
);
