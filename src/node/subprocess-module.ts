/**
 * `asyncio.subprocess`, the module, as one object: Python programs (the
 * asyncio documentation's own examples among them) spell the constants
 * `asyncio.subprocess.PIPE`, and a port can keep the spelling.
 */
import { createSubprocessExec, createSubprocessShell, Process } from "./subprocess.js";
import { DEVNULL, PIPE, STDOUT } from "./transports/stdio.js";

/**
 * Python's `asyncio.subprocess` module: the package's own `PIPE`, `STDOUT`, `DEVNULL`,
 * `Process`, `createSubprocessExec` and `createSubprocessShell` under one name
 * (`asyncio.subprocess.PIPE === asyncio.PIPE`).
 *
 * @python `asyncio.subprocess` — https://docs.python.org/3/library/asyncio-subprocess.html
 * @example
 * ```ts
 * const proc = yield* asyncio.createSubprocessShell("ls /zzz", {
 *   stdout: asyncio.subprocess.PIPE,
 *   stderr: asyncio.subprocess.PIPE,
 * });
 * ```
 */
export const subprocess = /* @__PURE__ */ Object.freeze({
  PIPE,
  STDOUT,
  DEVNULL,
  /**
   * `asyncio.Process`.
   *
   * @python `asyncio.subprocess.Process` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.Process
   * @example
   * ```ts
   * const proc = yield* asyncio.subprocess.createSubprocessExec("true", []);
   * console.log(proc instanceof asyncio.subprocess.Process); // true
   * ```
   */
  Process,
  /**
   * `asyncio.createSubprocessExec`.
   *
   * @python `asyncio.create_subprocess_exec` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_exec
   * @example
   * ```ts
   * const proc = yield* asyncio.subprocess.createSubprocessExec("ls", ["-l"], { stdout: asyncio.subprocess.PIPE });
   * ```
   */
  createSubprocessExec,
  /**
   * `asyncio.createSubprocessShell`.
   *
   * @python `asyncio.create_subprocess_shell` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.create_subprocess_shell
   * @example
   * ```ts
   * const proc = yield* asyncio.subprocess.createSubprocessShell("ls -l | wc -l", { stdout: asyncio.subprocess.PIPE });
   * ```
   */
  createSubprocessShell,
});
