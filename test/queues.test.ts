/** Queues: CPython's test_queues.py behaviours (3.13, with shutdown), plus the port's own. */
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
import { describe, expect, test } from "vitest";
import { failureOf, raised, runVirtual, thrown, untyped } from "./helpers.js";

/** A test body run on a fresh virtual-time loop. */
function vt(body: () => asyncio.Coroutine<void>): () => Promise<void> {
  return () => runVirtual(body());
}

type QueueClass = new (maxsize?: number) => Queue<unknown>;
const KINDS: [string, QueueClass][] = [
  ["Queue", Queue],
  ["LifoQueue", LifoQueue],
  ["PriorityQueue", PriorityQueue],
];

describe("QueueBasicTests", () => {
  test(
    "test_str: the repr shows getters, putters and items, without an address",
    vt(function* () {
      let q = new Queue<number>();
      expect(String(q)).toBe("<Queue maxsize=0>");

      q = new Queue<number>();
      const getter = asyncio.createTask(q.get());
      yield* asyncio.sleep(0);
      expect(String(q)).toContain("_getters[1]");
      q.putNowait(0);
      expect(yield* getter).toBe(0);

      q = new Queue<number>(1);
      q.putNowait(1);
      const putter = asyncio.createTask(q.put(2));
      yield* asyncio.sleep(0);
      expect(String(q)).toContain("_putters[1]");
      q.getNowait();
      yield* putter;
      expect(putter.done()).toBe(true);

      q = new Queue<number>();
      q.putNowait(1);
      expect(String(q)).toContain("_queue=[1]");
      q.putNowait(2);
      expect(String(q)).toBe("<Queue maxsize=0 _queue=[1, 2] tasks=2>");
    }),
  );

  test(
    "test_empty: empty() is true until an item is put and again once it is taken",
    vt(function* () {
      const q = new Queue<number>();
      expect(q.empty()).toBe(true);
      yield* q.put(1);
      expect(q.empty()).toBe(false);
      const item: number = yield* q.get(); // yield* infers the item type
      expect(item).toBe(1);
      expect(q.empty()).toBe(true);
    }),
  );

  test(
    "test_full: an unbounded queue is never full; a maxsize-1 queue is full with one item",
    vt(function* () {
      expect(new Queue().full()).toBe(false);
      const q = new Queue<number>(1);
      yield* q.put(1);
      expect(q.full()).toBe(true);
    }),
  );

  test(
    "test_order: a Queue gives items back in the order they were put",
    vt(function* () {
      const q = new Queue<number>();
      for (const i of [1, 3, 2]) yield* q.put(i);
      const items = [yield* q.get(), yield* q.get(), yield* q.get()];
      expect(items).toEqual([1, 3, 2]);
    }),
  );

  test(
    "test_maxsize: put waits while maxsize items are queued",
    vt(function* () {
      const q = new Queue<number>(2);
      expect(q.maxsize).toBe(2);
      const havePut: number[] = [];
      function* putter(): asyncio.Coroutine<boolean> {
        for (let i = 0; i < 3; i++) {
          yield* q.put(i);
          havePut.push(i);
        }
        return true;
      }
      const t = asyncio.createTask(putter());
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      expect(havePut).toEqual([0, 1]);
      expect(yield* q.get()).toBe(0);
      yield* asyncio.sleep(0);
      expect(havePut).toEqual([0, 1, 2]);
      expect(yield* q.get()).toBe(1);
      expect(yield* q.get()).toBe(2);
      expect(t.done()).toBe(true);
      expect(t.result()).toBe(true);
    }),
  );
});

