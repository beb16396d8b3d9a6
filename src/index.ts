/**
 * asyncio-ts: Python's asyncio in TypeScript. On Node the loop gains signal
 * handlers and executors, `run`/`Runner` handle Ctrl-C, and streams run on
 * sockets (the Node layer); in browsers the package resolves to the core and
 * the tools (browser.ts).
 * @example
 * ```ts
 * import * as asyncio from "asyncio-ts";
 *
 * function* main(): asyncio.Coroutine<string> {
 *   yield* asyncio.sleep(1);
 *   return "done";
 * }
 * console.log(await asyncio.run(main()));
 * ```
 * @module asyncio-ts
 */
export * from "./core/index.js";
export * from "./node/index.js";
// The Node layer's Runner and run replace the core's (they add Ctrl-C).
export { Runner, run } from "./node/index.js";
export * from "./tools/index.js";
