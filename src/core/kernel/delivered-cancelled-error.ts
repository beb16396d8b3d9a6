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
 * frames would have printed, `CancelledError: message`. A probe says
 * whether the host does so under the `Error.prepareStackTrace` installed
 * (again whenever another is), if that is Node's own or none (a
 * browser's); under a program's own (which would have formatted that
 * stack), and on other hosts, the capture of no frames stays.
 * One thing differs: the header is written as the error is made, so a
 * `message` changed before `stack` is first read no longer shows in it.
 */
import { CancelledError } from "./exceptions.js";

/** The host's `Error` as V8 extends it (both are absent on some hosts). */
const host = Error as { stackTraceLimit?: unknown; prepareStackTrace?: unknown };

/** What Node names the `Error.prepareStackTrace` it installs. */
const NODE_HOOK = "ErrorPrepareStackTrace";

/** The `Error.prepareStackTrace` the probe last ran under, and what it found. */
let probedHook: unknown = Symbol("not probed yet");
let headerOnly = false;

/**
 * A native CancelledError with `message` (an empty one is left to
 * `Error.prototype.message`: an own property per error made them a fifth
 * dearer), whose stack is its header alone.
 */
export function deliveredCancelledError(message: string | undefined): CancelledError {
  const hook = host.prepareStackTrace;
  if (hook !== probedHook) {
    probedHook = hook;
    headerOnly = probe(hook);
  }
  const skip = headerOnly;
  const limit = host.stackTraceLimit;
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
 * True if, under `hook` (the `Error.prepareStackTrace` installed now), an
 * error made with no limit has no stack and takes one written to it, and
 * one made with a limit of 0 prints just its header, with a message or
 * without: then writing the header is what the host would have printed.
 */
function probe(hook: unknown): boolean {
  // Only the host's formatting is probed (none, or Node's own): a program's
  // hook is never called for an error it did not ask about.
  if (hook !== undefined && (typeof hook !== "function" || hook.name !== NODE_HOOK)) return false;
  const limit = host.stackTraceLimit;
  try {
    host.stackTraceLimit = undefined;
    const bare = new CancelledError("probe");
    host.stackTraceLimit = 0;
    for (const empty of [new CancelledError("probe"), new CancelledError()]) {
      if (empty.stack !== header(empty)) return false;
    }
    if (bare.stack !== undefined) return false;
    bare.stack = "written";
    return bare.stack === "written";
  } catch {
    return false;
  } finally {
    host.stackTraceLimit = limit;
  }
}
