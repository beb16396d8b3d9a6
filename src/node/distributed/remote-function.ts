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
 * takes and returns, for `yield*` to infer the result:
 * @example const hash: asyncio.RemoteFunction<[string], string> = { module: "./jobs.js", exportName: "hash" };
 */
export interface RemoteFunction<A extends unknown[] = unknown[], R = unknown> {
  readonly module: string;
  readonly exportName?: string;
  /** Never set: carries the argument and result types. */
  readonly signature?: (...args: A) => R;
}
