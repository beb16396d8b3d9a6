/**
 * `loop.subprocessExec` and `loop.subprocessShell` (CPython's base_events.py
 * and unix_events.py `_make_subprocess_transport`): start a child with Node's
 * `spawn`, wrap it in a BaseSubprocessTransport, and return
 * `[transport, protocol]` once `connectionMade` has run.
 */
import type { ChildProcess, SpawnOptions } from "node:child_process";
import type { Coroutine } from "../../core/kernel/index.js";
import { EventLoop, ValueError } from "../../core/kernel/index.js";
import { childProcess } from "../lazy-builtins.js";
import {
  FileNotFoundError,
  OSError,
  PermissionError,
  toOSError,
} from "../streams/connection-errors.js";
import { findExecutable } from "./exec-path.js";
import { mergeReadables } from "./merge-readables.js";
import { DEVNULL, PIPE, STDOUT, type Stdio } from "./stdio.js";
import type { SubprocessProtocol } from "./subprocess-protocol.js";
import { BaseSubprocessTransport } from "./subprocess-transport.js";
import type { SubprocessTransport } from "./transport.js";

/**
 * The keyword arguments of `loop.subprocessExec` and `loop.subprocessShell`: the child's
 * standard streams, directory and environment.
 *
 * @python `asyncio.loop.subprocess_exec` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.subprocess_exec
 * @example
 * ```ts
 * const options: asyncio.SubprocessTransportOptions = { stdin: asyncio.DEVNULL, cwd: "/tmp" };
 * const [child] = yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "ls", [], options);
 * ```
 */
export interface SubprocessTransportOptions {
  /**
   * PIPE (the default when the key is absent), DEVNULL, or `undefined` to inherit the parent's.
   * In Python, the `stdin` argument of `asyncio.loop.subprocess_exec`.
   *
   * @python `asyncio.loop.subprocess_exec` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.subprocess_exec
   * @example
   * ```ts
   * yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "cat", [], { stdin: asyncio.DEVNULL });
   * ```
   */
  stdin?: Stdio;
  /**
   * PIPE (the default when the key is absent), DEVNULL, or `undefined` to inherit the parent's.
   * In Python, the `stdout` argument of `asyncio.loop.subprocess_exec`.
   *
   * @python `asyncio.loop.subprocess_exec` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.subprocess_exec
   * @example
   * ```ts
   * yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "make", [], { stdout: undefined }); // inherit
   * ```
   */
  stdout?: Stdio;
  /**
   * As `stdout`, or STDOUT: into stdout's pipe (fd 1).
   * In Python, the `stderr` argument of `asyncio.loop.subprocess_exec`.
   *
   * @python `asyncio.loop.subprocess_exec` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.subprocess_exec
   * @example
   * ```ts
   * yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "make", [], { stderr: asyncio.STDOUT });
   * ```
   */
  stderr?: Stdio;
  /**
   * The directory the child starts in (the parent's by default).
   * In Python, the `cwd` argument of `subprocess.Popen`.
   *
   * @python `subprocess.Popen` — https://docs.python.org/3/library/subprocess.html
   * @example
   * ```ts
   * yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "ls", [], { cwd: "/var/log" });
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
   * yield* loop.subprocessExec(() => new asyncio.SubprocessProtocol(), "env", [], { env: { PATH: "/usr/bin" } });
   * ```
   */
  env?: NodeJS.ProcessEnv;
}

declare module "../../core/kernel/event-loop.js" {
  interface EventLoop {
    /**
     * Starts `program` with `args` (no shell) and returns `[transport, protocol]`; the protocol
     * hears its pipes and its exit. stdin, stdout and stderr are pipes unless the options say
     * otherwise. Node only.
     *
     * @python `asyncio.loop.subprocess_exec` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.subprocess_exec
     * @example
     * ```ts
     * class Collect extends asyncio.SubprocessProtocol {
     *   readonly done = asyncio.getRunningLoop().createFuture<void>();
     *   override pipeDataReceived(fd: number, data: Uint8Array): void {
     *     process.stdout.write(data);
     *   }
     *   override connectionLost(): void {
     *     this.done.setResult();
     *   }
     * }
     * function* main(): asyncio.Coroutine<void> {
     *   const loop = asyncio.getRunningLoop();
     *   const [transport, protocol] = yield* loop.subprocessExec(() => new Collect(), "ls", ["-l"]);
     *   yield* protocol.done;
     *   console.log(transport.getReturncode());
     * }
     * ```
     */
    subprocessExec<P extends SubprocessProtocol>(
      protocolFactory: () => P,
      program: string,
      args?: string[],
      options?: SubprocessTransportOptions,
    ): Coroutine<[SubprocessTransport, P]>;
    /**
     * Starts `cmd` through the shell (`/bin/sh -c` on Unix), as `subprocessExec` does. Node only.
     *
     * @python `asyncio.loop.subprocess_shell` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.subprocess_shell
     * @example
     * ```ts
     * const [child] = yield* loop.subprocessShell(() => new asyncio.SubprocessProtocol(), "ls | wc -l");
     * ```
     */
    subprocessShell<P extends SubprocessProtocol>(
      protocolFactory: () => P,
      cmd: string,
      options?: SubprocessTransportOptions,
    ): Coroutine<[SubprocessTransport, P]>;
  }
}

EventLoop.prototype.subprocessExec = function* subprocessExec<P extends SubprocessProtocol>(
  this: EventLoop,
  protocolFactory: () => P,
  program: string,
  args: string[] = [],
  options: SubprocessTransportOptions = {},
): Coroutine<[SubprocessTransport, P]> {
  return yield* makeSubprocessTransport(this, protocolFactory, program, args, false, options);
};

