/**
 * The synchronisation primitives, after CPython's test_locks.py (test names
 * kept in the titles of the tests that reproduce one). Every test runs on a
 * virtual clock, so timeouts cost nothing and the orders are exact.
 */
import * as asyncio from "asyncio-ts";
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  Lock,
  Semaphore,
} from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failureOf, raised, runVirtual, thrown, untyped } from "./helpers.js";

type Co<T = unknown> = asyncio.Coroutine<T>;

/** Runs a coroutine function on a fresh virtual-time loop. */
function run<T>(fn: () => Co<T>): Promise<T> {
  return runVirtual(fn());
}

function sleep0(): Co<undefined> {
  return asyncio.sleep(0);
}

/** CPython's RGX_REPR without the address. */
const REPR =
  /^<(\w+) \[(set|unset|locked|unlocked|filling|draining|resetting|broken)(, value:\d+)?(, waiters:\d+)?(, waiters:\d+\/\d+)?\]>$/;

describe("Lock", () => {
  test("test_repr: a Lock's repr shows locked or unlocked and the number of waiters", () =>
    run(function* () {
      const lock = new Lock();
      expect(String(lock)).toBe("<Lock [unlocked]>");
      expect(String(lock)).toMatch(REPR);
      yield* lock.acquire();
      expect(String(lock)).toBe("<Lock [locked]>");
      const t = asyncio.createTask(lock.acquire());
      yield* sleep0();
      expect(String(lock)).toBe("<Lock [locked, waiters:1]>");
      expect(String(lock)).toMatch(REPR);
      t.cancel();
      yield* raised(t);
    }));

  test("test_lock: a Lock is not awaitable and starts unlocked", () => {
    const lock = new Lock();
    expect(Symbol.iterator in lock).toBe(false);
    expect(lock.locked()).toBe(false);
  });

  test("test_acquire: waiters take a released Lock one at a time, in the order they came, and acquire() returns true", () =>
    run(function* () {
      const lock = new Lock();
      const result: number[] = [];
      expect(yield* lock.acquire()).toBe(true);
      function* c(n: number): Co<boolean> {
        if (yield* lock.acquire()) result.push(n);
        return true;
      }
      const t1 = asyncio.createTask(c(1));
      const t2 = asyncio.createTask(c(2));
      yield* sleep0();
      expect(result).toEqual([]);
      lock.release();
      yield* sleep0();
      expect(result).toEqual([1]);
      yield* sleep0();
      expect(result).toEqual([1]);
      const t3 = asyncio.createTask(c(3));
      lock.release();
      yield* sleep0();
      expect(result).toEqual([1, 2]);
      lock.release();
      yield* sleep0();
      expect(result).toEqual([1, 2, 3]);
      for (const t of [t1, t2, t3]) expect(t.result()).toBe(true);
    }));

  test("test_acquire_cancel: a Task cancelled while waiting for the Lock raises CancelledError and leaves no waiter behind", () =>
    run(function* () {
      const lock = new Lock();
      expect(yield* lock.acquire()).toBe(true);
      const task = asyncio.createTask(lock.acquire());
      asyncio.getRunningLoop().callSoon(() => task.cancel());
      expect(yield* raised(task)).toBeInstanceOf(asyncio.CancelledError);
      expect(lock.statistics().waiters).toBe(0);
    }));

  test("test_cancel_race: when the holder releases as the first waiter is cancelled, the Lock goes to the next waiter", () =>
    run(function* () {
      const lock = new Lock();
      function* lockit(blocker: asyncio.Future<unknown> | null): Co<void> {
        yield* lock.acquire();
        try {
          if (blocker !== null) yield* blocker;
        } finally {
          lock.release();
        }
      }
      const fa = asyncio.getRunningLoop().createFuture();
      const ta = asyncio.createTask(lockit(fa));
      yield* sleep0();
      expect(lock.locked()).toBe(true);
      const tb = asyncio.createTask(lockit(null));
      yield* sleep0();
      expect(lock.statistics().waiters).toBe(1);
      const tc = asyncio.createTask(lockit(null));
      yield* sleep0();
      expect(lock.statistics().waiters).toBe(2);

      fa.setResult(undefined);
      tb.cancel();
      expect([...lock._waiters!][0]!.cancelled()).toBe(true);
      yield* sleep0();
      expect(lock.locked()).toBe(false);
      expect(ta.done()).toBe(true);
      expect(tb.cancelled()).toBe(true);
      yield* tc;
    }));

  test("test_cancel_release_race: a waiter cancelled in the same iteration as release() lets the next waiter take the Lock (bpo-32734)", () =>
    run(function* () {
      const loop = asyncio.getRunningLoop();
      const lock = new Lock();
      let lockCount = 0;
      let callCount = 0;
      function* lockit(): Co<void> {
        callCount++;
        yield* lock.acquire();
        lockCount++;
      }
      yield* lock.acquire();
      const t1 = asyncio.createTask(lockit());
      const t2 = asyncio.createTask(lockit());
      const t3 = asyncio.createTask(lockit());
      yield* sleep0();
      loop.callSoon(() => {
        t1.cancel();
        lock.release();
      });
      expect(yield* raised(t1)).toBeInstanceOf(asyncio.CancelledError);
      expect(lockCount).toBe(1);
      expect(callCount).toBe(3);
      expect(t1.cancelled() && t2.done()).toBe(true);
      t3.cancel();
      yield* sleep0();
      expect(t3.cancelled()).toBe(true);
    }));

  test("test_finished_waiter_cancelled: a waiter woken by release() and then cancelled does not strand the Lock; a newer waiter takes it", () =>
    run(function* () {
      const lock = new Lock();
      yield* lock.acquire();
      expect(lock.locked()).toBe(true);
      const tb = asyncio.createTask(lock.acquire());
      yield* sleep0();
      expect(lock.statistics().waiters).toBe(1);
      const tc = asyncio.createTask(lock.acquire());
      tb.cancel();
      lock.release();
      yield* sleep0();
      expect(lock.locked()).toBe(true);
      expect(tb.cancelled()).toBe(true);
      yield* tc;
    }));

  test("test_release_not_acquired: releasing an unlocked Lock raises RuntimeError('Lock is not acquired.')", () => {
    expect(() => new Lock().release()).toThrow(
      expect.objectContaining({ name: "RuntimeError", message: "Lock is not acquired." }),
    );
    expect(() => new Lock().release()).toThrow(asyncio.RuntimeError);
  });

  test("test_release_no_waiters: release() with nobody waiting leaves the Lock unlocked", () =>
    run(function* () {
      const lock = new Lock();
      yield* lock.acquire();
      expect(lock.locked()).toBe(true);
      lock.release();
      expect(lock.locked()).toBe(false);
    }));

  test("test_context_manager: async with holds the Lock for the body, gives it undefined, and releases it after", () =>
    run(function* () {
      const lock = new Lock();
      expect(lock.locked()).toBe(false);
      const value = yield* asyncio.asyncWith(lock, function* (v) {
        expect(v).toBeUndefined();
        expect(lock.locked()).toBe(true);
        return 7;
      });
      expect(value).toBe(7);
      expect(lock.locked()).toBe(false);
    }));

  test("the context manager releases when the body throws", () =>
    run(function* () {
      const lock = new Lock();
      const e = yield* raised(
        asyncio.asyncWith(lock, function* () {
          throw new asyncio.ValueError("boom");
        }),
      );
      expect(e).toBeInstanceOf(asyncio.ValueError);
      expect(lock.locked()).toBe(false);
    }));

  test("the fast path takes a free lock without yielding", () =>
    run(function* () {
      const lock = new Lock();
      const gen = lock.acquire();
      expect(gen.next()).toEqual({ done: true, value: true });
      expect(lock.locked()).toBe(true);
      expect(lock._loop).toBeNull(); // never waited, never bound
    }));

  test("a newcomer does not barge past a woken waiter", () =>
    run(function* () {
      const lock = new Lock();
      const order: string[] = [];
      function* take(name: string): Co<void> {
        yield* lock.acquire();
        order.push(name);
        yield* sleep0();
        lock.release();
      }
      yield* lock.acquire();
      const ta = asyncio.createTask(take("A"));
      yield* sleep0();
      lock.release();
      expect(lock.locked()).toBe(false);
      const tn = asyncio.createTask(take("newcomer"));
      yield* asyncio.gather(ta, tn);
      expect(order).toEqual(["A", "newcomer"]);
    }));

  test("statistics() is a frozen record", () =>
    run(function* () {
      const lock = new Lock();
      const s = lock.statistics();
      expect(s).toEqual({ locked: false, waiters: 0 });
      expect(Object.isFrozen(s)).toBe(true);
      yield* lock.acquire();
      expect(lock.statistics()).toEqual({ locked: true, waiters: 0 });
    }));
});

