/**
 * CPython's `BaseSubprocessTransport` (base_subprocess.py) on a Node
 * ChildProcess.
 *
 * Invariants, as in CPython:
 * - the protocol hears, each from its own loop callback: `connectionMade`;
 *   then `pipeDataReceived` and `pipeConnectionLost` as the pipes deliver,
 *   and `processExited` once; last `connectionLost(undefined)`, once, only
 *   after the child exited and every pipe closed. Anything reported before
 *   `connectionMade` waits in `_pendingCalls` and follows it in order.
 * - `_wait()` (Process.wait) answers at once after the exit, else at
 *   `connectionLost`; after `connectionLost`, signalling raises
 *   ProcessLookupError.
 *
 * One departure: `_wait()` also answers when Node closes the child (it
 * exited and Node read its pipes to the end), even if a reader paused by
 * flow control has not seen the end yet. CPython would wait for that reader
 * to be read; there the child cannot exit with a full pipe, but Node drains
 * a child's pipes when it exits, so all the output is already here and
 * waiting on would only deadlock (test_read_all_from_pipe_reader in
 * test/streams-sockets.test.ts).
 *
 * Unlike CPython, the pipe transports are made in the constructor, before
 * any `yield*`: Node drains (and discards) a child's unread pipes when it
 * exits, so they must be listened to from the start.
 */
