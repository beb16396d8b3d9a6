/**
 * What becomes of a child's stdin, stdout and stderr (Python's `subprocess`
 * constants). Shared by `loop.subprocessExec` and `createSubprocessExec`.
 */

/**
 * A pipe to the child: the Process gets a stream for it.
 *
 * @python `asyncio.subprocess.PIPE` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.PIPE
 * @example
 * ```ts
 * const proc = yield* asyncio.createSubprocessExec("date", [], { stdout: asyncio.PIPE });
 * ```
 */
export const PIPE = -1;
/**
 * For `stderr`: the child's stderr goes where its stdout goes.
 *
 * @python `asyncio.subprocess.STDOUT` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.STDOUT
 * @example
 * ```ts
 * const proc = yield* asyncio.createSubprocessExec("make", [], { stdout: asyncio.PIPE, stderr: asyncio.STDOUT });
 * ```
 */
export const STDOUT = -2;
/**
 * Nothing: the stream is connected to the null device.
 *
 * @python `asyncio.subprocess.DEVNULL` — https://docs.python.org/3/library/asyncio-subprocess.html#asyncio.subprocess.DEVNULL
 * @example
 * ```ts
 * const proc = yield* asyncio.createSubprocessExec("noisy", [], { stdout: asyncio.DEVNULL, stderr: asyncio.DEVNULL });
 * ```
 */
export const DEVNULL = -3;

/**
 * What becomes of one of a child's standard streams: PIPE, STDOUT, DEVNULL, or `undefined`,
 * which inherits the parent's stream (Python's `None`).
 * In Python, the `stdin`/`stdout`/`stderr` arguments of `subprocess.Popen`.
 *
 * @python `subprocess.Popen` — https://docs.python.org/3/library/subprocess.html
 * @example
 * ```ts
 * const quiet: asyncio.Stdio = asyncio.DEVNULL;
 * const proc = yield* asyncio.createSubprocessExec("make", [], { stdout: quiet });
 * ```
 */
export type Stdio = typeof PIPE | typeof STDOUT | typeof DEVNULL | undefined;