describe("QueueGetTests", () => {
  test(
    "test_blocking_get: get() takes an item already in the queue",
    vt(function* () {
      const q = new Queue<number>();
      q.putNowait(1);
      expect(yield* q.get()).toBe(1);
    }),
  );

  test(
    "test_get_with_putters: getNowait wakes a waiting putter's Future",
    vt(function* () {
      const q = new Queue<number>(1);
      yield* q.put(1);
      const waiter = asyncio.getRunningLoop().createFuture<void>();
      q._putters.push(waiter);
      expect(yield* q.get()).toBe(1);
      expect(waiter.done()).toBe(true);
      expect(waiter.result()).toBeUndefined();
    }),
  );

  test(
    "test_blocking_get_wait: get() on an empty queue waits until an item is put, 0.01 s later",
    vt(function* () {
      const loop = asyncio.getRunningLoop();
      const q = new Queue<number>();
      let finished = false;
      function* queueGet(): asyncio.Coroutine<number> {
        const res = yield* q.get();
        finished = true;
        return res;
      }
      const t = asyncio.createTask(queueGet());
      yield* asyncio.sleep(0);
      expect(finished).toBe(false);
      loop.callLater(0.01, () => q.putNowait(1));
      expect(yield* t).toBe(1);
      expect(finished).toBe(true);
      expect(loop.time()).toBeCloseTo(0.01, 9);
    }),
  );

  test("test_nonblocking_get: getNowait() takes an item already in the queue", () => {
    const q = new Queue<number>();
    q.putNowait(1);
    expect(q.getNowait()).toBe(1);
  });

  test("test_nonblocking_get_exception: getNowait() on an empty queue raises QueueEmpty with no message", () => {
    const e = thrown(() => new Queue().getNowait());
    expect(e).toBeInstanceOf(QueueEmpty);
    expect((e as Error).name).toBe("QueueEmpty");
    expect((e as Error).message).toBe("");
  });

  test(
    "test_get_cancelled_race: a getter cancelled before the put passes nothing on",
    vt(function* () {
      const q = new Queue<string>();
      const t1 = asyncio.createTask(q.get());
      const t2 = asyncio.createTask(q.get());
      yield* asyncio.sleep(0);
      t1.cancel();
      yield* asyncio.sleep(0);
      expect(t1.done()).toBe(true);
      yield* q.put("a");
      yield* asyncio.sleep(0);
      expect(yield* t2).toBe("a");
    }),
  );

  test(
    "test_get_with_waiting_putters: get() from a full queue lets the waiting putters in, in order",
    vt(function* () {
      const q = new Queue<string>(1);
      asyncio.createTask(q.put("a"));
      asyncio.createTask(q.put("b"));
      expect(yield* q.get()).toBe("a");
      expect(yield* q.get()).toBe("b");
    }),
  );

  test(
    "test_why_are_getters_waiting: a producer and a consumer through maxsize 1 finish",
    vt(function* () {
      const q = new Queue<number>(1);
      function* consumer(n: number): asyncio.Coroutine<void> {
        for (let i = 0; i < n; i++) yield* q.get();
      }
      function* producer(n: number): asyncio.Coroutine<void> {
        for (let i = 0; i < n; i++) yield* q.put(i);
      }
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(producer(5));
        tg.createTask(consumer(5));
      });
    }),
  );

  test(
    "test_cancelled_getters_not_being_held_in_self_getters: a get() timed out by waitFor leaves no getter behind",
    vt(function* () {
      const q = new Queue<number>(5);
      const e = yield* raised(asyncio.waitFor(q.get(), 0.1));
      expect(e).toBeInstanceOf(asyncio.TimeoutError);
      expect(q._getters.length).toBe(0);
    }),
  );
});

