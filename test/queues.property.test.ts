/**
 * Property-based tests of the queues: random producers and consumers that
 * pause, put and get plainly, with `*Nowait`, under `waitFor` or `timeout()`,
 * and get cancelled at random points (on a quarter-second grid of a virtual
 * clock, so many events coincide, plus a few loop iterations so that some
 * cancellations land between a wake-up and the woken task's step). Checked:
 * - no item is lost or duplicated: the items whose put returned are exactly
 *   the items some get returned, plus those left in the queue;
 * - a put that raised (cancelled, timed out, full, shut down) inserted nothing;
 * - no wake-up is lost: whenever the loop is idle, no getter waits while an
 *   item is queued and no putter waits while a slot is free; a woken getter
 *   or putter cancelled before it runs hands its item or slot on;
 * - `join()` returns once every got item is marked done;
 * - every task ends;
 * - PriorityQueue and LifoQueue give items in heap and stack order.
 */
import * as asyncio from "asyncio-ts";
import {
  LifoQueue,
  PriorityQueue,
  pythonCompare,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
} from "asyncio-ts";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cancelLater, runVirtual } from "./helpers.js";

type Co<T = unknown> = asyncio.Coroutine<T>;

/** Times on a quarter-second grid: exact in binary, and often equal. */
const tick = (max: number) => fc.integer({ min: 0, max }).map((k) => k / 4);

type Mode = "plain" | "nowait" | "waitFor" | "timeout";

interface Op {
  pause: number;
  mode: Mode;
  limit: number;
}

const op: fc.Arbitrary<Op> = fc.record({
  pause: fc.oneof(fc.constant(0), tick(4)),
  mode: fc.constantFrom<Mode>("plain", "plain", "nowait", "waitFor", "timeout"),
  limit: tick(8),
});

const KINDS = {
  Queue: (maxsize: number) => new Queue<number>(maxsize),
  LifoQueue: (maxsize: number) => new LifoQueue<number>(maxsize),
  PriorityQueue: (maxsize: number) => new PriorityQueue<number>(maxsize),
};

