/**
 * SubprocessProtocol (CPython's, in protocols.py): what the loop's subprocess
 * transport (subprocess-transport.ts) calls as the child's pipes carry data
 * and close and as the child exits. A file of its own because only that
 * transport calls it; `createSubprocessExec` subclasses it
 * (subprocess-stream-protocol.ts).
 */
import { BaseProtocol } from "./protocols.js";
import type { SubprocessTransport } from "./transport.js";

/**
 * What a child process reports (`loop.subprocessExec`): output of its pipes by fd (1 stdout,
 * 2 stderr), each pipe's end, its exit, and at last `connectionLost`, once it has exited and
 * all its pipes are closed.
 *
 * @python `asyncio.SubprocessProtocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessProtocol
 * @example
 * ```ts
 * class Collect extends asyncio.SubprocessProtocol {
 *   output = "";
 *   readonly exited = asyncio.getRunningLoop().createFuture<void>();
 *   override pipeDataReceived(fd: number, data: Uint8Array): void {
 *     if (fd === 1) this.output += new TextDecoder().decode(data);
 *   }
 *   override connectionLost(): void {
 *     this.exited.setResult();
 *   }
 * }
 * function* main(): asyncio.Coroutine<void> {
 *   const loop = asyncio.getRunningLoop();
 *   const [, protocol] = yield* loop.subprocessExec(() => new Collect(), "ls", [], { stdout: asyncio.PIPE });
 *   yield* protocol.exited;
 *   console.log(protocol.output);
 * }
 * ```
 */
export class SubprocessProtocol extends BaseProtocol {
  /**
   * Called when the child has started, with its SubprocessTransport.
   *
   * @python `asyncio.BaseProtocol.connection_made` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * class Child extends asyncio.SubprocessProtocol {
   *   override connectionMade(transport: asyncio.SubprocessTransport): void {
   *     console.log(`started ${transport.getPid()}`);
   *   }
   * }
   * ```
   */
  override connectionMade(_transport: SubprocessTransport): void {}
  /**
   * Called when the child wrote `data` to fd 1 (stdout) or 2 (stderr).
   *
   * @python `asyncio.SubprocessProtocol.pipe_data_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessProtocol.pipe_data_received
   * @example
   * ```ts
   * class Child extends asyncio.SubprocessProtocol {
   *   override pipeDataReceived(fd: number, data: Uint8Array): void {
   *     (fd === 1 ? process.stdout : process.stderr).write(data);
   *   }
   * }
   * ```
   */
  pipeDataReceived(_fd: number, _data: Uint8Array): void {}
  /**
   * Called when the pipe on `fd` closed (0: stdin); `exc` is what broke it, if anything.
   *
   * @python `asyncio.SubprocessProtocol.pipe_connection_lost` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessProtocol.pipe_connection_lost
   * @example
   * ```ts
   * class Child extends asyncio.SubprocessProtocol {
   *   override pipeConnectionLost(fd: number): void {
   *     console.log(`pipe ${fd} closed`);
   *   }
   * }
   * ```
   */
  pipeConnectionLost(_fd: number, _exc: Error | undefined): void {}
  /**
   * Called when the child exited; `transport.getReturncode()` says how.
   *
   * @python `asyncio.SubprocessProtocol.process_exited` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.SubprocessProtocol.process_exited
   * @example
   * ```ts
   * class Child extends asyncio.SubprocessProtocol {
   *   private transport?: asyncio.SubprocessTransport;
   *   override connectionMade(transport: asyncio.SubprocessTransport): void {
   *     this.transport = transport;
   *   }
   *   override processExited(): void {
   *     console.log(`exit status ${this.transport!.getReturncode()}`);
   *   }
   * }
   * ```
   */
  processExited(): void {}
}
