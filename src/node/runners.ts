/**
 * `run` and `Runner` on Node: while `run()` runs, Ctrl-C (SIGINT) does what it does in Python 3.11+: the first cancels
 * the main Task (run then raises KeyboardInterrupt unless the Task swallowed
 * the cancellation), the next raises KeyboardInterrupt out of the loop. As in
 * CPython, this happens only where nobody else handles SIGINT, and a
 * KeyboardInterrupt nobody catches ends the process by SIGINT (exit-by-sigint.ts).
 */
import type { Awaitable, Coroutine } from "../core/coroutine.js";
import { KeyboardInterrupt } from "../core/exceptions.js";
import {
  Runner as CoreRunner,
  type RunnerRunOptions,
  type RunOptions,
  runWith,
} from "../core/runners.js";
import { exitBySigintIfUnhandled } from "./exit-by-sigint.js";

export class Runner extends CoreRunner {
  static override readonly pythonName: string = "Runner";
  override async run<T>(main: Coroutine<T> | Awaitable<T>, options?: RunnerRunOptions): Promise<T> {
    try {
      return await super.run(main, options);
    } catch (e) {
      if (e instanceof KeyboardInterrupt) exitBySigintIfUnhandled();
      throw e;
    }
  }

  protected override _installInterruptHandler(): (() => void) | undefined {
    // CPython installs its handler only over the default one.
    if (process.listenerCount("SIGINT") > 0) return undefined;
    const onSigint = (): void => this.interrupt();
    process.on("SIGINT", onSigint);
    return () => {
      process.off("SIGINT", onSigint);
    };
  }
}

/**
 * Runs `main` on a new Node event loop and returns its result (Python's
 * `asyncio.run`, with its Ctrl-C handling).
 * @example await asyncio.run(main());
 */
export function run<T>(main: Coroutine<T> | Awaitable<T>, options?: RunOptions): Promise<T> {
  return runWith(Runner, main, options);
}