describe("Event", () => {
  test("test_repr: an Event's repr shows set or unset and the number of waiters", () =>
    run(function* () {
      const ev = new Event();
      expect(String(ev)).toBe("<Event [unset]>");
      const t = asyncio.createTask(ev.wait());
      yield* sleep0();
      expect(String(ev)).toBe("<Event [unset, waiters:1]>");
      ev.set();
      expect(String(ev)).toBe("<Event [set, waiters:1]>");
      expect(String(ev)).toMatch(REPR);
      yield* t;
      expect(String(ev)).toBe("<Event [set]>");
    }));

  test("test_wait: set() wakes every waiter and wait() returns true; a Task that first runs after set() passes wait() ahead of them", () =>
    run(function* () {
      const ev = new Event();
      expect(ev.isSet()).toBe(false);
      const result: number[] = [];
      function* c(n: number): Co<void> {
        if (yield* ev.wait()) result.push(n);
      }
      const t1 = asyncio.createTask(c(1));
      const t2 = asyncio.createTask(c(2));
      yield* sleep0();
      expect(result).toEqual([]);
      const t3 = asyncio.createTask(c(3));
      ev.set();
      yield* sleep0();
      expect(result).toEqual([3, 1, 2]);
      for (const t of [t1, t2, t3]) expect(t.result()).toBeUndefined();
    }));

  test("test_wait_on_set: wait() on a set Event returns true at once", () =>
    run(function* () {
      const ev = new Event();
      ev.set();
      expect(yield* ev.wait()).toBe(true);
    }));

  test("test_wait_cancel: a Task cancelled in Event.wait() raises CancelledError and leaves no waiter behind", () =>
    run(function* () {
      const ev = new Event();
      const wait = asyncio.createTask(ev.wait());
      asyncio.getRunningLoop().callSoon(() => wait.cancel());
      expect(yield* raised(wait)).toBeInstanceOf(asyncio.CancelledError);
      expect(ev.statistics().waiters).toBe(0);
    }));

  test("test_clear: clear() unsets a set Event", () => {
    const ev = new Event();
    expect(ev.isSet()).toBe(false);
    ev.set();
    expect(ev.isSet()).toBe(true);
    ev.clear();
    expect(ev.isSet()).toBe(false);
  });

  test("test_clear_with_waiters: set() then clear() still wakes the Task that was waiting, once, though the Event is then unset", () =>
    run(function* () {
      const ev = new Event();
      const result: number[] = [];
      const t = asyncio.createTask(
        (function* () {
          if (yield* ev.wait()) result.push(1);
          return true;
        })(),
      );
      yield* sleep0();
      expect(result).toEqual([]);
      ev.set();
      ev.clear();
      expect(ev.isSet()).toBe(false);
      ev.set();
      ev.set();
      expect(ev.statistics().waiters).toBe(1);
      yield* sleep0();
      expect(result).toEqual([1]);
      expect(ev.statistics()).toEqual({ set: true, waiters: 0 });
      expect(t.result()).toBe(true);
    }));

  test("after many waiters were cancelled, the count is right and the rest are woken in order", () =>
    run(function* () {
      const ev = new Event();
      const woken: number[] = [];
      function* c(n: number): Co<void> {
        yield* ev.wait();
        woken.push(n);
      }
      const tasks = Array.from({ length: 200 }, (_, n) => asyncio.createTask(c(n)));
      yield* sleep0();
      for (const t of tasks.slice(0, 150)) t.cancel();
      yield* sleep0();
      expect(ev.statistics().waiters).toBe(50);
      ev.set();
      yield* sleep0();
      expect(woken).toEqual(Array.from({ length: 50 }, (_, k) => 150 + k));
      expect(ev.statistics().waiters).toBe(0);
    }));

  test("a wait closed while pending stops counting and is not woken", () =>
    run(function* () {
      const ev = new Event();
      const first = ev.wait();
      const fut = first.next().value as asyncio.Future<boolean>;
      const second = asyncio.createTask(ev.wait());
      yield* sleep0();
      expect(ev.statistics().waiters).toBe(2);
      first.return(true);
      expect(ev.statistics().waiters).toBe(1);
      ev.set();
      expect(fut.done()).toBe(false);
      expect(yield* second).toBe(true);
    }));
});

describe("Event: a Task waits without a Future of its own, as if it had one", () => {
  function* waiter(ev: Event, log: string[]): Co<void> {
    try {
      yield* ev.wait();
      log.push("woken");
    } catch (e) {
      if (e instanceof asyncio.CancelledError) log.push(`cancelled '${e.message}'`);
      throw e;
    }
  }
  const waitFor = (t: asyncio.Task<unknown>): string => String(t).split(" wait_for=")[1]!;
  /** A new Event, its log, and a Task waiting on it. */
  function* waiting(): Co<[Event, string[], asyncio.Task<void>]> {
    const ev = new Event();
    const log: string[] = [];
    const t = asyncio.createTask(waiter(ev, log));
    yield* sleep0();
    return [ev, log, t];
  }

  // Each expectation is what CPython 3.13 prints for the same program.
  test("cancel: the first message wins, the waiter leaves when the Task runs", () =>
    run(function* () {
      const [ev, log, t] = yield* waiting();
      expect(waitFor(t)).toBe("<Future pending cb=[Task.task_wakeup()]>>");
      expect([t.cancel("first"), t.cancel("second"), ev.statistics().waiters]).toEqual([
        true,
        true,
        1,
      ]);
      expect(waitFor(t)).toBe("<Future cancelled>>");
      yield* sleep0();
      expect([log, ev.statistics().waiters, t.cancelled()]).toEqual([
        ["cancelled 'first'"],
        0,
        true,
      ]);
    }));

  test("Tasks cancelled with and without a message: each wakes with a CancelledError of its own", () =>
    run(function* () {
      const ev = new Event();
      const caught: unknown[] = [];
      function* catching(): Co<void> {
        try {
          yield* ev.wait();
        } catch (e) {
          caught.push(e);
          throw e;
        }
      }
      const tasks = [0, 1, 2, 3].map(() => asyncio.createTask(catching()));
      yield* sleep0();
      expect([tasks[0]!.cancel(), tasks[1]!.cancel("m"), tasks[2]!.cancel()]).toEqual([
        true,
        true,
        true,
      ]);
      // A second cancel() finds the wait cancelled already: the first one's error is thrown in.
      expect(tasks[2]!.cancel("again")).toBe(true);
      expect(tasks.map(waitFor)).toEqual([
        "<Future cancelled>>",
        "<Future cancelled>>",
        "<Future cancelled>>",
        "<Future pending cb=[Task.task_wakeup()]>>",
      ]);
      yield* sleep0();
      expect(caught.map((e) => (e as Error).message)).toEqual(["", "m", ""]);
      expect(new Set(caught).size).toBe(3);
      expect([tasks.map((t) => t.cancelled()), ev.statistics().waiters]).toEqual([
        [true, true, true, false],
        1,
      ]);
      ev.set();
      yield* tasks[3]!;
    }));

  test("uncancel() between cancel() and the wake-up does not stop the CancelledError", () =>
    run(function* () {
      const [, log, t] = yield* waiting();
      t.cancel("m");
      t.uncancel();
      yield* sleep0();
      expect([log, t.cancelled()]).toEqual([["cancelled 'm'"], true]);
    }));

  test("cancelled after set() woke it, before it ran: still cancelled", () =>
    run(function* () {
      const [ev, log, t] = yield* waiting();
      ev.set();
      expect(waitFor(t)).toBe("<Future finished result=True>>");
      t.cancel();
      expect(ev.statistics().waiters).toBe(1);
      yield* sleep0();
      expect([log, t.cancelled(), ev.statistics().waiters]).toEqual([["cancelled ''"], true, 0]);
    }));

  test("set(), clear() and new waiters: each is woken once, in order", () =>
    run(function* () {
      const [ev, log, first] = yield* waiting();
      ev.set();
      ev.clear();
      const second = asyncio.createTask(waiter(ev, log));
      yield* sleep0();
      expect(ev.statistics().waiters).toBe(1);
      ev.set();
      yield* asyncio.gather(first, second);
      expect([log, ev.statistics().waiters]).toEqual([["woken", "woken"], 0]);
    }));
});

