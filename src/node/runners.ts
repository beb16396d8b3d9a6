/**
 * `run` and `Runner` on Node: while `run()` runs, Ctrl-C (SIGINT) does what it does in Python 3.11+: the first cancels
 * the main Task (run then raises KeyboardInterrupt unless the Task swallowed
 * the cancellation), the next raises KeyboardInterrupt out of the loop. As in
 * CPython, this happens only where nobody else handles SIGINT, and a
 * KeyboardInterrupt nobody catches ends the process by SIGINT, and a SystemExit
 * with its code (python-exit.ts).
 */
import { type Awaitable, type Coroutine, named, RuntimeError } from "../core/kernel/index.js";
import {
  Runner as CoreRunner,
  type RunnerRunOptions,
  type RunOptions,
  runWith,
} from "../core/runners.js";
import { newestJobImport } from "./job-imports.js";
import { exitAsPythonIfUnhandled } from "./python-exit.js";

/**
 * Runs several top-level coroutines on one loop, sharing one Context; on Node, while `run()`
 * runs, Ctrl-C (SIGINT) cancels the main Task and a second Ctrl-C raises KeyboardInterrupt,
 * as in Python 3.11+ (only where nobody else listens for SIGINT).
 *
 * @python `asyncio.Runner` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<string> {
 *   yield* asyncio.sleep(1);
 *   return "done";
 * }
 * const runner = new asyncio.Runner({ virtualTime: true });
 * try {
 *   console.log(await runner.run(main()));
 * } finally {
 *   await runner.close();
 * }
 * ```
 */
export class Runner extends CoreRunner {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(runner).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner
   * @example
   * ```ts
   * console.log(asyncio.Runner.pythonName); // "Runner"
   * ```
   */
  static override readonly pythonName = /* @__PURE__ */ named(this, "Runner");
  /**
   * Runs `main` (a coroutine or any awaitable) to completion on the runner's loop and returns its
   * result; a KeyboardInterrupt (a second Ctrl-C) that nobody catches then ends the process by SIGINT.
   *
   * @python `asyncio.Runner.run` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner.run
   * @example
   * ```ts
   * const runner = new asyncio.Runner();
   * const first = await runner.run(asyncio.sleep(1, "first"));
   * const second = await runner.run(asyncio.sleep(1, "second"));
   * await runner.close();
   * ```
   */
  override async run<T>(
    main: Coroutine<T> | Awaitable<T> | PromiseLike<T>,
    options?: RunnerRunOptions,
  ): Promise<T> {
    refuseWhileImportedForWorker("Runner.run()");
    try {
      return await super.run(main, options);
    } catch (e) {
      exitAsPythonIfUnhandled(e);
      throw e;
    }
  }

  /**
   * Cancels what is left, waits for it, and closes the loop; a KeyboardInterrupt raised
   * meanwhile (by a leftover Task or a callback) that nobody catches ends the process by
   * SIGINT, as one from `run()` does.
   *
   * @python `asyncio.Runner.close` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner.close
   * @example
   * ```ts
   * const runner = new asyncio.Runner();
   * try {
   *   await runner.run(main());
   * } finally {
   *   await runner.close();
   * }
   * ```
   */
  override async close(): Promise<void> {
    try {
      await super.close();
    } catch (e) {
      exitAsPythonIfUnhandled(e);
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
 * Runs `main` on a new event loop until it is done, cancels what is left, closes the loop,
 * and returns `main`'s result; Ctrl-C cancels `main` as in Python 3.11+. `virtualTime: true`
 * runs it on a virtual clock.
 *
 * @python `asyncio.run` — https://docs.python.org/3/library/asyncio-runner.html#asyncio.run
 * @example
 * ```ts
 * function* main(): asyncio.Coroutine<string> {
 *   yield* asyncio.sleep(1);
 *   return "done";
 * }
 * console.log(await asyncio.run(main())); // "done", a second later
 * ```
 */
export function run<T>(
  main: Coroutine<T> | Awaitable<T> | PromiseLike<T>,
  options?: RunOptions,
): Promise<T> {
  refuseWhileImportedForWorker("asyncio.run()");
  return runWith(Runner, main, options);
}

/**
 * A program started while an executor's worker thread imports its module
 * for a job (job-imports.ts): the module runs its program
 * when imported, a script that names its own export say. The program would
 * run again in the worker, and again in that program's workers. Python's
 * ProcessPoolExecutor refuses the same with a RuntimeError that asks for
 * `if __name__ == "__main__":`.
 */
function refuseWhileImportedForWorker(what: string): void {
  const importing = newestJobImport();
  if (importing === undefined) return;
  throw new RuntimeError(
    `${what} was called while a worker thread imported ${importing.module} for its export '${importing.exportName}': ` +
      "the module starts its program when imported, so the worker would run the program again. " +
      `Move '${importing.exportName}' to a module of its own, or start the program on the main thread only: ` +
      "`if (isMainThread) await asyncio.run(main())`, with isMainThread from node:worker_threads " +
      '(Python guards a process pool\'s workers the same way, with `if __name__ == "__main__":`)',
  );
}