const program = fc.record({
  kind: fc.constantFrom<keyof typeof KINDS>("Queue", "LifoQueue", "PriorityQueue"),
  maxsize: fc.integer({ min: 0, max: 3 }),
  producers: fc.array(fc.array(op, { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
  consumers: fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 3 }),
  processing: fc.constantFrom(0, 0.25, 0.5),
  cancels: fc.array(
    fc.record({ at: tick(24), hops: fc.integer({ min: 0, max: 3 }), target: fc.nat() }),
    { maxLength: 4 },
  ),
  joinAt: tick(8),
  immediate: fc.boolean(),
});

type Program = typeof program extends fc.Arbitrary<infer P> ? P : never;

/** Runs `aw` as `mode` says; `undefined` when it timed out or found the queue full/empty. */
function* attempt<T>(
  mode: Mode,
  limit: number,
  aw: () => Co<T>,
  now: () => T,
): Co<{ ok: T } | undefined> {
  try {
    if (mode === "nowait") return { ok: now() };
    if (mode === "waitFor") return { ok: yield* asyncio.waitFor(aw(), limit) };
    if (mode === "timeout") {
      return {
        ok: yield* asyncio.asyncWith(asyncio.timeout(limit), function* () {
          return yield* aw();
        }),
      };
    }
    return { ok: yield* aw() };
  } catch (e) {
    if (e instanceof asyncio.TimeoutError || e instanceof QueueFull || e instanceof QueueEmpty) {
      return undefined;
    }
    throw e;
  }
}

/** Cancels `task` now, or after `hops` loop iterations. */
function cancelSoon(task: asyncio.Task<unknown>, hops: number): void {
  if (hops === 0) {
    task.cancel();
    return;
  }
  const loop = asyncio.getRunningLoop();
  const hop = (left: number): void => {
    if (left === 0) task.cancel();
    else loop.callSoon(hop, left - 1);
  };
  loop.callSoon(hop, hops - 1);
}

const HORIZON = 40;

function* runProgram(p: Program): Co<void> {
  const q = KINDS[p.kind](p.maxsize);
  const putOk: number[] = [];
  const putFailed: number[] = [];
  const got: number[] = [];
  let done = 0;
  let shutDown = false;
  const violations: string[] = [];

  function* producer(ops: Op[], index: number): Co<void> {
    for (let i = 0; i < ops.length; i++) {
      const { pause, mode, limit } = ops[i]!;
      const item = index * 100 + i;
      let inserted = false;
      try {
        yield* asyncio.sleep(pause);
        const r = yield* attempt(
          mode,
          limit,
          () => q.put(item),
          () => q.putNowait(item),
        );
        inserted = r !== undefined;
      } catch (e) {
        if (e instanceof QueueShutDown) return;
        throw e;
      } finally {
        (inserted ? putOk : putFailed).push(item);
      }
    }
  }

  function* consumer(ops: Op[]): Co<void> {
    for (const { pause, mode, limit } of ops) {
      yield* asyncio.sleep(pause);
      let r: { ok: number } | undefined;
      try {
        r = yield* attempt(
          mode,
          limit,
          () => q.get(),
          () => q.getNowait(),
        );
      } catch (e) {
        if (e instanceof QueueShutDown) return;
        throw e;
      }
      if (r === undefined) continue;
      got.push(r.ok);
      try {
        yield* asyncio.sleep(p.processing);
      } finally {
        q.taskDone();
        done++;
      }
    }
  }

  function* joiner(): Co<void> {
    yield* asyncio.sleep(p.joinAt);
    yield* q.join();
  }

  /** Wakes only when the loop is idle (its times are off the program's grid): checks no wake-up was lost. */
  function* monitor(): Co<void> {
    yield* asyncio.sleep(1 / 16);
    while (asyncio.getRunningLoop().time() < HORIZON && !shutDown) {
      if (q.qsize() > 0 && q._getters.length > 0) violations.push(`getter asleep: ${q}`);
      if (!q.full() && q._putters.length > 0) violations.push(`putter asleep: ${q}`);
      if (q.statistics().unfinishedTasks !== putOk.length - done) {
        violations.push(`unfinished ${q.statistics().unfinishedTasks}`);
      }
      yield* asyncio.sleep(1 / 8);
    }
  }

  const workers = [
    ...p.producers.map((ops, i) => asyncio.createTask(producer(ops, i))),
    ...p.consumers.map((ops) => asyncio.createTask(consumer(ops))),
  ];
  for (const c of p.cancels) cancelLater(workers[c.target % workers.length]!, c.at, c.hops);
  const others = [asyncio.createTask(joiner()), asyncio.createTask(monitor())];

  yield* asyncio.sleep(HORIZON);
  const remaining: number[] = [];
  if (p.immediate) {
    remaining.push(...(q as unknown as { _queue: Iterable<number> })._queue);
    const unfinished = q.statistics().unfinishedTasks;
    q.shutdown(true);
    expect(q.statistics().unfinishedTasks).toBe(Math.max(0, unfinished - remaining.length));
    done += remaining.length;
  } else {
    q.shutdown();
  }
  shutDown = true;
  yield* asyncio.gather(...workers, { returnExceptions: true });
  while (true) {
    try {
      remaining.push(q.getNowait());
      q.taskDone();
      done++;
    } catch (e) {
      expect(e).toBeInstanceOf(QueueShutDown);
      break;
    }
  }
  yield* asyncio.gather(...others);

  expect(violations).toEqual([]);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  expect(sorted([...got, ...remaining])).toEqual(sorted(putOk));
  expect(new Set([...got, ...remaining]).size).toBe(got.length + remaining.length);
  for (const item of putFailed) expect(got.includes(item) || remaining.includes(item)).toBe(false);
  expect(q.statistics()).toMatchObject({ qsize: 0, getters: 0, putters: 0, unfinishedTasks: 0 });
  yield* q.join();
  for (const t of [...workers, ...others]) expect(t.done()).toBe(true);
  // Not toEqual on Tasks: a pending Future is an endless iterator to vitest's iterableEquality.
  const current = asyncio.currentTask();
  expect([...asyncio.allTasks()].filter((t) => t !== current).length).toBe(0);
}

describe("queues under random interleavings", () => {
  test("no item is lost or duplicated; cancelled puts insert nothing; join returns; every task ends", async () => {
    await fc.assert(
      fc.asyncProperty(program, (p) => runVirtual(runProgram(p))),
      { numRuns: 300, timeout: 5000 },
    );
  });

  test("woken getters that are cancelled hand their items on; cancelled ones leave no trace", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ victim: fc.nat(), hops: fc.integer({ min: 0, max: 2 }) }), {
          maxLength: 4,
        }),
        (getters, items, cancels) =>
          runVirtual(
            (function* () {
              const q = new Queue<number>();
              const tasks = Array.from({ length: getters }, () => asyncio.createTask(q.get()));
              yield* asyncio.sleep(0);
              for (let i = 0; i < items; i++) q.putNowait(i);
              for (const { victim, hops } of cancels) cancelSoon(tasks[victim % getters]!, hops);
              yield* asyncio.sleep(1);
              const served = tasks.filter((t) => t.done() && !t.cancelled()).map((t) => t.result());
              const waiting = tasks.filter((t) => !t.done()).length;
              // FIFO: the items served are the first ones, each once.
              expect(served.sort()).toEqual(Array.from({ length: served.length }, (_, i) => i));
              expect(served.length + q.qsize()).toBe(items);
              expect(q.qsize() === 0 || waiting === 0).toBe(true);
              expect(q._getters.length).toBe(waiting);
              q.shutdown(true);
              yield* asyncio.gather(...tasks, { returnExceptions: true });
            })(),
          ),
      ),
      { numRuns: 300 },
    );
  });

  test("woken putters that are cancelled hand their slots on; cancelled ones insert nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ victim: fc.nat(), hops: fc.integer({ min: 0, max: 2 }) }), {
          maxLength: 4,
        }),
        (maxsize, putters, taken, cancels) =>
          runVirtual(
            (function* () {
              const q = new Queue<number>(maxsize);
              for (let i = 0; i < maxsize; i++) q.putNowait(-1);
              const tasks = Array.from({ length: putters }, (_, i) => asyncio.createTask(q.put(i)));
              yield* asyncio.sleep(0);
              for (let i = 0; i < Math.min(taken, maxsize); i++) q.getNowait();
              for (const { victim, hops } of cancels) cancelSoon(tasks[victim % putters]!, hops);
              yield* asyncio.sleep(1);
              const done = tasks.flatMap((t, i) => (t.done() && !t.cancelled() ? [i] : []));
              const waiting = tasks.filter((t) => !t.done()).length;
              expect(q._putters.length).toBe(waiting);
              const inside = [] as number[];
              while (!q.empty()) inside.push(q.getNowait());
              // Exactly the puts that returned are inside, in the order they waited.
              expect(inside.filter((x) => x >= 0)).toEqual(done);
              expect(inside.length === maxsize || waiting === 0).toBe(true);
              q.shutdown();
              yield* asyncio.gather(...tasks, { returnExceptions: true });
            })(),
          ),
      ),
      { numRuns: 300 },
    );
  });
});