describe("Event: a coroutine driven by hand while its Task waits", () => {
  // Every `yield* ev.wait()` in a running Task delegates to one iterator of
  // the Event (locks/event-parking.ts), which keeps nothing per wait: code
  // other than the Task that drives the coroutine cannot be told which Task
  // it belongs to, so that Task stays parked. The rules pinned here are
  // asyncio-ts's; CPython's (3.13) are in each title: there the hand takes
  // the waiter Future out of the Event, and the Task waits on it until it is
  // cancelled (then fails with "RuntimeError: cannot reuse already awaited
  // coroutine").
  function* waiter(ev: Event, log: string[]): Co<string> {
    try {
      yield* ev.wait();
      log.push("woken");
      return "ret";
    } finally {
      log.push("finally");
    }
  }
  /** A new Event, its log, a Task waiting on it, and the Task's coroutine. */
  function* waiting(): Co<[Event, string[], asyncio.Task<string>, Co<string>]> {
    const ev = new Event();
    const log: string[] = [];
    const coro = waiter(ev, log);
    const t = asyncio.createTask(coro);
    yield* sleep0();
    return [ev, log, t, coro];
  }

  test("closed from outside any Task: its finally runs, the Task stays parked, and set() ends it with undefined (CPython: it waits until cancelled)", () =>
    run(function* () {
      const [ev, log, t, coro] = yield* waiting();
      expect(coro.return("closed")).toEqual({ done: true, value: "closed" });
      expect([log, ev.statistics().waiters, t.done()]).toEqual([["finally"], 1, false]);
      ev.set();
      yield* sleep0();
      expect([t.done(), t.result(), log]).toEqual([true, undefined, ["finally"]]);
      // It ended without leaving the queue: the next set() takes it out.
      expect(ev.statistics().waiters).toBe(1);
      ev.clear();
      ev.set();
      expect(ev.statistics().waiters).toBe(0);
    }));

  test("closed from another Task: the same, and the closing Task is not taken for the waiter", () =>
    run(function* () {
      const [ev, log, t, coro] = yield* waiting();
      const closer = asyncio.createTask(
        (function* () {
          coro.return("closed");
          return ev.statistics().waiters;
        })(),
      );
      expect(yield* closer).toBe(1);
      ev.set();
      yield* sleep0();
      expect([t.result(), log]).toEqual([undefined, ["finally"]]);
    }));

  test("closed from outside, then cancelled: the Task ends cancelled (CPython: RuntimeError)", () =>
    run(function* () {
      const [, log, t, coro] = yield* waiting();
      coro.return("closed");
      t.cancel();
      yield* sleep0();
      expect([t.cancelled(), log]).toEqual([true, ["finally"]]);
    }));

  test("next() by hand before set(): RuntimeError through the coroutine, and set() ends the parked Task with undefined (CPython's C Future yields it again)", () =>
    run(function* () {
      const [ev, log, t, coro] = yield* waiting();
      const e = thrown(() => coro.next());
      expect(e).toBeInstanceOf(asyncio.RuntimeError);
      expect((e as Error).message).toBe("await wasn't used with future");
      expect([log, ev.statistics().waiters]).toEqual([["finally"], 1]);
      ev.set();
      yield* sleep0();
      expect([t.result(), ev.statistics().waiters]).toEqual([undefined, 1]);
    }));

  test("next() by hand after set(): the wait returns true to the hand, and the woken Task ends with undefined (CPython: RuntimeError in the Task)", () =>
    run(function* () {
      const [ev, log, t, coro] = yield* waiting();
      ev.set();
      expect(coro.next()).toEqual({ done: true, value: "ret" });
      expect(log).toEqual(["woken", "finally"]);
      yield* sleep0();
      expect(t.result()).toBeUndefined();
    }));

  test("throw() by hand: the error passes through the coroutine, and set() ends the parked Task with undefined (CPython: it waits until cancelled)", () =>
    run(function* () {
      const [ev, log, t, coro] = yield* waiting();
      const error = new Error("by hand");
      expect(thrown(() => coro.throw(error))).toBe(error);
      expect([log, t.done()]).toEqual([["finally"], false]);
      ev.set();
      yield* sleep0();
      expect(t.result()).toBeUndefined();
    }));

  test("a Task that drives its own wait with [Symbol.iterator]() and next(): a second next() before set() raises RuntimeError and leaves the queue", () =>
    run(function* () {
      const ev = new Event();
      const it = ev.wait()[Symbol.iterator]();
      const first = it.next();
      expect([first.done, first.value instanceof asyncio.Future]).toEqual([false, true]);
      expect(ev.statistics().waiters).toBe(1);
      const e = thrown(() => it.next());
      expect((e as Error).message).toBe("await wasn't used with future");
      expect(ev.statistics().waiters).toBe(0);
    }));

  test("a wait driven by hand with next() and createTask(ev.wait()) each wait on a Future of their own: cancelling one touches no other waiter", () =>
    run(function* () {
      const [ev, log, t] = yield* waiting();
      const byHand = ev.wait();
      const fut = byHand.next().value as asyncio.Future<boolean>;
      const own = asyncio.createTask(ev.wait());
      yield* sleep0();
      expect(ev.statistics().waiters).toBe(3);
      fut.cancel();
      byHand.return(true);
      expect(ev.statistics().waiters).toBe(2);
      ev.set();
      expect([yield* own, yield* t, log]).toEqual([true, "ret", ["woken", "finally"]]);
    }));

  test("the Tasks of one Event each resume their own wait, whichever order they are cancelled or woken in (as CPython)", () =>
    run(function* () {
      const ev = new Event();
      const log: string[] = [];
      const tasks = [0, 1, 2, 3].map((n) =>
        asyncio.createTask(
          (function* () {
            try {
              yield* ev.wait();
              log.push(`woken ${n}`);
            } catch (e) {
              log.push(`cancelled ${n}`);
              throw e;
            }
          })(),
        ),
      );
      yield* sleep0();
      tasks[2]!.cancel();
      tasks[0]!.cancel();
      yield* sleep0();
      expect(ev.statistics().waiters).toBe(2);
      ev.set();
      yield* asyncio.gather(...tasks, { returnExceptions: true });
      expect(log).toEqual(["cancelled 2", "cancelled 0", "woken 1", "woken 3"]);
      expect(ev.statistics().waiters).toBe(0);
    }));
});