describe("QueuePutTests", () => {
  test(
    "test_blocking_put: put() into a queue with room completes, and get() takes the item",
    vt(function* () {
      const q = new Queue<number>();
      yield* q.put(1);
      expect(yield* q.get()).toBe(1);
    }),
  );

  test(
    "test_blocking_put_wait: put() into a full queue waits until a get makes room",
    vt(function* () {
      const q = new Queue<number>(1);
      let finished = false;
      function* queuePut(): asyncio.Coroutine<void> {
        yield* q.put(1);
        yield* q.put(2);
        finished = true;
      }
      const loop = asyncio.getRunningLoop();
      loop.callLater(0.01, () => q.getNowait());
      const t = asyncio.createTask(queuePut());
      yield* asyncio.sleep(0);
      expect(finished).toBe(false);
      yield* t;
      expect(finished).toBe(true);
      expect(q.getNowait()).toBe(2);
    }),
  );

  test("test_nonblocking_put: putNowait() into a queue with room adds the item", () => {
    const q = new Queue<number>();
    q.putNowait(1);
    expect(q.getNowait()).toBe(1);
  });

  test(
    "test_get_cancel_drop_one_pending_reader: a woken, cancelled get loses no item",
    vt(function* () {
      const q = new Queue<number>();
      let reader = asyncio.createTask(q.get());
      yield* asyncio.sleep(0);
      q.putNowait(1);
      q.putNowait(2);
      reader.cancel();
      try {
        yield* reader;
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        reader = asyncio.createTask(q.get());
        yield* reader;
      }
      expect(reader.result()).toBe(1);
    }),
  );

  test(
    "test_get_cancel_drop_many_pending_readers: the wake-up passes to the next reader",
    vt(function* () {
      const q = new Queue<number>();
      let r2!: asyncio.Task<number>;
      let r3!: asyncio.Task<number>;
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        const r1 = tg.createTask(q.get());
        r2 = tg.createTask(q.get());
        r3 = tg.createTask(q.get());
        yield* asyncio.sleep(0);
        q.putNowait(1);
        q.putNowait(2);
        r1.cancel();
        expect(yield* raised(r1)).toBeInstanceOf(asyncio.CancelledError);
        yield* r3;
      });
      expect(new Set([r2.result(), r3.result()])).toEqual(new Set([1, 2]));
      // In creation order: the reader woken first gets the first item.
      expect([r2.result(), r3.result()]).toEqual([1, 2]);
    }),
  );

  test(
    "test_put_cancel_drop: a woken, cancelled put inserts nothing",
    vt(function* () {
      const q = new Queue<number>(1);
      q.putNowait(1);
      let writer = asyncio.createTask(q.put(2));
      yield* asyncio.sleep(0);
      expect(q.getNowait()).toBe(1);
      writer.cancel();
      try {
        yield* writer;
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        writer = asyncio.createTask(q.put(2));
        yield* writer;
      }
      expect(q.getNowait()).toBe(2);
      expect(q.qsize()).toBe(0);
    }),
  );

  test("test_nonblocking_put_exception: putNowait() into a full queue raises QueueFull", () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    const e = thrown(() => q.putNowait(2));
    expect(e).toBeInstanceOf(QueueFull);
    expect(String(e)).toBe("QueueFull");
  });

  test(
    "test_float_maxsize: a fractional maxsize of 1.3 holds two items, by putNowait and by put",
    vt(function* () {
      let q = new Queue<number>(1.3);
      q.putNowait(1);
      q.putNowait(2);
      expect(q.full()).toBe(true);
      expect(thrown(() => q.putNowait(3))).toBeInstanceOf(QueueFull);
      q = new Queue<number>(1.3);
      yield* q.put(1);
      yield* q.put(2);
      expect(q.full()).toBe(true);
    }),
  );

  test(
    "test_put_cancelled: a put into an unbounded queue completes",
    vt(function* () {
      const q = new Queue<number>();
      function* queuePut(): asyncio.Coroutine<boolean> {
        yield* q.put(1);
        return true;
      }
      const t = asyncio.createTask(queuePut());
      expect(yield* q.get()).toBe(1);
      expect(t.done()).toBe(true);
      expect(t.result()).toBe(true);
    }),
  );

  test(
    "test_put_cancelled_race: a waiting put cancelled before it adds its item adds nothing; the other putters' items arrive in order",
    vt(function* () {
      const q = new Queue<string>(1);
      const putA = asyncio.createTask(q.put("a"));
      const putB = asyncio.createTask(q.put("b"));
      const putC = asyncio.createTask(q.put("X"));
      yield* asyncio.sleep(0);
      expect(putA.done()).toBe(true);
      expect(putB.done()).toBe(false);
      putC.cancel();
      yield* asyncio.sleep(0);
      expect(putC.done()).toBe(true);
      expect(q.getNowait()).toBe("a");
      yield* asyncio.sleep(0);
      expect(q.getNowait()).toBe("b");
      yield* putB;
    }),
  );

  test(
    "test_put_with_waiting_getters: put() hands its item to a waiting getter",
    vt(function* () {
      const q = new Queue<string>();
      const t = asyncio.createTask(q.get());
      yield* asyncio.sleep(0);
      yield* q.put("a");
      expect(yield* t).toBe("a");
    }),
  );

  test(
    "test_why_are_putters_waiting: a getter draining the queue lets four putters finish",
    vt(function* () {
      const q = new Queue<number>(2);
      function* putter(item: number): asyncio.Coroutine<void> {
        yield* q.put(item);
      }
      function* getter(): asyncio.Coroutine<void> {
        yield* asyncio.sleep(0);
        const n = q.qsize();
        for (let i = 0; i < n; i++) q.getNowait();
      }
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(getter());
        for (let i = 0; i < 4; i++) tg.createTask(putter(i));
      });
      expect(q.qsize()).toBe(2);
    }),
  );

  test(
    "test_cancelled_puts_not_being_held_in_self_putters: a cancelled put() leaves no putter behind",
    vt(function* () {
      const q = new Queue<number>(1);
      q.putNowait(1);
      const t = asyncio.createTask(q.put(1));
      yield* asyncio.sleep(0);
      expect(q._putters.length).toBe(1);
      t.cancel();
      expect(yield* raised(t)).toBeInstanceOf(asyncio.CancelledError);
      expect(q._putters.length).toBe(0);
    }),
  );

  test(
    "test_cancelled_put_silence_value_error_exception: a putter already removed is not an error",
    vt(function* () {
      const q = new Queue<number>(1);
      q.putNowait(1);
      const t = asyncio.createTask(q.put(1));
      yield* asyncio.sleep(0);
      q.getNowait();
      t.cancel();
      expect(yield* raised(t)).toBeInstanceOf(asyncio.CancelledError);
    }),
  );
});

