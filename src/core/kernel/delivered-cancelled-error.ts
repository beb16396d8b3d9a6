/**
 * The CancelledErrors the runtime makes itself: the one a cancelled wait
 * throws into a Task (`Future._makeCancelledError`) and the fresh one gather
 * puts in its results for each cancelled child. Their stack would show only
 * the loop's own frames, so none is captured.
 *
 * They stay native errors: `util.types.isNativeError`, `structuredClone` and
 * `util.inspect` must treat them as they treat any Error, so the Error
 * constructor makes them. What that costs is the capture. V8 pays for it even
 * at `Error.stackTraceLimit = 0` (it still walks the stack to its first
 * frame: about half of an error made at the loop's depth); with a limit that
 * is not a number it captures nothing and leaves `stack` undefined. So where
 * the host is V8 printing a stackless error as its header (Node, Chromium),
 * the error is made with no limit and given the `stack` a capture of no
 * frames would have printed, `CancelledError: message`. A probe, at the
 * first error, says whether the host does so under the
 * `Error.prepareStackTrace` installed then (Node's own, or none in a
 * browser); while another one is installed (a program's, which would have
 * formatted that stack), and on other hosts, the capture of no frames stays.
 * One thing differs: the header is written as the error is made, so a
 * `message` changed before `stack` is first read no longer shows in it.
 */
import { CancelledError } from "./exceptions.js";

/** The host's `Error` as V8 extends it (both are absent on some hosts). */
const host = Error as { stackTraceLimit?: unknown; prepareStackTrace?: unknown };

/** The `Error.prepareStackTrace` the probe ran under, and what it found. */
let probedHook: unknown = null;
let headerOnly: boolean | null = null;

/**
 * A native CancelledError with `message` (an empty one is left to
 * `Error.prototype.message`: an own property per error made them a fifth
 * dearer), whose stack is its header alone.
 */
export function deliveredCancelledError(message: string | undefined): CancelledError {
  const limit = host.stackTraceLimit;
  const skip = (headerOnly ??= probe()) && host.prepareStackTrace === probedHook;
  host.stackTraceLimit = skip ? undefined : 0;
  let error: CancelledError;
  try {
    error = new CancelledError(message || undefined);
  } finally {
    host.stackTraceLimit = limit;
  }
  if (skip) error.stack = header(error);
  return error;
}

/**
 * What `Error.prototype.toString()` gives for an error whose name and
 * message are strings (calling it cost more than making the error).
 */
function header(error: CancelledError): string {
  const name = error.name;
  const message = error.message;
  return message === "" ? name : name === "" ? message : `${name}: ${message}`;
}

/**
 * True if, under the `Error.prepareStackTrace` installed now, an error made
 * with no limit has no stack and takes one written to it, and one made with
 * a limit of 0 prints just its header: then writing the header is what the
 * host would have printed.
 */
function probe(): boolean {
  const limit = host.stackTraceLimit;
  probedHook = host.prepareStackTrace;
  try {
    host.stackTraceLimit = undefined;
    const bare = new CancelledError("probe");
    host.stackTraceLimit = 0;
    const empty = new CancelledError("probe");
    if (bare.stack !== undefined || empty.stack !== header(empty)) return false;
    bare.stack = "written";
    return bare.stack === "written";
  } catch {
    return false;
  } finally {
    host.stackTraceLimit = limit;
  }
}
