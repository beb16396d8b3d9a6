/**
 * The Future of a job on the distributed executor: a Task in another
 * process, seen from this one.
 *
 * Its `cancel()` is a Task's, not a plain Future's: it asks the job to stop
 * and returns true, and the Future is cancelled when the job has ended that
 * way — at once when the job was still waiting (it is removed from the
 * queue), or when the worker running it reports that the job's Task ended
 * cancelled. A job that catches its CancelledError and returns a value
 * settles the Future with that value, as awaiting such a Task does in
 * Python. The awaiting Task (and `waitFor`, `timeout` around it) therefore
 * waits for the job's clean-up, as it waits for a local Task's.
 *
 * While the job is out, the loop counts it as a host operation, so a virtual
 * clock waits for it instead of jumping past.
 */
import { type EventLoop, Future } from "../../core/index.js";

/** How a job ended, as the executor learnt it from Redis. */
export type JobOutcome =
  | { readonly kind: "result"; readonly value: unknown }
  | { readonly kind: "error"; readonly error: unknown }
  | { readonly kind: "cancelled" };

export class JobFuture<T> extends Future<T> {
  static override readonly pythonName: string = "JobFuture";
  /** @internal The loop as a whole: a job counts as a host operation (`_hostOps`). */
  declare _loop: EventLoop;
  private _inFlight = true;
  private _cancelRequested = false;
  private _requestedMessage: string | undefined;

  constructor(
    loop: EventLoop,
    /** The job's id in the queue. */
    readonly jobId: string,
    private readonly _requestCancel: (future: JobFuture<T>) => void,
  ) {
    super({ loop });
    loop._hostOps++;
  }

  /** Asks the job to stop; the Future is cancelled once it has. */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    if (!this._cancelRequested) {
      this._cancelRequested = true;
      this._requestedMessage = msg;
      this._requestCancel(this);
    }
    return true;
  }

  /** Whether `cancel()` has asked the job to stop. */
  get cancelRequested(): boolean {
    return this._cancelRequested;
  }

  /** Settles the Future with how the job ended; later outcomes are ignored. */
  _finish(outcome: JobOutcome): void {
    if (!this._inFlight) return;
    this._inFlight = false;
    const loop = this._loop;
    loop._hostOps--;
    loop._wakeInTurn();
    if (this.done() || loop.isClosed()) return;
    if (outcome.kind === "result") this.setResult(outcome.value as T);
    else if (outcome.kind === "error") this.setException(outcome.error);
    else super.cancel(this._requestedMessage);
  }
}