describe("Condition", () => {
  test("test_wait: notify(n) wakes up to n waiters, and each returns from wait() only once it holds the lock again", () =>
    run(function* () {
      const cond = new Condition();
      const result: number[] = [];
      function* c(n: number): Co<boolean> {
        yield* cond.acquire();
        if (yield* cond.wait()) result.push(n);
        return true;
      }
      const tasks = [1, 2, 3].map((n) => asyncio.createTask(c(n)));
      yield* sleep0();
      expect(result).toEqual([]);
      expect(cond.locked()).toBe(false);

      expect(yield* cond.acquire()).toBe(true);
      cond.notify();
      yield* sleep0();
      expect(result).toEqual([]);
      expect(cond.locked()).toBe(true);

      cond.release();
      yield* sleep0();
      expect(result).toEqual([1]);
      expect(cond.locked()).toBe(true);

      cond.notify(2);
      yield* sleep0();
      expect(result).toEqual([1]);
      expect(cond.locked()).toBe(true);

      cond.release();
      yield* sleep0();
      expect(result).toEqual([1, 2]);
      expect(cond.locked()).toBe(true);

      cond.release();
      yield* sleep0();
      expect(result).toEqual([1, 2, 3]);
      expect(cond.locked()).toBe(true);
      for (const t of tasks) expect(t.result()).toBe(true);
    }));

  test("test_wait_cancel: a Task cancelled in Condition.wait() raises CancelledError with the lock held again and no waiter left", () =>
    run(function* () {
      const cond = new Condition();
      yield* cond.acquire();
      const wait = asyncio.createTask(cond.wait());
      asyncio.getRunningLoop().callSoon(() => wait.cancel());
      expect(yield* raised(wait)).toBeInstanceOf(asyncio.CancelledError);
      expect(cond.statistics().waiters).toBe(0);
      expect(cond.locked()).toBe(true);
    }));

  test("test_wait_cancel_contested: a waiter cancelled while another Task holds the lock still takes the lock back before it raises", () =>
    run(function* () {
      const cond = new Condition();
      yield* cond.acquire();
      expect(cond.locked()).toBe(true);
      const waitTask = asyncio.createTask(cond.wait());
      yield* sleep0();
      expect(cond.locked()).toBe(false);
      yield* cond.acquire();
      expect(cond.locked()).toBe(true);
      cond.notify();
      const loop = asyncio.getRunningLoop();
      loop.callSoon(() => waitTask.cancel());
      loop.callSoon(() => cond.release());
      try {
        yield* waitTask;
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
      }
      expect(cond.locked()).toBe(true);
    }));

  test("test_wait_cancel_after_notify: a waiter notified and then cancelled before it has the lock back ends cancelled (bpo-32841)", () =>
    run(function* () {
      let waited = false;
      const cond = new Condition();
      const waiter = asyncio.createTask(
        asyncio.asyncWith(cond, function* () {
          waited = true;
          yield* cond.wait();
        }),
      );
      yield* sleep0();
      yield* cond.acquire();
      cond.notify();
      yield* sleep0();
      waiter.cancel();
      yield* sleep0();
      cond.release();
      yield* sleep0();
      expect(waiter.cancelled()).toBe(true);
      expect(waited).toBe(true);
    }));

  test("test_wait_unacquired: wait() without the lock raises RuntimeError('cannot wait on un-acquired lock')", () =>
    run(function* () {
      const e = yield* raised(new Condition().wait());
      expect(e).toBeInstanceOf(asyncio.RuntimeError);
      expect((e as Error).message).toBe("cannot wait on un-acquired lock");
    }));

  test("test_wait_for: waitFor(predicate) keeps waiting through notifications until the predicate is true", () =>
    run(function* () {
      const cond = new Condition();
      let presult = false;
      const result: number[] = [];
      const t = asyncio.createTask(
        (function* () {
          yield* cond.acquire();
          if (yield* cond.waitFor(() => presult)) {
            result.push(1);
            cond.release();
          }
          return true;
        })(),
      );
      yield* sleep0();
      expect(result).toEqual([]);
      yield* cond.acquire();
      cond.notify();
      cond.release();
      yield* sleep0();
      expect(result).toEqual([]);
      presult = true;
      yield* cond.acquire();
      cond.notify();
      cond.release();
      yield* sleep0();
      expect(result).toEqual([1]);
      expect(t.result()).toBe(true);
    }));

  test("test_wait_for_unacquired: waitFor returns a predicate that is already true without the lock, and raises RuntimeError when it would wait", () =>
    run(function* () {
      const cond = new Condition();
      expect(yield* cond.waitFor(() => [1, 2, 3])).toEqual([1, 2, 3]);
      expect(yield* raised(cond.waitFor(() => false))).toBeInstanceOf(asyncio.RuntimeError);
    }));

  test("test_notify: notify(1) wakes one waiter; notify(n) with n beyond the waiters wakes the rest", () =>
    run(function* () {
      const cond = new Condition();
      const result: number[] = [];
      function* c(n: number): Co<boolean> {
        yield* cond.acquire();
        if (yield* cond.wait()) {
          result.push(n);
          cond.release();
        }
        return true;
      }
      const tasks = [1, 2, 3].map((n) => asyncio.createTask(c(n)));
      yield* sleep0();
      expect(result).toEqual([]);
      yield* cond.acquire();
      cond.notify(1);
      cond.release();
      yield* sleep0();
      expect(result).toEqual([1]);
      yield* cond.acquire();
      cond.notify(1);
      cond.notify(2048);
      cond.release();
      yield* sleep0();
      expect(result).toEqual([1, 2, 3]);
      for (const t of tasks) expect(t.result()).toBe(true);
    }));

  test("test_notify_all: notifyAll() wakes every waiter", () =>
    run(function* () {
      const cond = new Condition();
      const result: number[] = [];
      function* c(n: number): Co<boolean> {
        yield* cond.acquire();
        if (yield* cond.wait()) {
          result.push(n);
          cond.release();
        }
        return true;
      }
      const tasks = [1, 2].map((n) => asyncio.createTask(c(n)));
      yield* sleep0();
      expect(result).toEqual([]);
      yield* cond.acquire();
      cond.notifyAll();
      cond.release();
      yield* sleep0();
      expect(result).toEqual([1, 2]);
      for (const t of tasks) expect(t.result()).toBe(true);
    }));

  test("test_notify_unacquired: notify() without the lock raises RuntimeError('cannot notify on un-acquired lock')", () => {
    expect(() => new Condition().notify()).toThrow("cannot notify on un-acquired lock");
  });

  test("test_notify_all_unacquired: notifyAll() without the lock raises RuntimeError", () => {
    expect(() => new Condition().notifyAll()).toThrow(asyncio.RuntimeError);
  });

  test("test_repr: a Condition's repr shows its lock's state and the number of waiters", () =>
    run(function* () {
      const cond = new Condition();
      expect(String(cond)).toBe("<Condition [unlocked]>");
      yield* cond.acquire();
      expect(String(cond)).toBe("<Condition [locked]>");
      const tasks = [0, 1].map(() =>
        asyncio.createTask(
          asyncio.asyncWith(cond, function* () {
            yield* cond.wait();
          }),
        ),
      );
      cond.release();
      yield* sleep0();
      yield* sleep0();
      expect(String(cond)).toBe("<Condition [unlocked, waiters:2]>");
      expect(String(cond)).toMatch(REPR);
      for (const t of tasks) t.cancel();
      yield* asyncio.gather(...tasks, { returnExceptions: true });
    }));

  test("test_context_manager: async with a Condition holds its lock for the body", () =>
    run(function* () {
      const cond = new Condition();
      expect(cond.locked()).toBe(false);
      yield* asyncio.asyncWith(cond, function* () {
        expect(cond.locked()).toBe(true);
      });
      expect(cond.locked()).toBe(false);
    }));

  test("test_explicit_lock: a Condition made on a given Lock shares it: holding either one holds both", () =>
    run(function* () {
      function* f(lock?: Lock, cond?: Condition): Co<void> {
        lock ??= new Lock();
        cond ??= new Condition(lock);
        const l = lock;
        expect(cond._lock).toBe(l);
        expect(l.locked()).toBe(false);
        expect(cond.locked()).toBe(false);
        yield* asyncio.asyncWith(cond, function* () {
          expect(l.locked()).toBe(true);
          expect(cond.locked()).toBe(true);
        });
        expect(l.locked()).toBe(false);
        expect(cond.locked()).toBe(false);
        yield* asyncio.asyncWith(l, function* () {
          expect(l.locked()).toBe(true);
          expect(cond.locked()).toBe(true);
        });
        expect(l.locked()).toBe(false);
        expect(cond.locked()).toBe(false);
      }
      yield* f();
      yield* f(new Lock());
      const lock = new Lock();
      yield* f(lock, new Condition(lock));
    }));

  test("test_ambiguous_loops: acquire() or wait() on a Condition whose Lock or self is bound to another loop raises RuntimeError", async () => {
    const other = new asyncio.EventLoop({ virtualTime: true });
    try {
      await run(function* () {
        const lock = new Lock();
        lock._loop = other;
        yield* asyncio.asyncWith(lock, function* () {
          // Acquired on the fast path, without touching any loop.
          const cond = new Condition(lock);
          const e = yield* raised(cond.acquire());
          expect(e).toBeInstanceOf(asyncio.RuntimeError);
          expect((e as Error).message).toBe("<Lock [locked]> is bound to a different event loop");
        });
        const lock2 = new Lock();
        yield* asyncio.asyncWith(lock2, function* () {
          const cond = new Condition(lock2);
          cond._loop = other;
          const e = yield* raised(cond.wait());
          expect((e as Error).message).toMatch(/is bound to a different event loop$/);
        });
      });
    } finally {
      other.close();
    }
  });

  test("a primitive bound to one loop refuses another", async () => {
    const lock = new Lock();
    await run(function* () {
      yield* lock.acquire();
      const t = asyncio.createTask(lock.acquire());
      yield* sleep0();
      lock.release();
      yield* t;
      lock.release();
    });
    await run(function* () {
      yield* lock.acquire(); // the fast path needs no loop
      const e = yield* raised(lock.acquire());
      expect((e as Error).message).toBe("<Lock [locked]> is bound to a different event loop");
    });
  });

  test("test_timeout_in_block: a wait() that waitFor times out raises TimeoutError with the lock held again", () =>
    run(function* () {
      const condition = new Condition();
      yield* asyncio.asyncWith(condition, function* () {
        const e = yield* raised(asyncio.waitFor(condition.wait(), 0.5));
        expect(e).toBeInstanceOf(asyncio.TimeoutError);
        expect(condition.locked()).toBe(true);
      });
    }));

  test("test_cancelled_error_wakeup: a Task cancelled in Condition.waitFor raises that very CancelledError, message included, out of its async with", () =>
    run(function* () {
      const wake = false;
      let caught: unknown;
      const cond = new Condition();
      const task = asyncio.createTask(
        asyncio.asyncWith(cond, function* () {
          caught = yield* raised(cond.waitFor(() => wake));
          expect(caught).toBeInstanceOf(asyncio.CancelledError);
          throw caught;
        }),
      );
      yield* sleep0();
      task.cancel("foo");
      const e = yield* raised(task);
      expect((e as Error).message).toBe("foo");
      expect(e).toBe(caught);
    }));

  test("test_cancelled_error_re_aquire: a Task cancelled after notify(), while it takes the lock back, raises that very CancelledError with its message", () =>
    run(function* () {
      let wake = false;
      let caught: unknown;
      const cond = new Condition();
      const task = asyncio.createTask(
        asyncio.asyncWith(cond, function* () {
          caught = yield* raised(cond.waitFor(() => wake));
          expect(caught).toBeInstanceOf(asyncio.CancelledError);
          throw caught;
        }),
      );
      yield* sleep0();
      yield* cond.acquire();
      wake = true;
      cond.notify();
      yield* sleep0();
      task.cancel("foo");
      cond.release();
      const e = yield* raised(task);
      expect((e as Error).message).toBe("foo");
      expect(e).toBe(caught);
    }));

  for (const [relock, title] of [
    [
      false,
      "test_cancelled_wakeup: a consumer cancelled right after notify(1) passes the wake-up to the other consumer",
    ],
    [
      true,
      "test_cancelled_wakeup_relock: a consumer cancelled while it takes the lock back after notify(1) passes the wake-up to the other consumer",
    ],
  ] as const) {
    test(title, () =>
      run(function* () {
        const condition = new Condition();
        let state = 0;
        function* consumer(): Co<void> {
          yield* asyncio.asyncWith(condition, function* () {
            for (;;) {
              yield* condition.waitFor(() => state !== 0);
              if (state < 0) return;
              state -= 1;
            }
          });
        }
        const c = [0, 1].map(() => asyncio.createTask(consumer()));
        yield* sleep0();
        yield* asyncio.asyncWith(condition, function* () {
          state += 1;
          condition.notify(1);
          if (relock) yield* sleep0();
          c[0]!.cancel();
          try {
            yield* asyncio.asyncWith(asyncio.timeout(0.01), function* () {
              yield* condition.waitFor(() => state === 0);
            });
          } catch (e) {
            if (!(e instanceof asyncio.TimeoutError)) throw e;
          }
          expect(state).toBe(0);
          state = -1;
          condition.notifyAll();
        });
        yield* c[1]!;
        expect(c[0]!.cancelled()).toBe(true);
      }),
    );
  }

  test("the lock is held again when a cancelled wait() throws", () =>
    run(function* () {
      const cond = new Condition();
      let heldInHandler: boolean | undefined;
      const t = asyncio.createTask(
        asyncio.asyncWith(cond, function* () {
          try {
            yield* cond.wait();
          } catch (e) {
            heldInHandler = cond.locked();
            throw e;
          }
        }),
      );
      yield* sleep0();
      yield* cond.acquire(); // contend: the cancelled waiter must wait for us
      t.cancel();
      yield* asyncio.sleep(1);
      expect(t.done()).toBe(false);
      cond.release();
      expect(yield* raised(t)).toBeInstanceOf(asyncio.CancelledError);
      expect(heldInHandler).toBe(true);
      expect(cond.locked()).toBe(false);
    }));

  test("a waiter cancelled after notify passes the notification on", () =>
    run(function* () {
      const cond = new Condition();
      const woke: string[] = [];
      function* waiter(name: string): Co<void> {
        yield* asyncio.asyncWith(cond, function* () {
          yield* cond.wait();
          woke.push(name);
        });
      }
      const a = asyncio.createTask(waiter("a"));
      const b = asyncio.createTask(waiter("b"));
      yield* sleep0();
      yield* asyncio.asyncWith(cond, function* () {
        cond.notify(1);
        a.cancel();
      });
      yield* asyncio.gather(a, b, { returnExceptions: true });
      expect(a.cancelled()).toBe(true);
      expect(woke).toEqual(["b"]);
    }));
});

