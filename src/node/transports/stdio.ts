/**
 * What becomes of a child's stdin, stdout and stderr (Python's `subprocess`
 * constants). Shared by `loop.subprocessExec` and `createSubprocessExec`.
 */

/** A pipe to the child (Python's `subprocess.PIPE`). */
export const PIPE = -1;
/** stderr into stdout's pipe (Python's `subprocess.STDOUT`). */
export const STDOUT = -2;
/** Nothing (Python's `subprocess.DEVNULL`). */
export const DEVNULL = -3;

/** `undefined` inherits the parent's stream, as Python's `None`. */
export type Stdio = typeof PIPE | typeof STDOUT | typeof DEVNULL | undefined;
