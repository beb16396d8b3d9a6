/**
 * asyncio-ts: Python's asyncio in TypeScript.
 * @example
 * import * as asyncio from "asyncio-ts";
 * function* main() { yield* asyncio.sleep(1); return "done"; }
 * console.log(await asyncio.run(main()));
 */
export * from "./core/index.js";
export * from "./tools/index.js";
