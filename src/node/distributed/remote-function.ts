/**
 * How a client names the function a job runs: an export of a module that the
 * workers were started with (`asyncio-ts worker --module ./jobs.js`). Only
 * the name crosses, never code: a worker runs nothing but the exports of
 * its own modules, whatever a job in Redis says.
 */

/**
 * An export of a module the workers serve. `module` is the module as the
 * workers were given it (`--module ./jobs.js` → `"./jobs.js"`),
 * `exportName` defaults to `"default"`. The type parameters say what it
 * takes and returns, for `yield*` to infer the result.
 *
 * @python no counterpart: Python's executors pickle the callable, where only the names of a module and an export cross here — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * const hash: asyncio.RemoteFunction<[string], string> = { module: "./jobs.js", exportName: "hash" };
 * const digest = yield* executor.submit(hash, "text"); // a string
 * ```
 */
export interface RemoteFunction<A extends unknown[] = unknown[], R = unknown> {
  /** The module as the workers were given it (`--module ./jobs.js` → `"./jobs.js"`). */
  readonly module: string;
  /** The name of the export the job calls (default `"default"`). */
  readonly exportName?: string;
  /** Never set: carries the argument and result types. */
  readonly signature?: (...args: A) => R;
}