EventLoop.prototype.subprocessShell = function* subprocessShell<P extends SubprocessProtocol>(
  this: EventLoop,
  protocolFactory: () => P,
  cmd: string,
  options: SubprocessTransportOptions = {},
): Coroutine<[SubprocessTransport, P]> {
  if (typeof cmd !== "string") throw new ValueError("cmd must be a string");
  return yield* makeSubprocessTransport(this, protocolFactory, cmd, [], true, options);
};

function* makeSubprocessTransport<P extends SubprocessProtocol>(
  loop: EventLoop,
  protocolFactory: () => P,
  command: string,
  args: string[],
  shell: boolean,
  options: SubprocessTransportOptions,
): Coroutine<[BaseSubprocessTransport, P]> {
  // CPython's loop.subprocess_exec defaults each stream to PIPE; None (here
  // an explicit `undefined`) inherits.
  const stdin = "stdin" in options ? options.stdin : PIPE;
  const stdout = "stdout" in options ? options.stdout : PIPE;
  const stderr = "stderr" in options ? options.stderr : PIPE;
  const protocol = protocolFactory();
  checkStrings(command, args, options);
  const file = shell ? command : fileToSpawn(command, options);
  let child: ChildProcess;
  try {
    child = childProcess().spawn(file, args, {
      // The child's argv[0] stays the program as given, as with CPython.
      argv0: shell ? undefined : command,
      shell,
      cwd: options.cwd,
      env: options.env,
      stdio: nodeStdio(stdin, stdout, stderr),
    });
  } catch (e) {
    // Node throws some spawn errors at once (E2BIG) as a plain Error: CPython's Popen raises OSError.
    throw spawnError(toOSError(e), command);
  }
  const merge = stderr === STDOUT && child.stdout !== null && child.stderr !== null;
  const waiter = loop.createFuture<void>();
  const transport = new BaseSubprocessTransport(
    loop,
    protocol,
    child,
    {
      stdin: child.stdin ?? undefined,
      stdout: merge ? mergeReadables(child.stdout!, child.stderr!) : (child.stdout ?? undefined),
      stderr: merge ? undefined : (child.stderr ?? undefined),
    },
    waiter,
  );
  try {
    yield* waiter;
  } catch (e) {
    transport.close();
    // A child that never started has nothing to wait for (CPython's Popen would have raised).
    if (transport.getPid() !== undefined) yield* transport._wait();
    throw spawnError(e, command);
  }
  return [transport, protocol];
}

/**
 * CPython's ValueErrors for what no C string can hold, raised before the
 * spawn; Node would throw its own TypeError (ERR_INVALID_ARG_VALUE).
 */
function checkStrings(command: string, args: string[], options: SubprocessTransportOptions): void {
  if (!Array.isArray(args)) {
    // Python's create_subprocess_exec(program, *args): ported as it stands, the
    // arguments arrive one by one, and Node's own error names none of this.
    throw new TypeError(
      `the program's arguments go in one array: createSubprocessExec(${JSON.stringify(command)}, [${JSON.stringify(args)}, ...], options), not one by one as Python's create_subprocess_exec(program, *args) takes them`,
    );
  }
  const strings = [command, ...args, options.cwd ?? ""];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (name.includes("=")) throw new ValueError("illegal environment variable name");
    strings.push(name, value ?? "");
  }
  if (strings.some((s) => s.includes("\0"))) throw new ValueError("embedded null byte");
}

/**
 * What to spawn for `program`: on Linux the file CPython would execute (see
 * exec-path.ts), so that glibc neither searches PATH differently nor runs a
 * file the kernel refuses through /bin/sh.
 */
function fileToSpawn(program: string, options: SubprocessTransportOptions): string {
  if (process.platform !== "linux") return program;
  const target = findExecutable(program, options.cwd, options.env);
  if ("path" in target) return target.path;
  // CPython's Popen raises at once; an error not in EXEC_ERRORS is left to the spawn to report.
  const error = execError(target.errno, program);
  if (error !== undefined) throw error;
  return program;
}

/** CPython's Popen errors for a program that cannot be run: class, errno, strerror. */
const EXEC_ERRORS: Record<string, [typeof OSError, number, string]> = {
  ENOENT: [FileNotFoundError, 2, "No such file or directory"],
  EACCES: [PermissionError, 13, "Permission denied"],
  ENOEXEC: [OSError, 8, "Exec format error"],
  E2BIG: [OSError, 7, "Argument list too long"],
};

function execError(errno: string, program: string): OSError | undefined {
  const known = EXEC_ERRORS[errno];
  if (known === undefined) return undefined;
  const [Class, number, strerror] = known;
  return new Class(`[Errno ${number}] ${strerror}: '${program}'`, errno);
}

/** A spawn's own error in CPython's words (Node's `spawn x ENOENT` becomes the cause). */
function spawnError(error: unknown, program: string): unknown {
  const errno = error instanceof OSError ? error.errno : undefined;
  const mapped = errno === undefined ? undefined : execError(errno, program);
  if (mapped === undefined) return error;
  mapped.cause = error;
  return mapped;
}

type NodeStdio = "pipe" | "ignore" | "inherit" | number;

function nodeStdio(stdin: Stdio, stdout: Stdio, stderr: Stdio): SpawnOptions["stdio"] {
  // STDOUT: stderr goes where stdout goes; with stdout inherited, that is the parent's fd 1.
  const err: NodeStdio = stderr === STDOUT ? (stdout === undefined ? 1 : one(stdout)) : one(stderr);
  return [one(stdin), one(stdout), err];
}

function one(value: Stdio): NodeStdio {
  if (value === PIPE) return "pipe";
  if (value === DEVNULL) return "ignore";
  if (value === undefined) return "inherit";
  throw new ValueError("STDOUT can only be used for stderr");
}
