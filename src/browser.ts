/**
 * asyncio-ts in browsers (and any runtime without Node's modules): the core
 * and the tools. The package's `browser` export condition resolves here.
 */
export * from "./core/index.js";
export * from "./tools/index.js";
