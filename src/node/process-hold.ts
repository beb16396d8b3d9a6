/**
 * Holds the Node process open. Node exits when nothing it knows of can wake
 * it, and a signal listener does not count: a process whose only business is
 * `process.on("SIGTERM", ...)` exits at once. CPython's loop instead blocks in
 * `select()` until the signal comes, so a service's main that only waits for
 * SIGTERM waits. A referenced interval timer is Node's cheapest way to say
 * "something may still happen"; it never fires in practice.
 */

// The longest delay Node's timers accept (about 24.8 days); an interval re-arms itself.
const LONGEST_DELAY_MS = 2 ** 31 - 1;

function nothing(): void {}

export class ProcessHold {
  private _timer: ReturnType<typeof setInterval> | undefined;

  /** Holds the process open (`true`) or lets it exit when it has nothing else to do. */
  set(held: boolean): void {
    if (held === (this._timer !== undefined)) return;
    if (held) {
      this._timer = setInterval(nothing, LONGEST_DELAY_MS);
    } else {
      clearInterval(this._timer);
      this._timer = undefined;
    }
  }
}
