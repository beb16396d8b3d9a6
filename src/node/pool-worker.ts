/**
 * One thread of the executor's pool: a `node:worker_threads` Worker running
 * the job script, given one job at a time.
 *
 * It holds the process only while it runs a job: idle, it is unref'd (as is
 * its idle timer), so a program that used a pool once and never shut it down
 * still ends when its own work does. An idle worker is terminated after the
 * idle timeout, so a pool shrinks back to no threads when unused.
 *
 * A worker that dies (the job calls `process.exit`, an error escapes outside
 * the job, the thread runs out of memory) rejects the job it was running and
 * reports itself gone, so the pool can start another for the jobs still
 * queued. An error that ends an idle worker is printed to stderr.
 */
import type { Worker } from "node:worker_threads";
import { workerThreads } from "./lazy-builtins.js";
import { rebuildThrown } from "./rebuild-thrown.js";
import type { ThrownRecord } from "./thrown-value.js";

/** What a worker receives. */
export type WorkerJob =
  | { kind: "source"; source: string; args: unknown[] }
  | { kind: "module"; module: string; exportName: string; args: unknown[] };

/** A job as posted: its number lets a reply be matched to it. */
export interface JobMessage {
  readonly seq: number;
  readonly job: WorkerJob;
}

/** A worker's answer to the job numbered `seq`. */
export type ReplyMessage =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly seq: number; readonly ok: false; readonly thrown: ThrownRecord };

/** What the pool hears from its workers. */
export interface WorkerOwner {
  /** `worker` finished its job (or was just started) and can take another. */
  workerIdle(worker: PoolWorker): void;
  /** `worker` is gone (died, timed out idle, terminated) and takes no job. */
  workerGone(worker: PoolWorker): void;
}

interface Running {
  readonly seq: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class PoolWorker {
  private readonly worker: Worker;
  private running: Running | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private gone = false;
  private seq = 0;

  constructor(
    script: URL,
    private readonly owner: WorkerOwner,
    private readonly idleTimeout: number,
  ) {
    this.worker = new (workerThreads().Worker)(script);
    this.worker.on("message", (reply: ReplyMessage) => this.onReply(reply));
    // The reply reached this thread but could not be deserialised here.
    this.worker.on("messageerror", (error: Error) => this.finish((r) => r.reject(error)));
    // An error the job did not catch escaped outside it (a timer's callback,
    // an unhandled rejection), the script failed to load, or the thread ran
    // out of memory: the worker is ending; its job fails with that error.
    // With no job running (a timer a finished job left behind), no job can
    // carry it: it is printed, as Python's threading.excepthook prints what
    // ends a thread, where it used to vanish with the worker.
    this.worker.on("error", (error: Error) => {
      if (this.running === null && !this.gone) {
        console.error(
          `Exception in worker thread ${this.worker.threadId}, outside any job:`,
          error,
        );
      }
      this.die(error);
    });
    this.worker.on("exit", (code: number) => {
      this.die(new Error(`The worker thread running this job exited with code ${code}`));
    });
  }

  /** The worker's thread id (`worker_threads.threadId` inside it). */
  get threadId(): number {
    return this.worker.threadId;
  }

  /** Runs `job`; the worker must be idle. */
  run(job: WorkerJob): Promise<unknown> {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const seq = ++this.seq;
    try {
      // Throws at once (DataCloneError) when an argument cannot be cloned.
      this.worker.postMessage({ seq, job } satisfies JobMessage);
    } catch (error) {
      this.becomeIdle();
      return Promise.reject(error);
    }
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.running = { seq, resolve, reject };
    });
  }

  /** Ends the thread; a job it was running is rejected. */
  async terminate(): Promise<void> {
    this.die(new Error("The worker thread running this job was terminated"));
    await this.worker.terminate();
  }

  private onReply(reply: ReplyMessage): void {
    // Only the job's reply counts; a message the job posted itself is ignored.
    if (this.running === null || reply === null || reply.seq !== this.running.seq) return;
    this.finish((r) => (reply.ok ? r.resolve(reply.value) : r.reject(rebuildThrown(reply.thrown))));
  }

  /** Settles the running job and offers the worker to the pool again. */
  private finish(settle: (running: Running) => void): void {
    const running = this.running;
    if (running === null || this.gone) return;
    this.running = null;
    this.becomeIdle();
    settle(running);
  }

  private becomeIdle(): void {
    this.worker.unref();
    this.idleTimer = setTimeout(() => void this.terminate(), this.idleTimeout * 1000);
    this.idleTimer.unref();
    this.owner.workerIdle(this);
  }

  private die(error: Error): void {
    if (this.gone) return;
    this.gone = true;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const running = this.running;
    this.running = null;
    this.owner.workerGone(this);
    running?.reject(error);
  }
}