describe("Semaphore", () => {
  test("test_initial_value_zero: a Semaphore made with value 0 is locked", () => {
    expect(new Semaphore(0).locked()).toBe(true);
  });

  test("test_repr: a Semaphore's repr shows locked or unlocked, its value while free and the number of waiters", () =>
    run(function* () {
      const sem = new Semaphore();
      expect(String(sem)).toBe("<Semaphore [unlocked, value:1]>");
      expect(String(sem)).toMatch(REPR);
      yield* sem.acquire();
      expect(String(sem)).toBe("<Semaphore [locked]>");
      const tasks = [0, 1].map(() => asyncio.createTask(sem.acquire()));
      yield* sleep0();
      expect(String(sem)).toBe("<Semaphore [locked, waiters:2]>");
      expect(String(sem)).toMatch(REPR);
      expect(String(new BoundedSemaphore(3))).toBe("<BoundedSemaphore [unlocked, value:3]>");
      for (const t of tasks) t.cancel();
      yield* asyncio.gather(...tasks, { returnExceptions: true });
    }));

  test("test_semaphore: a new Semaphore has value 1, is not awaitable and is not locked", () => {
    const sem = new Semaphore();
    expect(sem._value).toBe(1);
    expect(Symbol.iterator in sem).toBe(false);
    expect(sem.locked()).toBe(false);
  });

  test("test_semaphore_value: a negative initial value raises ValueError('Semaphore initial value must be >= 0')", () => {
    expect(() => new Semaphore(-1)).toThrow(asyncio.ValueError);
    expect(() => new Semaphore(-1)).toThrow("Semaphore initial value must be >= 0");
    expect(() => new BoundedSemaphore(-1)).toThrow("Semaphore initial value must be >= 0");
  });

  test("test_acquire: acquire() takes a unit while the value is positive, then waits; each release() lets exactly one waiter through", () =>
    run(function* () {
      const sem = new Semaphore(3);
      const result: number[] = [];
      expect(yield* sem.acquire()).toBe(true);
      expect(yield* sem.acquire()).toBe(true);
      expect(sem.locked()).toBe(false);
      function* c(n: number): Co<boolean> {
        yield* sem.acquire();
        result.push(n);
        return true;
      }
      const t1 = asyncio.createTask(c(1));
      const t2 = asyncio.createTask(c(2));
      const t3 = asyncio.createTask(c(3));
      yield* sleep0();
      expect(result).toEqual([1]);
      expect(sem.locked()).toBe(true);
      expect(sem.statistics()).toEqual({ value: 0, waiters: 2 });
      const t4 = asyncio.createTask(c(4));
      sem.release();
      sem.release();
      expect(sem._value).toBe(0);
      yield* sleep0();
      expect(sem._value).toBe(0);
      expect(result.length).toBe(3);
      expect(sem.locked()).toBe(true);
      expect(sem.statistics()).toEqual({ value: 0, waiters: 1 });
      expect(t1.result()).toBe(true);
      const race = [t2, t3, t4];
      expect(race.filter((t) => t.done() && t.result()).length).toBe(2);
      sem.release();
      yield* asyncio.gather(...race);
    }));

  test("test_acquire_cancel: a Task cancelled while waiting for the Semaphore raises CancelledError and leaves no pending waiter", () =>
    run(function* () {
      const sem = new Semaphore();
      yield* sem.acquire();
      const acquire = asyncio.createTask(sem.acquire());
      asyncio.getRunningLoop().callSoon(() => acquire.cancel());
      expect(yield* raised(acquire)).toBeInstanceOf(asyncio.CancelledError);
      expect([...(sem._waiters ?? [])].every((w) => w.done())).toBe(true);
    }));

  test("test_acquire_cancel_before_awoken: a release() after the first waiters were cancelled wakes exactly one of the remaining waiters, the oldest", () =>
    run(function* () {
      const sem = new Semaphore(0);
      const [t1, t2, t3, t4] = [0, 1, 2, 3].map(() => asyncio.createTask(sem.acquire()));
      yield* sleep0();
      t1!.cancel();
      t2!.cancel();
      sem.release();
      yield* sleep0();
      yield* sleep0();
      expect([t3, t4].filter((t) => t!.done()).length).toBe(1);
      expect(t3!.done()).toBe(true);
      expect(t4!.done()).toBe(false);
      t3!.cancel();
      t4!.cancel();
      yield* sleep0();
    }));

  test("test_acquire_hang: a release() as the first waiter is cancelled goes to the second waiter instead of being lost", () =>
    run(function* () {
      const sem = new Semaphore(0);
      const t1 = asyncio.createTask(sem.acquire());
      const t2 = asyncio.createTask(sem.acquire());
      yield* sleep0();
      t1.cancel();
      sem.release();
      yield* sleep0();
      yield* sleep0();
      expect(sem.locked()).toBe(true);
      expect(t2.done()).toBe(true);
    }));

  test("test_acquire_no_hang: a waiter cancelled just as the unit is released does not keep the unit: the Semaphore can be acquired after", () =>
    run(function* () {
      const sem = new Semaphore(1);
      let t2!: asyncio.Task<void>;
      const t1 = asyncio.createTask(
        (function* () {
          yield* asyncio.asyncWith(sem, function* () {
            yield* sleep0();
          });
          t2.cancel();
        })(),
      );
      t2 = asyncio.createTask(
        (function* () {
          yield* asyncio.asyncWith(sem, function* () {
            throw new Error("must not run");
          });
        })(),
      );
      const [r1, r2] = yield* asyncio.gather(t1, t2, { returnExceptions: true });
      expect(r1).toBeUndefined();
      expect(r2).toBeInstanceOf(asyncio.CancelledError);
      yield* asyncio.waitFor(sem.acquire(), 1.0);
    }));

  test("test_release_not_acquired: releasing a BoundedSemaphore above its initial value raises ValueError('BoundedSemaphore released too many times')", () => {
    const sem = new BoundedSemaphore();
    expect(() => sem.release()).toThrow(asyncio.ValueError);
    expect(() => sem.release()).toThrow("BoundedSemaphore released too many times");
  });

  test("test_release_no_waiters: release() with nobody waiting unlocks the Semaphore", () =>
    run(function* () {
      const sem = new Semaphore();
      yield* sem.acquire();
      expect(sem.locked()).toBe(true);
      sem.release();
      expect(sem.locked()).toBe(false);
    }));

  test("test_acquire_fifo_order: Tasks that release and acquire again queue behind the others: c1, c2, c3, then c1, c2, c3 again", () =>
    run(function* () {
      const sem = new Semaphore(1);
      const result: string[] = [];
      function* coro(tag: string): Co<void> {
        yield* sem.acquire();
        result.push(`${tag}_1`);
        yield* asyncio.sleep(0.01);
        sem.release();
        yield* sem.acquire();
        result.push(`${tag}_2`);
        yield* asyncio.sleep(0.01);
        sem.release();
      }
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(coro("c1"));
        tg.createTask(coro("c2"));
        tg.createTask(coro("c3"));
      });
      expect(result).toEqual(["c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"]);
    }));

  test("test_acquire_fifo_order_2: a Task that releases and acquires again waits behind the Task already waiting", () =>
    run(function* () {
      const sem = new Semaphore(1);
      const result: number[] = [];
      const t1 = asyncio.createTask(
        (function* () {
          yield* sem.acquire();
          result.push(1);
          return true;
        })(),
      );
      const t2 = asyncio.createTask(
        (function* () {
          yield* sem.acquire();
          result.push(2);
          sem.release();
          yield* sem.acquire();
          result.push(4);
          return true;
        })(),
      );
      const t3 = asyncio.createTask(
        (function* () {
          yield* sem.acquire();
          result.push(3);
          return true;
        })(),
      );
      yield* sleep0();
      sem.release();
      sem.release();
      yield* asyncio.gather(t1, t2, t3);
      expect(result).toEqual([1, 2, 3, 4]);
    }));

  test("test_acquire_fifo_order_3: a cancelled first waiter is skipped; the units go to the next waiters in order", () =>
    run(function* () {
      const sem = new Semaphore(0);
      const result: number[] = [];
      function* c(n: number): Co<boolean> {
        yield* sem.acquire();
        result.push(n);
        return true;
      }
      const tasks = [1, 2, 3].map((n) => asyncio.createTask(c(n)));
      yield* sleep0();
      tasks[0]!.cancel();
      yield* sleep0();
      sem.release();
      sem.release();
      yield* asyncio.gather(...tasks, { returnExceptions: true });
      expect(result).toEqual([2, 3]);
    }));

  test("test_acquire_fifo_order_4: with waiters queued, acquire() waits even though the value is positive, and a Task created by a woken waiter comes after them", () =>
    run(function* () {
      const sem = new Semaphore(0);
      const result: number[] = [];
      let t4: asyncio.Task<boolean> | undefined;
      function* c4(): Co<boolean> {
        result.push(4);
        return true;
      }
      const t1 = asyncio.createTask(
        (function* () {
          expect(sem._value).toBe(0);
          yield* sem.acquire();
          expect(sem._value).toBe(0);
          t4 = asyncio.createTask(c4());
          result.push(1);
          return true;
        })(),
      );
      const t2 = asyncio.createTask(
        (function* () {
          sem.release();
          sem.release();
          sem.release();
          expect(sem._value).toBe(2);
          expect(sem.locked()).toBe(true);
          yield* sem.acquire();
          result.push(2);
          return true;
        })(),
      );
      const t3 = asyncio.createTask(
        (function* () {
          yield* sem.acquire();
          expect(sem.locked()).toBe(true);
          result.push(3);
          return true;
        })(),
      );
      yield* sleep0();
      expect(sem._value).toBe(2);
      expect(sem.statistics().waiters).toBe(3);
      yield* sleep0();
      yield* asyncio.gather(t1, t2, t3, t4!);
      expect(result).toEqual([1, 2, 3, 4]);
    }));

  test("the fast path takes a free unit without yielding", () => {
    const sem = new Semaphore(2);
    expect(sem.acquire().next()).toEqual({ done: true, value: true });
    expect(sem.statistics()).toEqual({ value: 1, waiters: 0 });
    expect(Object.isFrozen(sem.statistics())).toBe(true);
  });

  test("a BoundedSemaphore releases back up to its initial value", () =>
    run(function* () {
      const sem = new BoundedSemaphore(2);
      yield* sem.acquire();
      yield* sem.acquire();
      sem.release();
      sem.release();
      expect(() => sem.release()).toThrow("BoundedSemaphore released too many times");
      expect(sem._value).toBe(2);
    }));
});

