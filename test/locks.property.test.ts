/**
 * Property-based tests of the synchronisation primitives: random schedules of
 * Tasks that arrive, wait, hold, time out and get cancelled (on quarter-second
 * ticks of a virtual clock, so many events coincide), checked against the
 * invariants CPython's locks promise:
 * - a Semaphore never admits more Tasks than its value, and no unit is ever
 *   lost or invented (free + held + handed to a woken waiter = initial value);
 * - a BoundedSemaphore never rises above its initial value and refuses an
 *   over-release;
 * - a Lock is held by one Task at a time and handed over in the order the
 *   Tasks called `acquire()`, skipping those cancelled or timed out;
 * - a Condition never loses a notification to a cancelled waiter;
 * - every Task ends: nothing is left waiting forever.
 */
import * as asyncio from "asyncio-ts";
import { BoundedSemaphore, Condition, Event, Lock, Semaphore } from "asyncio-ts";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cancelLater, runVirtual } from "./helpers.js";

type Co<T = unknown> = asyncio.Coroutine<T>;

/** Times on a quarter-second grid: exact in binary, and often equal. */
const tick = (max: number) => fc.integer({ min: 0, max }).map((k) => k / 4);

interface Worker {
  start: number;
  hold: number;
  cancelAt: number | null;
  /** Loop iterations between `cancelAt` and the cancellation, to land between wake-up and run. */
  hops: number;
  timeout: number | null;
}

const worker: fc.Arbitrary<Worker> = fc.record({
  start: tick(6),
  hold: tick(6),
  cancelAt: fc.option(tick(16), { nil: null }),
  hops: fc.integer({ min: 0, max: 3 }),
  timeout: fc.option(tick(6), { nil: null }),
});

const workers = fc.array(worker, { minLength: 1, maxLength: 8 });

/** Starts one Task per spec, cancelling each as its spec says. */
function spawn(specs: Worker[], body: (spec: Worker, i: number) => Co<void>): asyncio.Task<void>[] {
  return specs.map((spec, i) => {
    const task = asyncio.createTask(body(spec, i));
    if (spec.cancelAt !== null) cancelLater(task, spec.cancelAt, spec.hops);
    return task;
  });
}

/** Waits for every Task; fails (instead of hanging) if one never ends. */
function* joinAll(tasks: asyncio.Task<void>[]): Co<void> {
  const results = yield* asyncio.waitFor(
    asyncio.gather(...tasks, { returnExceptions: true }),
    1000,
  );
  // A failed expectation inside a worker must fail the property.
  for (const r of results) if (r instanceof Error && !isGiveUp(r)) throw r;
  for (const t of tasks) expect(t.done()).toBe(true);
  // Only the main Task is left: no waiter is stranded.
  expect(asyncio.allTasks().size).toBe(1);
}

function* acquireWithin(lock: { acquire(): Co<true> }, timeout: number | null): Co<unknown> {
  return timeout === null ? yield* lock.acquire() : yield* asyncio.waitFor(lock.acquire(), timeout);
}

function isGiveUp(e: unknown): boolean {
  return e instanceof asyncio.CancelledError || e instanceof asyncio.TimeoutError;
}

/** Units a semaphore handed to woken waiters that have not run yet. */
function reserved(sem: Semaphore): number {
  let n = 0;
  for (const w of sem._waiters ?? []) if (w.done() && !w.cancelled()) n++;
  return n;
}

describe("Semaphore and BoundedSemaphore", () => {
  test("never admit more than the value, never lose a unit, and every waiter ends", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        workers,
        (value, bounded, specs) =>
          runVirtual(
            (function* () {
              const loop = asyncio.getRunningLoop();
              const sem = bounded ? new BoundedSemaphore(value) : new Semaphore(value);
              let inside = 0;
              let maxInside = 0;
              const check = (): void => {
                expect(inside).toBeLessThanOrEqual(value);
                expect(sem._value).toBeGreaterThanOrEqual(0);
                expect(sem._value + inside + reserved(sem)).toBe(value);
                if (bounded && sem._value >= value) {
                  expect(() => sem.release()).toThrow("BoundedSemaphore released too many times");
                  expect(sem._value).toBe(value);
                }
              };
              // Watch the invariants between the workers' steps too.
              let watching = true;
              let watchError: unknown;
              const watch = (): void => {
                try {
                  check();
                } catch (e) {
                  watchError ??= e;
                }
                if (watching) loop.callLater(0.125, watch);
              };
              loop.callSoon(watch);

              const tasks = spawn(specs, function* (spec) {
                yield* asyncio.sleep(spec.start);
                yield* acquireWithin(sem, spec.timeout);
                inside++;
                maxInside = Math.max(maxInside, inside);
                check();
                try {
                  yield* asyncio.sleep(spec.hold);
                } finally {
                  inside--;
                  sem.release();
                  check();
                }
              });
              yield* joinAll(tasks);
              watching = false;
              if (watchError !== undefined) throw watchError;
              expect(maxInside).toBeLessThanOrEqual(value);
              expect(sem.statistics()).toEqual({ value, waiters: 0 });
              if (bounded) expect(() => sem.release()).toThrow(asyncio.ValueError);
            })(),
          ),
      ),
      { numRuns: 300 },
    );
  });

  test("workers that are never cancelled all get a unit, in FIFO order for value 1", async () => {
    await fc.assert(
      fc.asyncProperty(workers, (specs) =>
        runVirtual(
          (function* () {
            const sem = new Semaphore(1);
            const called: number[] = [];
            const acquired: number[] = [];
            const tasks = spawn(specs, function* (spec, i) {
              yield* asyncio.sleep(spec.start);
              called.push(i);
              yield* acquireWithin(sem, spec.timeout);
              acquired.push(i);
              try {
                yield* asyncio.sleep(spec.hold);
              } finally {
                sem.release();
              }
            });
            yield* joinAll(tasks);
            const rank = acquired.map((i) => called.indexOf(i));
            expect(rank).toEqual([...rank].sort((a, b) => a - b));
            specs.forEach((spec, i) => {
              if (spec.cancelAt === null && spec.timeout === null) expect(acquired).toContain(i);
            });
          })(),
        ),
      ),
      { numRuns: 300 },
    );
  });
});