import type { ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import {
  type Coroutine,
  type EventLoop,
  type Future,
  inspectCustom,
  named,
} from "../../core/kernel/index.js";
import { os } from "../lazy-builtins.js";
import { ProcessLookupError } from "../streams/connection-errors.js";
import { waitForEvent } from "./host-event.js";
import { holdOnLoop, type LoopResource, letGo } from "./loop-resources.js";
import { ReadPipeTransport, WritePipeTransport } from "./pipe-transports.js";
import {
  type PipeOwner,
  ReadSubprocessPipeProto,
  WriteSubprocessPipeProto,
} from "./subprocess-pipes.js";
import type { SubprocessProtocol } from "./subprocess-protocol.js";
import type { ExtraInfo, ReadTransport, SubprocessTransport, WriteTransport } from "./transport.js";

/** The parent's ends of the child's pipes (stdout may carry stderr too). */
export interface ChildPipes {
  stdin?: Writable | undefined;
  stdout?: Readable | undefined;
  stderr?: Readable | undefined;
}

export class BaseSubprocessTransport implements SubprocessTransport, PipeOwner, LoopResource {
  // The Task the constructor starts is coro=<BaseSubprocessTransport._connectPipes()>, CPython's
  // coro=<BaseSubprocessTransport._connect_pipes()> (core/kernel/coroutine-qualname.ts).
  static readonly name = /* @__PURE__ */ named(this, "BaseSubprocessTransport", ["_connectPipes"]);
  private _closed = false;
  private _protocol: SubprocessProtocol;
  private _proc: ChildProcess | undefined;
  private readonly _pid: number | undefined;
  private _returncode: number | undefined = undefined;
  private _exitWaiters: Future<number>[] = [];
  private _pendingCalls: (() => void)[] | undefined = [];
  private readonly _pipes = new Map<number, WriteSubprocessPipeProto>();
  private _finished = false;
  private readonly _extra: Record<string, unknown>;

  constructor(
    private readonly _loop: EventLoop,
    protocol: SubprocessProtocol,
    child: ChildProcess,
    pipes: ChildPipes,
    waiter: Future<void>,
  ) {
    this._protocol = protocol;
    this._proc = child;
    this._pid = child.pid;
    this._extra = { subprocess: child };
    // After the spawn, an `error` is a failed kill(); with no listener Node would crash.
    child.on("error", () => {});
    child.once("exit", this._onHostExit);
    child.once("close", this._onHostClose);
    holdOnLoop(_loop, this);
    const spawned = waitForEvent<void>(
      _loop,
      (ok, fail) => {
        child.once("spawn", () => ok());
        child.once("error", fail);
      },
      () => {},
    );
    const connected: Future<void>[] = [];
    if (pipes.stdin) connected.push(this._connectWritePipe(pipes.stdin));
    if (pipes.stdout) connected.push(this._connectReadPipe(1, pipes.stdout));
    if (pipes.stderr) connected.push(this._connectReadPipe(2, pipes.stderr));
    _loop.createTask(this._connectPipes(spawned, connected, waiter));
  }

  private _connectWritePipe(stream: Writable): Future<void> {
    const waiter = this._loop.createFuture<void>();
    const proto = new WriteSubprocessPipeProto(this, 0);
    proto.pipe = new WritePipeTransport(this._loop, proto, stream, waiter);
    this._pipes.set(0, proto);
    return waiter;
  }

  private _connectReadPipe(fd: 1 | 2, stream: Readable): Future<void> {
    const waiter = this._loop.createFuture<void>();
    const proto = new ReadSubprocessPipeProto(this, fd);
    proto.pipe = new ReadPipeTransport(this._loop, proto, stream, waiter);
    this._pipes.set(fd, proto);
    return waiter;
  }

  /** @internal CPython's `_connect_pipes`: `connectionMade` once the child runs and its pipes are connected. */
  *_connectPipes(
    spawned: Future<void>,
    connected: Future<void>[],
    waiter: Future<void>,
  ): Coroutine<void> {
    try {
      yield* spawned;
      for (const pipe of connected) yield* pipe;
      const protocol = this._protocol;
      this._loop.callSoon(() => protocol.connectionMade(this));
      for (const call of this._pendingCalls!) this._loop.callSoon(call);
      this._pendingCalls = undefined;
    } catch (exc) {
      // The child never started: CPython's Popen raised before any transport
      // existed, so there is nothing for the loop to hold or release.
      this._proc = undefined;
      letGo(this._loop, this);
      if (!waiter.cancelled()) waiter.setException(exc);
      return;
    }
    if (!waiter.cancelled()) waiter.setResult(undefined);
  }

  private readonly _onHostExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (this._loop.isClosed()) return;
    // As Python: a child killed by a signal has the negative signal number.
    const returncode =
      code ?? -((os().constants.signals as Record<string, number>)[signal ?? ""] ?? 0);
    this._loop.callSoon(() => this._processExited(returncode));
  };

  /** After `exit` (Node emits it first): the child's pipes are read to their end. */
  private readonly _onHostClose = (): void => {
    if (!this._loop.isClosed()) this._loop.callSoon(() => this._wakeExitWaiters());
  };

  // --- what the pipes and the child report ----------------------------------

  private _call(callback: () => void): void {
    if (this._pendingCalls !== undefined) this._pendingCalls.push(callback);
    else this._loop.callSoon(callback);
  }

  /** @internal */
  _pipeDataReceived(fd: number, data: Uint8Array): void {
    const protocol = this._protocol;
    this._call(() => protocol.pipeDataReceived(fd, data));
  }

  /** @internal */
  _pipeConnectionLost(fd: number, exc: Error | undefined): void {
    const protocol = this._protocol;
    this._call(() => protocol.pipeConnectionLost(fd, exc));
    this._tryFinish();
  }

  private _processExited(returncode: number): void {
    if (this._returncode !== undefined) return;
    this._returncode = returncode;
    const protocol = this._protocol;
    this._call(() => protocol.processExited());
    this._tryFinish();
  }

  private _tryFinish(): void {
    if (this._finished || this._returncode === undefined) return;
    for (const proto of this._pipes.values()) if (!proto.disconnected) return;
    this._finished = true;
    this._call(() => this._callConnectionLost(undefined));
  }

  private _callConnectionLost(exc: Error | undefined): void {
    try {
      this._protocol.connectionLost(exc);
    } finally {
      this._wakeExitWaiters();
      this._proc = undefined;
      letGo(this._loop, this);
    }
  }

  /**
   * @internal The loop closed with the child still ours: do what CPython's
   * transport does when it is collected (kill a running child), and let
   * Node exit without waiting for it. The pipes are released as transports.
   */
  _releaseOnLoopClose(): void {
    const proc = this._proc;
    if (proc === undefined) return;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    proc.unref();
  }

  private _wakeExitWaiters(): void {
    const returncode = this._returncode;
    if (returncode === undefined) return;
    for (const waiter of this._exitWaiters) if (!waiter.cancelled()) waiter.setResult(returncode);
    this._exitWaiters = [];
  }

  /** @internal Process.wait: the status at once after the exit, else at `connectionLost`. */
  *_wait(): Coroutine<number> {
    if (this._returncode !== undefined) return this._returncode;
    const waiter = this._loop.createFuture<number>();
    // The child's exit is a host event: a virtual clock must not jump while it is awaited.
    this._loop._hostOps++;
    waiter.addDoneCallback(() => {
      this._loop._hostOps--;
    });
    this._exitWaiters.push(waiter);
    return yield* waiter;
  }

  // --- the SubprocessTransport interface ------------------------------------

  getPid(): number | undefined {
    return this._pid;
  }

  getReturncode(): number | undefined {
    return this._returncode;
  }

  getPipeTransport(fd: 0): WriteTransport | undefined;
  getPipeTransport(fd: 1 | 2): ReadTransport | undefined;
  getPipeTransport(fd: number): ReadTransport | WriteTransport | undefined;
  getPipeTransport(fd: number): ReadTransport | WriteTransport | undefined {
    return this._pipes.get(fd)?.pipe;
  }

  sendSignal(signal: NodeJS.Signals | number): void {
    if (this._proc === undefined) throw new ProcessLookupError("");
    // Node ignores a child that already exited, as CPython ignores ESRCH here.
    this._proc.kill(signal);
  }

  terminate(): void {
    this.sendSignal("SIGTERM");
  }

  kill(): void {
    this.sendSignal("SIGKILL");
  }

  isClosing(): boolean {
    return this._closed;
  }

  close(): void {
    if (this._closed) return;
    this._closed = true;
    for (const proto of this._pipes.values()) proto.pipe.close();
    const proc = this._proc;
    const running =
      proc !== undefined &&
      this._pid !== undefined &&
      this._returncode === undefined &&
      proc.exitCode === null &&
      proc.signalCode === null;
    if (running) {
      // CPython kills a child still running when its transport closes (and says so only in debug mode).
      if (this._loop.getDebug()) console.warn(`Close running child process: kill ${this}`);
      proc.kill("SIGKILL");
    }
  }

  getExtraInfo<K extends string, D = undefined>(name: K, defaultValue?: D): ExtraInfo<K, D> {
    const value = this._extra[name];
    return (value === undefined ? defaultValue : value) as ExtraInfo<K, D>;
  }

  setProtocol(protocol: SubprocessProtocol): void {
    this._protocol = protocol;
  }

  getProtocol(): SubprocessProtocol {
    return this._protocol;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    const info = ["SubprocessTransport"];
    if (this._closed) info.push("closed");
    if (this._pid !== undefined) info.push(`pid=${this._pid}`);
    if (this._returncode !== undefined) info.push(`returncode=${this._returncode}`);
    else info.push(this._pid !== undefined ? "running" : "not started");
    for (const [fd, proto] of this._pipes)
      info.push(`${["stdin", "stdout", "stderr"][fd]}=${proto.pipe}`);
    return `<${info.join(" ")}>`;
  }
}
