/**
 * `asyncio.subprocess`, the module: Python programs (the asyncio
 * documentation's own examples among them) spell the constants
 * `asyncio.subprocess.PIPE` and annotate with `asyncio.subprocess.Process`,
 * and a port can keep both spellings. index.ts re-exports this module as a
 * namespace (`export * as subprocess`), so its names are values and types
 * alike, where a frozen object's would be values only.
 */
export { createSubprocessExec, createSubprocessShell, Process } from "./subprocess.js";
export { DEVNULL, PIPE, STDOUT } from "./transports/stdio.js";