describe("Lock", () => {
  test("one holder at a time, handed over in acquire() order among those not cancelled", async () => {
    await fc.assert(
      fc.asyncProperty(workers, (specs) =>
        runVirtual(
          (function* () {
            const lock = new Lock();
            let holders = 0;
            const called: number[] = [];
            const acquired: number[] = [];
            const gaveUp = new Set<number>();
            const tasks = spawn(specs, function* (spec, i) {
              yield* asyncio.sleep(spec.start);
              called.push(i);
              try {
                yield* acquireWithin(lock, spec.timeout);
              } catch (e) {
                if (isGiveUp(e)) gaveUp.add(i);
                throw e;
              }
              acquired.push(i);
              holders++;
              expect(holders).toBe(1);
              expect(lock.locked()).toBe(true);
              try {
                yield* asyncio.sleep(spec.hold);
              } finally {
                holders--;
                lock.release();
              }
            });
            yield* joinAll(tasks);
            // FIFO: acquisitions follow the order of the acquire() calls.
            const rank = acquired.map((i) => called.indexOf(i));
            expect(rank).toEqual([...rank].sort((a, b) => a - b));
            // Every caller either got the lock or gave up because it was cancelled.
            for (const i of called) expect(acquired.includes(i) || gaveUp.has(i)).toBe(true);
            specs.forEach((spec, i) => {
              if (spec.cancelAt === null && spec.timeout === null) expect(acquired).toContain(i);
            });
            expect(lock.statistics()).toEqual({ locked: false, waiters: 0 });
          })(),
        ),
      ),
      { numRuns: 300 },
    );
  });
});

describe("Condition", () => {
  test("a notification is never lost to a cancelled waiter", async () => {
    const consumer = fc.option(fc.tuple(tick(12), fc.integer({ min: 0, max: 3 })), { nil: null });
    await fc.assert(
      fc.asyncProperty(
        fc.array(consumer, { minLength: 1, maxLength: 4 }),
        fc.array(tick(8), { minLength: 1, maxLength: 6 }),
        (cancelTimes, produceTimes) =>
          runVirtual(
            (function* () {
              const loop = asyncio.getRunningLoop();
              const cond = new Condition();
              let items = 0;
              let done = false;
              // One consumer is never cancelled, so every item has a taker.
              const consumers = [null, ...cancelTimes].map((cancel) => {
                const task = asyncio.createTask(
                  asyncio.asyncWith(cond, function* () {
                    for (;;) {
                      yield* cond.waitFor(() => items > 0 || done);
                      if (items === 0) return;
                      items--;
                    }
                  }),
                );
                if (cancel !== null) cancelLater(task, cancel[0], cancel[1]);
                return task;
              });
              for (const t of [...produceTimes].sort((a, b) => a - b)) {
                yield* asyncio.sleep(t - loop.time());
                yield* asyncio.asyncWith(cond, function* () {
                  items++;
                  cond.notify(1);
                });
              }
              // Nobody notifies again, so a lost notification leaves an item behind.
              yield* asyncio.sleep(20);
              expect(items).toBe(0);
              yield* asyncio.asyncWith(cond, function* () {
                done = true;
                cond.notifyAll();
              });
              yield* joinAll(consumers as asyncio.Task<void>[]);
              expect(cond.statistics()).toEqual({ waiters: 0, locked: false });
            })(),
          ),
      ),
      { numRuns: 300 },
    );
  });
});

describe("Event", () => {
  test("set() wakes every waiter that was not cancelled", async () => {
    await fc.assert(
      fc.asyncProperty(workers, tick(8), fc.boolean(), (specs, setAt, clearAfter) =>
        runVirtual(
          (function* () {
            const loop = asyncio.getRunningLoop();
            const ev = new Event();
            loop.callLater(setAt, () => {
              ev.set();
              if (clearAfter) ev.clear();
            });
            const woke = new Set<number>();
            const tasks = spawn(specs, function* (spec, i) {
              yield* asyncio.sleep(spec.start);
              if (clearAfter && spec.start >= setAt) return; // the flag is down for good
              expect(yield* acquireWithin({ acquire: () => ev.wait() }, spec.timeout)).toBe(true);
              woke.add(i);
            });
            yield* joinAll(tasks);
            yield* asyncio.sleep(10); // past setAt, even if every worker gave up early
            specs.forEach((spec, i) => {
              const late = clearAfter && spec.start >= setAt;
              if (spec.cancelAt === null && spec.timeout === null && !late) {
                expect(woke.has(i)).toBe(true);
              }
            });
            expect(ev.statistics()).toEqual({ set: !clearAfter, waiters: 0 });
          })(),
        ),
      ),
      { numRuns: 200 },
    );
  });
});
