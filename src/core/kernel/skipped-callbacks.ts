/**
 * Done callbacks an owner did not queue (done-queue.ts's `takeAtOnce`) whose
 * absence a program could still tell by when they would have run: a
 * TaskGroup forgets a finished child at once, yet its repr must count the
 * child until the loop reaches the place where the child's done callback
 * would have run, since CPython's `_on_task_done` discards it only there.
 *
 * Each is kept as its position in the ready queue's order (the loop's
 * `_started + _ready.length` when it was skipped). It would have run just before the
 * item pushed next, which takes that same position, so it counts as run
 * once the loop has started that item (`_started` > position). Positions
 * only grow, and children finishing one after another with nothing queued
 * between share one (all of W4's 100,000), so they are kept as runs of
 * [position, count] in an array of small integers, which the garbage
 * collector does not scan.
 */

// Passed runs are dropped from the front; the array is copied only past this many slots.
const MIN_COMPACT = 1024;

export class SkippedCallbacks {
  private runs: number[] = [];
  /** The runs before this index were passed by the loop. */
  private head = 0;
  /** How many skipped callbacks the runs from `head` hold. */
  private count = 0;

  /** Records a callback skipped at `position`, with the loop's `_started` now. */
  add(position: number, started: number): void {
    this.drop(started);
    const runs = this.runs;
    const n = runs.length;
    if (n > this.head && runs[n - 2] === position) runs[n - 1]!++;
    else runs.push(position, 1);
    this.count++;
  }

  /** How many of them the loop has not reached yet (it has started `started` items). */
  pending(started: number): number {
    this.drop(started);
    return this.count;
  }

  private drop(started: number): void {
    const runs = this.runs;
    let head = this.head;
    while (head < runs.length && runs[head]! < started) {
      this.count -= runs[head + 1]!;
      head += 2;
    }
    if (head === runs.length) {
      runs.length = 0;
      head = 0;
    } else if (head >= MIN_COMPACT && head > runs.length / 2) {
      this.runs = runs.slice(head);
      head = 0;
    }
    this.head = head;
  }
}
