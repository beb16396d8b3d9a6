/**
 * The script every pool worker runs: it calls a function given either as
 * source text (a self-contained function, compiled once per worker) or by
 * module and export name.
 */
import type { WorkerJob } from "./executor.js";

const compiled = new Map<string, (...args: unknown[]) => unknown>();

export default async function runJob(job: WorkerJob): Promise<unknown> {
  let fn: (...args: unknown[]) => unknown;
  if (job.kind === "source") {
    let f = compiled.get(job.source);
    if (f === undefined) {
      f = new Function(`return (${job.source});`)() as (...args: unknown[]) => unknown;
      compiled.set(job.source, f);
    }
    fn = f;
  } else {
    const mod = (await import(job.module)) as Record<string, unknown>;
    const exported = mod[job.exportName];
    if (typeof exported !== "function") {
      throw new TypeError(`${job.module} has no function export '${job.exportName}'`);
    }
    fn = exported as (...args: unknown[]) => unknown;
  }
  return await fn(...job.args);
}