const value: fc.Arbitrary<number | string | unknown[]> = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 })),
);

describe("ordering", () => {
  test("PriorityQueue gives the least item of what it holds, under any puts and gets", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 3 }).map((p) => ({ put: p })),
            fc.constant({ get: true }),
          ),
          {
            maxLength: 60,
          },
        ),
        fc.boolean(),
        (ops, tuples) => {
          const q = new PriorityQueue<number | [number, number]>();
          const model: (number | [number, number])[] = [];
          ops.forEach((o, i) => {
            if ("put" in o) {
              const item: number | [number, number] = tuples ? [o.put, i] : o.put;
              q.putNowait(item);
              model.push(item);
            } else if (model.length === 0) {
              expect(() => q.getNowait()).toThrow(QueueEmpty);
            } else {
              model.sort(pythonCompare);
              expect(q.getNowait()).toEqual(model.shift());
            }
            expect(q.qsize()).toBe(model.length);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("PriorityQueue sorts what the default comparator can compare", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.boolean(), (raw, strings) => {
        const items = raw.filter((v) => (typeof v === "number") !== strings || Array.isArray(v));
        const homogeneous = items.filter((v) => Array.isArray(v) === Array.isArray(items[0]));
        const q = new PriorityQueue<unknown>();
        for (const v of homogeneous) q.putNowait(v);
        const out = homogeneous.map(() => q.getNowait());
        expect(out).toEqual([...homogeneous].sort(pythonCompare));
      }),
      { numRuns: 300 },
    );
  });

  test("LifoQueue is a stack, and Queue a FIFO", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer(), { nil: undefined }), { maxLength: 60 }),
        (ops) => {
          const lifo = new LifoQueue<number>();
          const fifo = new Queue<number>();
          const stack: number[] = [];
          const line: number[] = [];
          for (const o of ops) {
            if (o !== undefined) {
              lifo.putNowait(o);
              fifo.putNowait(o);
              stack.push(o);
              line.push(o);
            } else if (stack.length > 0) {
              expect(lifo.getNowait()).toBe(stack.pop());
              expect(fifo.getNowait()).toBe(line.shift());
            }
          }
          expect(lifo.qsize()).toBe(stack.length);
          // Nothing was marked done: every put is unfinished.
          expect(fifo.statistics().unfinishedTasks).toBe(ops.filter((o) => o !== undefined).length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
