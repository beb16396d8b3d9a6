/**
 * asyncio-ts: Python's asyncio in TypeScript. On Node the loop gains signal
 * handlers and `run`/`Runner` handle Ctrl-C (the Node layer); in browsers the
 * package resolves to the core alone.
 * @example
 * import * as asyncio from "asyncio-ts";
 * function* main() { yield* asyncio.sleep(1); return "done"; }
 * console.log(await asyncio.run(main()));
 */
export * from "./core/index.js";
export {
  EOFError,
  type ExecutorJob,
  IncompleteReadError,
  LimitOverrunError,
  type ReadTransport,
  Runner,
  run,
  type SignalLike,
  StreamReader,
  toThread,
  type WorkerFunction,
  WorkerPoolExecutor,
} from "./node/index.js";
export * from "./tools/index.js";
