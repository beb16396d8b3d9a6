/**
 * What an unhandled KeyboardInterrupt does to the Node process: as in CPython
 * (3.8+, `exit_sigint`), it is printed, and then the process kills itself with
 * SIGINT under the default disposition. A shell then sees 130 (128 + SIGINT),
 * and `make`, CI and process managers see an interrupt, not a failure; Node's
 * default for an uncaught error would be exit status 1.
 *
 * Only what nobody handled: a KeyboardInterrupt caught around
 * `await asyncio.run()` never gets here, and a program with its own
 * `uncaughtException` handler (or capture callback) decides for itself.
 */
import { KeyboardInterrupt } from "../core/kernel/index.js";
import { fs, util } from "./lazy-builtins.js";

// What CPython exits with where the signal does not end the process.
const SIGINT_STATUS = 130;

let watching = false;

/** From now on, a KeyboardInterrupt that reaches the top level ends the process by SIGINT. */
export function exitBySigintIfUnhandled(): void {
  if (watching) return;
  watching = true;
  process.on("uncaughtExceptionMonitor", onUncaught);
}

function onUncaught(error: unknown): void {
  if (!(error instanceof KeyboardInterrupt)) return;
  if (process.listenerCount("uncaughtException") > 0) return;
  if (process.hasUncaughtExceptionCaptureCallback()) return;
  try {
    // Synchronously: the process is about to end.
    fs().writeSync(2, `${util().inspect(error)}\n`);
  } catch {
    // No stderr to print to; the exit status still tells.
  }
  // `exit` listeners run first, as CPython runs atexit before it re-kills itself.
  process.once("exit", killBySigint);
  process.exit(SIGINT_STATUS);
}

function killBySigint(): void {
  // Node's SIGINT listeners would catch it; without them Node restores the default action.
  process.removeAllListeners("SIGINT");
  // Windows has no signals: `process.kill` would end the process with another status.
  if (process.platform !== "win32") process.kill(process.pid, "SIGINT");
}