describe("Barrier", () => {
  const N = 5;

  function* gatherTasks<T>(n: number, coro: () => Co<T>): Co<T[]> {
    const tasks = Array.from({ length: n }, () => asyncio.createTask(coro()));
    return yield* asyncio.gather(...tasks);
  }

  test("test_barrier: a new Barrier is filling and is not awaitable", () => {
    const barrier = new Barrier(N);
    expect(String(barrier)).toContain("filling");
    expect(Symbol.iterator in barrier).toBe(false);
  });

  test("test_repr: a Barrier's repr shows its state (filling, draining, resetting, broken) and waiters out of parties", () =>
    run(function* () {
      const barrier = new Barrier(N);
      expect(String(barrier)).toBe("<Barrier [filling, waiters:0/5]>");
      const waiters: asyncio.Task<number>[] = [];
      for (let i = 0; i < 2; i++) waiters.push(asyncio.createTask(barrier.wait()));
      yield* sleep0();
      expect(String(barrier)).toBe("<Barrier [filling, waiters:2/5]>");
      expect(String(barrier)).toMatch(REPR);
      for (let i = barrier.parties - barrier.nWaiting; i > 0; i--) {
        waiters.push(asyncio.createTask(barrier.wait()));
      }
      yield* sleep0();
      expect(String(barrier)).toBe("<Barrier [draining, waiters:0/5]>");
      for (let i = 0; i < 2; i++) waiters.push(asyncio.createTask(barrier.wait()));
      yield* sleep0();
      yield* barrier.reset();
      expect(String(barrier)).toMatch(REPR);
      expect(String(barrier)).toContain("resetting");
      for (let i = 0; i < 2; i++) waiters.push(asyncio.createTask(barrier.wait()));
      yield* sleep0();
      yield* barrier.abort();
      expect(String(barrier)).toBe("<Barrier [broken]>");
      expect(barrier.broken).toBe(true);
      yield* asyncio.gather(...waiters, { returnExceptions: true });
    }));

  test("test_barrier_parties: parties below 1 raise ValueError('parties must be > 0')", () => {
    expect(() => new Barrier(0)).toThrow(asyncio.ValueError);
    expect(() => new Barrier(-4)).toThrow("parties must be > 0");
    expect(new Barrier(N)).toBeInstanceOf(Barrier);
  });

  test("test_context_manager: async with a Barrier waits for all parties and gives each Task its arrival index", () =>
    run(function* () {
      const barrier = new Barrier(3);
      const results: number[] = [];
      yield* gatherTasks(3, function* () {
        yield* asyncio.asyncWith(barrier, function* (i) {
          results.push(i);
        });
      });
      expect(results.sort()).toEqual([0, 1, 2]);
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_filling_one_task: a one-party Barrier lets a lone Task through at once", () =>
    run(function* () {
      const barrier = new Barrier(1);
      const ret = yield* asyncio.asyncWith(barrier, function* () {
        return true;
      });
      expect(ret).toBe(true);
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_filling_one_task_twice: a one-party Barrier passes two Tasks in turn, each with index 0", () =>
    run(function* () {
      const barrier = new Barrier(1);
      const t1 = asyncio.createTask(barrier.wait());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(0);
      const t2 = asyncio.createTask(barrier.wait());
      yield* sleep0();
      expect(t1.result()).toBe(t2.result());
      expect(t1.done()).toBe(t2.done());
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_filling_task_by_task: nWaiting counts the arrivals until the last one releases them all, with indices 0, 1, 2", () =>
    run(function* () {
      const barrier = new Barrier(3);
      const t1 = asyncio.createTask(barrier.wait());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(1);
      expect(String(barrier)).toContain("filling");
      const t2 = asyncio.createTask(barrier.wait());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(2);
      const t3 = asyncio.createTask(barrier.wait());
      yield* sleep0();
      yield* asyncio.wait([t1, t2, t3]);
      expect([t1.result(), t2.result(), t3.result()]).toEqual([0, 1, 2]);
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_filling_tasks_wait_twice: the same Tasks pass a Barrier twice in a row", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results: boolean[] = [];
      yield* gatherTasks(N, function* () {
        yield* asyncio.asyncWith(barrier, function* () {
          results.push(true);
          yield* asyncio.asyncWith(barrier, function* () {
            results.push(false);
          });
        });
      });
      expect(results.filter((r) => r).length).toBe(N);
      expect(results.filter((r) => !r).length).toBe(N);
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_filling_tasks_check_return_value: passing twice, each Task gets an index and the indices are 0 to parties - 1", () =>
    run(function* () {
      const barrier = new Barrier(N);
      let first = 0;
      let second = 0;
      const res = yield* gatherTasks(N, function* () {
        return yield* asyncio.asyncWith(barrier, function* () {
          first++;
          return yield* asyncio.asyncWith(barrier, function* (i) {
            second++;
            return i;
          });
        });
      });
      expect([first, second]).toEqual([N, N]);
      expect([...res].sort()).toEqual([0, 1, 2, 3, 4]);
      expect(barrier.nWaiting).toBe(0);
    }));

  test("test_draining_state: the Tasks released after the last arrival see the Barrier draining; it is filling again once all are through", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results: boolean[] = [];
      yield* gatherTasks(N, function* () {
        yield* asyncio.asyncWith(barrier, function* () {
          results.push(String(barrier).includes("draining"));
        });
      });
      expect(results.length).toBe(N);
      expect(results[N - 1]).toBe(false);
      expect(results.slice(0, N - 1).every((r) => r)).toBe(true);
      expect(barrier.statistics()).toEqual({ parties: N, nWaiting: 0, state: "filling" });
    }));

  test("the last arrival returns first, then the others in arrival order", () =>
    run(function* () {
      const barrier = new Barrier(3);
      const order: string[] = [];
      function* arrive(name: string): Co<void> {
        const i = yield* barrier.wait();
        order.push(`${name}${i}`);
      }
      yield* asyncio.gather(arrive("J"), arrive("K"), arrive("L"));
      expect(order).toEqual(["L2", "J0", "K1"]);
    }));

  test("test_blocking_tasks_while_draining: Tasks that wait again while the Barrier drains are held until the next fill", () =>
    run(function* () {
      const rewait = 2;
      const barrier = new Barrier(N);
      const barrierNoWaiting = new Barrier(N - rewait);
      let rewaitN = rewait;
      yield* gatherTasks(N, function* () {
        yield* barrier.wait();
        if (rewaitN > 0) {
          rewaitN--;
          yield* barrier.wait();
        } else {
          yield* barrierNoWaiting.wait();
          yield* barrier.wait();
        }
      });
      expect(barrier.nWaiting).toBe(0);
    }));

  test("test_filling_tasks_cancel_one: a waiter cancelled while filling leaves, and the Barrier fills with the next arrival", () =>
    run(function* () {
      const barrier = new Barrier(3);
      const results: boolean[] = [];
      function* coro(): Co<void> {
        yield* barrier.wait();
        results.push(true);
      }
      const t1 = asyncio.createTask(coro());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(1);
      const t2 = asyncio.createTask(coro());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(2);
      t1.cancel();
      yield* sleep0();
      expect(barrier.nWaiting).toBe(1);
      expect(yield* raised(t1)).toBeInstanceOf(asyncio.CancelledError);
      expect(t1.cancelled()).toBe(true);
      const t3 = asyncio.createTask(coro());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(2);
      const t4 = asyncio.createTask(coro());
      yield* asyncio.gather(t2, t3, t4);
      expect(results).toEqual([true, true, true]);
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_reset_barrier: reset() of an empty Barrier leaves it filling, not broken", () =>
    run(function* () {
      const barrier = new Barrier(1);
      asyncio.createTask(barrier.reset());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(false);
    }));

  test("test_reset_barrier_while_tasks_waiting: reset() raises BrokenBarrierError('Abort or reset of barrier') in every waiter and leaves the Barrier usable", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results: unknown[] = [];
      const tasks = Array.from({ length: N - 1 }, () =>
        asyncio.createTask(
          (function* () {
            try {
              yield* barrier.wait();
            } catch (e) {
              if (!(e instanceof BrokenBarrierError)) throw e;
              results.push((e as Error).message);
            }
          })(),
        ),
      );
      yield* sleep0();
      asyncio.createTask(barrier.reset());
      yield* asyncio.gather(...tasks);
      expect(results).toEqual(Array(N - 1).fill("Abort or reset of barrier"));
      expect(barrier.nWaiting).toBe(0);
      expect(String(barrier)).not.toContain("resetting");
      expect(barrier.broken).toBe(false);
    }));

  test("test_reset_barrier_when_tasks_half_draining: a reset() during draining breaks only the Tasks not yet released", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const restOfTasks = Math.floor(N / 2);
      yield* gatherTasks(N, function* () {
        try {
          yield* barrier.wait();
        } catch (e) {
          if (!(e instanceof BrokenBarrierError)) throw e;
          results1.push(true);
          return;
        }
        if (restOfTasks === barrier._count) yield* barrier.reset();
      });
      expect(results1).toEqual(Array(restOfTasks).fill(true));
      expect(barrier.nWaiting).toBe(0);
      expect(String(barrier)).not.toContain("resetting");
      expect(barrier.broken).toBe(false);
    }));

  test("test_reset_barrier_when_tasks_half_draining_half_blocking: a reset() while some Tasks drain and some wait again breaks the waiting ones, and the Barrier fills again", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const blockingTasks = Math.floor(N / 2);
      let count = 0;
      yield* gatherTasks(N, function* () {
        try {
          yield* barrier.wait();
        } catch (e) {
          if (!(e instanceof BrokenBarrierError)) throw e;
          results1.push(true);
          yield* barrier.wait();
          return;
        }
        count++;
        if (count > blockingTasks) {
          yield* barrier.reset();
          yield* barrier.wait();
        } else {
          try {
            yield* barrier.wait();
          } catch (e) {
            if (!(e instanceof BrokenBarrierError)) throw e;
            results2.push(true);
          }
        }
      });
      expect(results1).toEqual(Array(blockingTasks).fill(true));
      expect(results2).toEqual([]);
      expect(barrier.nWaiting).toBe(0);
      expect(String(barrier)).not.toContain("resetting");
      expect(barrier.broken).toBe(false);
    }));

  test("test_reset_barrier_while_tasks_waiting_and_waiting_again: the waiters a reset() broke can wait again and pass with a newcomer", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const tasks = Array.from({ length: N - 1 }, () =>
        asyncio.createTask(
          (function* () {
            try {
              yield* barrier.wait();
            } catch (e) {
              if (!(e instanceof BrokenBarrierError)) throw e;
              results1.push(true);
            } finally {
              // eslint-disable-next-line asyncio-ts/require-shield-in-finally -- mirrors CPython's test, which awaits the barrier in finally
              yield* barrier.wait();
              results2.push(true);
            }
          })(),
        ),
      );
      asyncio.createTask(barrier.reset());
      yield* sleep0();
      asyncio.createTask(
        asyncio.asyncWith(barrier, function* () {
          results2.push(true);
        }),
      );
      yield* asyncio.gather(...tasks);
      expect(barrier.broken).toBe(false);
      expect(results1.length).toBe(N - 1);
      expect(results2.length).toBe(N);
      expect(barrier.nWaiting).toBe(0);
    }));

  test("test_reset_barrier_while_tasks_draining: a reset() from the last Task while the others drain does not break them", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const results3: boolean[] = [];
      let count = 0;
      yield* gatherTasks(N, function* () {
        yield* barrier.wait();
        count++;
        if (count === N) {
          yield* barrier.reset();
          yield* barrier.wait();
        } else {
          try {
            yield* barrier.wait();
            results1.push(true);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
          } catch {
            results2.push(true);
          }
        }
        yield* barrier.wait();
        results3.push(true);
      });
      expect(barrier.broken).toBe(false);
      expect(results1.length).toBe(N - 1);
      expect(results2.length).toBe(0);
      expect(results3.length).toBe(N);
      expect(barrier.nWaiting).toBe(0);
    }));

  test("test_abort_barrier: abort() breaks the Barrier; a later wait() raises BrokenBarrierError('Barrier aborted')", () =>
    run(function* () {
      const barrier = new Barrier(1);
      asyncio.createTask(barrier.abort());
      yield* sleep0();
      expect(barrier.nWaiting).toBe(0);
      expect(barrier.broken).toBe(true);
      const e = yield* raised(barrier.wait());
      expect(e).toBeInstanceOf(BrokenBarrierError);
      expect(e).toBeInstanceOf(asyncio.RuntimeError);
      expect((e as Error).message).toBe("Barrier aborted");
    }));

  test("test_abort_barrier_when_tasks_half_draining_half_blocking: an abort() while some Tasks drain and some wait again breaks every waiter", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const blockingTasks = Math.floor(N / 2);
      let count = 0;
      yield* gatherTasks(N, function* () {
        try {
          yield* barrier.wait();
        } catch (e) {
          if (!(e instanceof BrokenBarrierError)) throw e;
          results1.push(true);
          return;
        }
        count++;
        if (count > blockingTasks) {
          yield* barrier.abort();
        } else {
          try {
            yield* barrier.wait();
          } catch (e) {
            if (!(e instanceof BrokenBarrierError)) throw e;
            results2.push(true);
          }
        }
      });
      expect(barrier.broken).toBe(true);
      expect(results1).toEqual(Array(blockingTasks).fill(true));
      expect(results2).toEqual(Array(N - blockingTasks - 1).fill(true));
      expect(barrier.nWaiting).toBe(0);
      expect(String(barrier)).not.toContain("resetting");
    }));

  test("test_abort_barrier_when_exception: a Task that fails inside async with and aborts breaks the Barrier for all the others", () =>
    run(function* () {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      yield* gatherTasks(N, function* () {
        try {
          yield* asyncio.asyncWith(barrier, function* (i) {
            if (i === Math.floor(N / 2)) throw new asyncio.RuntimeError();
          });
          yield* asyncio.asyncWith(barrier, function* () {
            results1.push(true);
          });
        } catch (e) {
          if (e instanceof BrokenBarrierError) results2.push(true);
          else if (e instanceof asyncio.RuntimeError) yield* barrier.abort();
          else throw e;
        }
      });
      expect(barrier.broken).toBe(true);
      expect(results1.length).toBe(0);
      expect(results2.length).toBe(N - 1);
      expect(barrier.nWaiting).toBe(0);
    }));

  test("test_abort_barrier_when_exception_then_resetting: a Barrier broken by abort() works again after reset()", () =>
    run(function* () {
      const barrier1 = new Barrier(N);
      const barrier2 = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const results3: boolean[] = [];
      yield* gatherTasks(N, function* () {
        try {
          const i = yield* barrier1.wait();
          if (i === Math.floor(N / 2)) throw new asyncio.RuntimeError();
          yield* barrier1.wait();
          results1.push(true);
        } catch (e) {
          if (e instanceof BrokenBarrierError) results2.push(true);
          else if (e instanceof asyncio.RuntimeError) yield* barrier1.abort();
          else throw e;
        }
        const i = yield* barrier2.wait();
        if (i === Math.floor(N / 2)) yield* barrier1.reset();
        yield* barrier2.wait();
        yield* barrier1.wait();
        results3.push(true);
      });
      expect(barrier1.broken).toBe(false);
      expect(results1.length).toBe(0);
      expect(results2.length).toBe(N - 1);
      expect(results3.length).toBe(N);
      expect(barrier1.nWaiting).toBe(0);
    }));

  test("statistics() reports parties, nWaiting and state", () =>
    run(function* () {
      const barrier = new Barrier(2);
      const t = asyncio.createTask(barrier.wait());
      yield* sleep0();
      const s = barrier.statistics();
      expect(s).toEqual({ parties: 2, nWaiting: 1, state: "filling" });
      expect(Object.isFrozen(s)).toBe(true);
      yield* barrier.abort();
      expect(barrier.statistics()).toEqual({ parties: 2, nWaiting: 0, state: "broken" });
      expect(yield* raised(t)).toBeInstanceOf(BrokenBarrierError);
    }));
});