describe("LifoQueueTests and PriorityQueueTests", () => {
  test(
    "test_order (LifoQueue): a LifoQueue gives the last item put first",
    vt(function* () {
      const q = new LifoQueue<number>();
      for (const i of [1, 3, 2]) yield* q.put(i);
      expect([yield* q.get(), yield* q.get(), yield* q.get()]).toEqual([2, 3, 1]);
    }),
  );

  test(
    "test_order (PriorityQueue): a PriorityQueue gives the smallest item first",
    vt(function* () {
      const q = new PriorityQueue<number>();
      for (const i of [1, 3, 2]) yield* q.put(i);
      expect([yield* q.get(), yield* q.get(), yield* q.get()]).toEqual([1, 2, 3]);
    }),
  );

  test("PriorityQueue compares arrays like tuples and keeps heapq's layout", () => {
    const q = new PriorityQueue<[number, string]>();
    for (const item of [
      [3, "c"],
      [1, "b"],
      [2, "x"],
      [1, "a"],
    ] as [number, string][]) {
      q.putNowait(item);
    }
    // heapq's list after these pushes, as CPython's repr shows it.
    expect(String(q)).toBe(
      "<PriorityQueue maxsize=0 _queue=[[1, 'a'], [1, 'b'], [2, 'x'], [3, 'c']] tasks=4>",
    );
    const out = [q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()];
    expect(out).toEqual([
      [1, "a"],
      [1, "b"],
      [2, "x"],
      [3, "c"],
    ]);
  });

  test("PriorityQueue takes a comparator", () => {
    const q = new PriorityQueue<{ p: number }>(0, { compare: (a, b) => b.p - a.p });
    for (const p of [1, 5, 3]) q.putNowait({ p });
    expect([q.getNowait().p, q.getNowait().p, q.getNowait().p]).toEqual([5, 3, 1]);
  });

  test("PriorityQueue raises Python's TypeError on items that do not compare", () => {
    const q = new PriorityQueue<unknown>();
    q.putNowait([1, "a"]);
    const e = thrown(() => q.putNowait([1, 2]));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe("'<' not supported between instances of 'int' and 'str'");
    // As heapq.heappush: the item stays appended, but put_nowait did not count it.
    expect(q.qsize()).toBe(2);
    expect(q.statistics().unfinishedTasks).toBe(1);
  });

  test("the default comparator orders like Python", () => {
    expect(pythonCompare(1, 2)).toBeLessThan(0);
    expect(pythonCompare(true, 0.5)).toBeGreaterThan(0);
    expect(pythonCompare(2n, 1.5)).toBeGreaterThan(0);
    expect(pythonCompare("b", "a")).toBeGreaterThan(0);
    // By code point: U+1F600 sorts after U+FFFF, unlike UTF-16 units.
    expect(pythonCompare("\u{1F600}", "\uFFFF")).toBeGreaterThan(0);
    expect(pythonCompare([1, 2], [1, 2, 0])).toBeLessThan(0);
    expect(pythonCompare([1, [2, "a"]], [1, [2, "b"]])).toBeLessThan(0);
    expect(pythonCompare([], [])).toBe(0);
    expect(() => pythonCompare(undefined, 1)).toThrow(
      "'<' not supported between instances of 'NoneType' and 'int'",
    );
  });
});

