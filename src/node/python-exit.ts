/**
 * What an unhandled KeyboardInterrupt or SystemExit does to the Node process:
 * what CPython's interpreter does with one that reaches the top level.
 *
 * - KeyboardInterrupt (3.8+, `exit_sigint`): printed, then the process kills
 *   itself with SIGINT under the default disposition. A shell then sees 130
 *   (128 + SIGINT), and `make`, CI and process managers see an interrupt,
 *   not a failure.
 * - SystemExit (`handle_system_exit`): no traceback; the process exits with
 *   its integer code, 0 for none, or prints any other code and exits 1.
 *
 * Node's default for an uncaught error would print its stack and exit 1.
 * Only what nobody handled: one caught around `await asyncio.run()` never
 * gets here, and a program with its own `uncaughtException` handler (or
 * capture callback) decides for itself.
 */
import { KeyboardInterrupt, SystemExit } from "../core/kernel/index.js";
import { fs, util } from "./lazy-builtins.js";

// What CPython exits with where the signal does not end the process.
const SIGINT_STATUS = 130;

let watching = false;

/**
 * Called with what `run()` or `close()` raised: if it is a KeyboardInterrupt
 * or SystemExit, from now on one that reaches the top level ends the process
 * as in CPython.
 */
export function exitAsPythonIfUnhandled(raised: unknown): void {
  if (watching || !isExit(raised)) return;
  watching = true;
  process.on("uncaughtExceptionMonitor", onUncaught);
}

const isExit = (e: unknown): e is KeyboardInterrupt | SystemExit =>
  e instanceof KeyboardInterrupt || e instanceof SystemExit;

function onUncaught(error: unknown): void {
  if (!isExit(error)) return;
  const interrupt = error instanceof KeyboardInterrupt;
  if (process.listenerCount("uncaughtException") > 0) return;
  if (process.hasUncaughtExceptionCaptureCallback()) return;
  if (interrupt) {
    printNow(util().inspect(error));
    // `exit` listeners run first, as CPython runs atexit before it re-kills itself.
    process.once("exit", killBySigint);
    process.exit(SIGINT_STATUS);
  }
  const code = (error as SystemExit).code;
  if (code === undefined) process.exit(0);
  if (typeof code === "number" && Number.isInteger(code)) process.exit(code);
  printNow(String(code));
  process.exit(1);
}

function printNow(text: string): void {
  try {
    // Synchronously: the process is about to end.
    fs().writeSync(2, `${text}\n`);
  } catch {
    // No stderr to print to; the exit status still tells.
  }
}

function killBySigint(): void {
  // Node's SIGINT listeners would catch it; without them Node restores the default action.
  process.removeAllListeners("SIGINT");
  // Windows has no signals: `process.kill` would end the process with another status.
  if (process.platform !== "win32") process.kill(process.pid, "SIGINT");
}