describe("wrong arguments: Semaphore, BoundedSemaphore and Barrier take a number", () => {
  test("an options object, a string or NaN is refused at construction (they were taken, and bounded nothing)", async () => {
    const out = await runVirtual(
      (function* () {
        return [
          yield* failureOf(() => new Semaphore(untyped({ value: 2 })).acquire()),
          yield* failureOf(() => new BoundedSemaphore(untyped("2")).acquire()),
          yield* failureOf(() => new Semaphore(Number.NaN).acquire()),
          yield* failureOf(() => new Barrier(untyped({ parties: 3 })).wait()),
          yield* failureOf(() => new Barrier(untyped(undefined)).wait()),
          yield* failureOf(() => new Barrier(0).wait()),
        ];
      })(),
    );
    // CPython: TypeError "'<' not supported between instances of 'dict' and 'int'";
    // Barrier(): TypeError "missing 1 required positional argument: 'parties'".
    expect(out).toEqual([
      "TypeError: Semaphore() argument 'value' must be a number, not {...} (a positional argument, not an options object)",
      "TypeError: Semaphore() argument 'value' must be a number, not '2'",
      "ValueError: Invalid value: NaN (not a number)",
      "TypeError: Barrier() argument 'parties' must be a number, not {...} (a positional argument, not an options object)",
      "TypeError: Barrier() argument 'parties' must be a number, not None",
      "ValueError: parties must be > 0",
    ]);
  });
});