describe.each(KINDS)("%s join (_QueueJoinTestMixin)", (name, Kind) => {
  test("test_task_done_underflow: taskDone() with no unfinished item raises ValueError('task_done() called too many times')", () => {
    const e = thrown(() => new Kind().taskDone());
    expect(e).toBeInstanceOf(asyncio.ValueError);
    expect((e as Error).message).toBe("task_done() called too many times");
  });

  test(
    "test_task_done: two workers and join",
    vt(function* () {
      const q = new Kind();
      for (let i = 0; i < 100; i++) q.putNowait(i);
      let accumulator = 0;
      let running = true;
      function* worker(): asyncio.Coroutine<void> {
        while (running) {
          accumulator += (yield* q.get()) as number;
          q.taskDone();
        }
      }
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        const tasks = [tg.createTask(worker()), tg.createTask(worker())];
        yield* q.join();
        expect(accumulator).toBe(4950);
        running = false;
        for (let i = 0; i < tasks.length; i++) q.putNowait(0);
      });
    }),
  );

  test(
    "test_join_empty_queue: join() on a queue with no unfinished item returns at once, every time",
    vt(function* () {
      const q = new Kind();
      yield* q.join();
      yield* q.join();
    }),
  );

  test("test_format: the repr shows maxsize and the count of unfinished tasks", () => {
    const q = new Kind();
    expect(q._format()).toBe("maxsize=0");
    q._unfinishedTasks = 2;
    expect(q._format()).toBe("maxsize=0 tasks=2");
    expect(String(q)).toBe(`<${name} maxsize=0 tasks=2>`);
  });
});

describe.each(KINDS)("%s shutdown (_QueueShutdownTestMixin)", (_name, Kind) => {
  function* assertShutDown(q: Queue<unknown>): asyncio.Coroutine<void> {
    expect(yield* raised(q.put("data"))).toBeInstanceOf(QueueShutDown);
    expect(thrown(() => q.putNowait("data"))).toBeInstanceOf(QueueShutDown);
    expect(yield* raised(q.get())).toBeInstanceOf(QueueShutDown);
    expect(thrown(() => q.getNowait())).toBeInstanceOf(QueueShutDown);
  }

  test("test_format: the repr of a shut-down queue ends with shutdown", () => {
    const q = new Kind();
    q.shutdown();
    expect(q._format()).toBe("maxsize=0 shutdown");
  });

  test(
    "test_shutdown_empty: shutdown() of an empty queue wakes a waiting get() with QueueShutDown, and then every put and get raises it",
    vt(function* () {
      const q = new Kind();
      const getTask = asyncio.createTask(q.get());
      yield* asyncio.sleep(0);
      q.shutdown(false);
      expect(q.qsize()).toBe(0);
      yield* q.join();
      yield* asyncio.sleep(0);
      expect(getTask.done()).toBe(true);
      expect(yield* raised(getTask)).toBeInstanceOf(QueueShutDown);
      yield* assertShutDown(q);
    }),
  );

  test(
    "test_shutdown_nonempty: shutdown() fails a waiting put() but leaves the items to get; join() waits for their taskDone()",
    vt(function* () {
      const q = new Kind(1);
      q.putNowait("data");
      const joinTask = asyncio.createTask(q.join());
      const putTask = asyncio.createTask(q.put("data2"));
      yield* asyncio.sleep(0);
      expect(putTask.done()).toBe(false);
      q.shutdown(false);
      expect(q.qsize()).toBe(1);
      yield* asyncio.sleep(0);
      expect(putTask.done()).toBe(true);
      expect(yield* raised(putTask)).toBeInstanceOf(QueueShutDown);
      expect(yield* q.get()).toBe("data");
      yield* asyncio.sleep(0);
      expect(joinTask.done()).toBe(false);
      yield* assertShutDown(q);
      q.taskDone();
      yield* asyncio.sleep(0);
      expect(joinTask.done()).toBe(true);
      yield* joinTask;
      expect(thrown(() => q.taskDone())).toBeInstanceOf(asyncio.ValueError);
    }),
  );

  test(
    "test_shutdown_immediate: shutdown(true) drops the items, so join() returns; then every put and get raises QueueShutDown",
    vt(function* () {
      const q = new Kind();
      q.putNowait("data");
      const joinTask = asyncio.createTask(q.join());
      q.shutdown(true);
      expect(q.qsize()).toBe(0);
      yield* asyncio.sleep(0);
      expect(joinTask.done()).toBe(true);
      yield* joinTask;
      yield* assertShutDown(q);
      expect(thrown(() => q.taskDone())).toBeInstanceOf(asyncio.ValueError);
    }),
  );

  test(
    "test_shutdown_immediate_with_unfinished: after shutdown(true), join() still waits for the item taken before it",
    vt(function* () {
      const q = new Kind();
      q.putNowait("data");
      q.putNowait("data");
      const joinTask = asyncio.createTask(q.join());
      expect(yield* q.get()).toBe("data");
      q.shutdown(true);
      expect(q.qsize()).toBe(0);
      yield* asyncio.sleep(0);
      expect(joinTask.done()).toBe(false);
      yield* assertShutDown(q);
      q.taskDone();
      expect(thrown(() => q.taskDone())).toBeInstanceOf(asyncio.ValueError);
      yield* asyncio.sleep(0);
      expect(joinTask.done()).toBe(true);
      yield* joinTask;
    }),
  );
});

