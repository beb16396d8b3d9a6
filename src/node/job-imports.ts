/**
 * The modules an executor's worker thread is importing for jobs, which
 * `asyncio.run` (runners.ts) reads to refuse to start a program then: a
 * module that runs its program when imported (a script naming its own
 * export, `{ module: import.meta.url, ... }`) would otherwise run it again in
 * every worker, each waiting on workers of its own. Kept on `globalThis`
 * under a registered symbol, as the worker's copy of the package and the
 * program's may be different module instances.
 */

/** A job's function named by module, as the worker imports it. */
export interface JobImport {
  readonly module: string;
  readonly exportName: string;
}

const KEY = Symbol.for("asyncio-ts.importingForWorker");

type Holder = { [KEY]?: JobImport[] };

/**
 * The imports under way in this thread, oldest first, made on first use (in
 * a worker only). One, as the pool hands a worker one job at a time; more
 * only if the worker is sent a job while another runs (the pool takes its
 * job for finished at any message from the worker it cannot read,
 * 'messageerror', which the job itself may post).
 */
export function jobImports(): JobImport[] {
  const holder = globalThis as Holder;
  holder[KEY] ??= [];
  return holder[KEY];
}

/** The newest import under way in this thread, if any; changes nothing. */
export function newestJobImport(): JobImport | undefined {
  return (globalThis as Holder)[KEY]?.at(-1);
}
