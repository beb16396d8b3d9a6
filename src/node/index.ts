/** The Node layer: what the loop can do with Node's process behind it. */
// Loading these adds the loop's signal handlers and executor methods.
import "./signals.js";
import "./run-in-executor.js";
// Loading this lets `asyncio-ts ps PID` list the Tasks from another process.
import "./ps-hook.js";
import "./transports/connect.js";
import "./transports/datagram.js";
import "./transports/listen.js";
import "./transports/sendfile.js";
import "./transports/pipes.js";
import "./transports/start-tls.js";
import "./transports/subprocess-exec.js";

export type { RedisConnection } from "./distributed/load-engine.js";
export {
  QueueExecutor,
  type QueueExecutorOptions,
} from "./distributed/queue-executor.js";
export type { RemoteFunction } from "./distributed/remote-function.js";
export { type ExecutorJob, type WorkerFunction, WorkerPoolExecutor } from "./executor.js";
export { toThread } from "./run-in-executor.js";
export { Runner, run } from "./runners.js";
export type { SignalLike } from "./signals.js";
export * from "./streams/index.js";
export {
  createSubprocessExec,
  createSubprocessShell,
  DEVNULL,
  PIPE,
  type PipedStream,
  Process,
  type ProcessOf,
  STDOUT,
  type Stdio,
  type SubprocessOptions,
} from "./subprocess.js";
/**
 * Python's `asyncio.subprocess` module: the package's own `PIPE`, `STDOUT`, `DEVNULL`,
 * `Process`, `createSubprocessExec` and `createSubprocessShell` under one name
 * (`asyncio.subprocess.PIPE === asyncio.PIPE`), for values and types alike
 * (`let proc: asyncio.subprocess.Process`).
 *
 * @python `asyncio.subprocess` — https://docs.python.org/3/library/asyncio-subprocess.html
 * @example
 * ```ts
 * const proc: asyncio.subprocess.Process = yield* asyncio.createSubprocessShell("ls /zzz", {
 *   stdout: asyncio.subprocess.PIPE,
 *   stderr: asyncio.subprocess.PIPE,
 * });
 * console.log(proc instanceof asyncio.subprocess.Process); // true
 * ```
 */
export * as subprocess from "./subprocess-module.js";
export * from "./transports/index.js";