describe("the port's own", () => {
  test(
    "shutdown wakes every getter: the queued items go to the first, the rest raise",
    vt(function* () {
      const q = new Queue<number>();
      const getters = [0, 1, 2].map(() => asyncio.createTask(q.get()));
      yield* asyncio.sleep(0);
      q.putNowait(7);
      q.shutdown();
      const outcomes = yield* asyncio.gather(...getters, { returnExceptions: true });
      expect(outcomes[0]).toBe(7);
      expect(outcomes[1]).toBeInstanceOf(QueueShutDown);
      expect(outcomes[2]).toBeInstanceOf(QueueShutDown);
    }),
  );

  test(
    "statistics() is a frozen snapshot",
    vt(function* () {
      const q = new Queue<number>(1);
      q.putNowait(1);
      asyncio.createTask(q.put(2));
      yield* asyncio.sleep(0);
      const stats = q.statistics();
      expect(stats).toEqual({ qsize: 1, maxsize: 1, getters: 0, putters: 1, unfinishedTasks: 1 });
      expect(Object.isFrozen(stats)).toBe(true);
      q.getNowait();
      yield* asyncio.sleep(0);
      expect(q.statistics().putters).toBe(0);
    }),
  );

  test(
    "a get() in a timeout that expires takes nothing and leaves no getter",
    vt(function* () {
      const q = new Queue<number>();
      const e = yield* raised(
        asyncio.asyncWith(asyncio.timeout(1), function* () {
          return yield* q.get();
        }),
      );
      expect(e).toBeInstanceOf(asyncio.TimeoutError);
      expect(q.statistics().getters).toBe(0);
      q.putNowait(1);
      expect(q.getNowait()).toBe(1);
    }),
  );

  test("a queue refuses to wait on a second loop", async () => {
    const q = new Queue<number>();
    await runVirtual(
      (function* () {
        const t = asyncio.createTask(q.get());
        yield* asyncio.sleep(0);
        q.putNowait(1);
        yield* t;
      })(),
    );
    const error = await runVirtual(raised(q.get()));
    expect(error).toBeInstanceOf(asyncio.RuntimeError);
    expect((error as Error).message).toBe(
      "<Queue maxsize=0 tasks=1> is bound to a different event loop",
    );
  });
});

describe("wrong arguments", () => {
  test("new Queue({ maxsize }) is a TypeError naming the positional maxsize (it once made an unbounded queue)", async () => {
    const out = await runVirtual(
      (function* () {
        return [
          yield* failureOf(() => new asyncio.Queue(untyped({ maxsize: 5 })).get()),
          yield* failureOf(() => new asyncio.PriorityQueue(untyped({ maxsize: 5 })).get()),
          yield* failureOf(() => new asyncio.LifoQueue(untyped("5")).get()),
          yield* failureOf(() => new asyncio.Queue(Number.NaN).get()),
          new asyncio.Queue(5).maxsize,
        ];
      })(),
    );
    // CPython accepts Queue({'maxsize': 5}) and raises TypeError "'<=' not supported…" at the first put.
    expect(out).toEqual([
      "TypeError: Queue() argument 'maxsize' must be a number, not {...} (a positional argument, not an options object)",
      "TypeError: Queue() argument 'maxsize' must be a number, not {...} (a positional argument, not an options object)",
      "TypeError: Queue() argument 'maxsize' must be a number, not '5'",
      "ValueError: Invalid maxsize: NaN (not a number)",
      5,
    ]);
  });
});
