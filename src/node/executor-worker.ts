/**
 * The script every pool worker runs: it takes one job at a time from the
 * pool, calls the function the job names (source text of a self-contained
 * function, compiled once per worker, or a module's export) and posts back
 * its result or what it threw.
 */
import { parentPort } from "node:worker_threads";
import { jobImports } from "./job-imports.js";
import type { JobMessage, ReplyMessage, WorkerJob } from "./pool-worker.js";
import { recordThrown } from "./thrown-value.js";

type Job = (...args: unknown[]) => unknown;

const compiled = new Map<string, Job>();

/**
 * esbuild's `__name` helper, which its `keepNames` (what tsx runs TypeScript
 * with) writes into function bodies (`const inner = __name((k) => …, "inner")`)
 * and defines at the top of the module: a function's source text carries the
 * calls and not the definition.
 */
function __name<F>(target: F, value: string): F {
  return Object.defineProperty(target, "name", { value, configurable: true });
}

/**
 * The function whose source text the job carries. A method's source
 * (`square(n) { … }`, `*gen() {}`, `async load() {}`) is no expression, but
 * it is the one member of an object literal. Compiled as strict code, as the
 * module or class it came from was: a `new Function` body is sloppy, where
 * `this` in a plain call is the worker's global object, not undefined, and
 * assigning an undeclared name makes a global instead of a ReferenceError.
 */
function compile(source: string): Job {
  try {
    return new Function("__name", `"use strict"; return (${source});`)(__name) as Job;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    let holder: object;
    try {
      holder = new Function("__name", `"use strict"; return ({ ${source} });`)(__name) as object;
    } catch {
      throw error;
    }
    const [member] = Object.values(Object.getOwnPropertyDescriptors(holder));
    if (typeof member?.value !== "function") throw error;
    return member.value as Job;
  }
}

/** Imports a job's module, listed meanwhile where asyncio.run looks (job-imports.ts). */
async function importForJob(module: string, exportName: string): Promise<Record<string, unknown>> {
  const importing = jobImports();
  const entry = { module, exportName };
  importing.push(entry);
  try {
    return (await import(module)) as Record<string, unknown>;
  } finally {
    importing.splice(importing.indexOf(entry), 1);
  }
}

async function runJob(job: WorkerJob): Promise<unknown> {
  let fn: Job;
  if (job.kind === "source") {
    let f = compiled.get(job.source);
    if (f === undefined) {
      f = compile(job.source);
      compiled.set(job.source, f);
    }
    fn = f;
  } else {
    const mod = await importForJob(job.module, job.exportName);
    const exported = mod[job.exportName];
    if (typeof exported !== "function") {
      throw new TypeError(`${job.module} has no function export '${job.exportName}'`);
    }
    fn = exported as Job;
  }
  return await fn(...job.args);
}

/**
 * A name not defined in a function sent as source text is nearly always one
 * it took from around it (a constant, an import, another function), which the
 * worker does not have: the message says so, where Python's thread would have
 * seen the name.
 */
function explainMissingName(thrown: unknown): void {
  if (!(thrown instanceof ReferenceError) || !/ is not defined$/.test(thrown.message)) return;
  const head = `${thrown.name}: ${thrown.message}`;
  const why =
    " (the function was sent to the worker thread as its source text, without the variables, imports and functions around it)";
  const stack = thrown.stack; // formatted on first read, from the message of that moment
  thrown.message += why;
  if (stack?.startsWith(head)) thrown.stack = head + why + stack.slice(head.length);
}

async function answer({ seq, job }: JobMessage): Promise<void> {
  let reply: ReplyMessage;
  try {
    reply = { seq, ok: true, value: await runJob(job) };
  } catch (thrown) {
    if (job.kind === "source") explainMissingName(thrown);
    reply = { seq, ok: false, thrown: recordThrown(thrown) };
  }
  try {
    parentPort!.postMessage(reply);
  } catch (error) {
    // The result (or the thrown value) cannot be cloned, a function say:
    // the job fails with that, and the worker stays in the pool.
    const what = reply.ok ? "result" : "thrown value";
    const message = `The job's ${what} could not be sent back from the worker: ${(error as Error).message}`;
    const failure = new DOMException(message, "DataCloneError");
    parentPort!.postMessage({
      seq,
      ok: false,
      thrown: recordThrown(failure),
    } satisfies ReplyMessage);
  }
}

parentPort!.on("message", (message: JobMessage) => void answer(message));
