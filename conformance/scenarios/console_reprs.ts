// Pins: what printing an object shows (print(obj) in Python, console.log(obj)
// in asyncio-ts): the one-line repr of loops, Futures, Tasks, handles, queues,
// locks, timeouts, task groups, context variables and runners, in several
// states. CPython's reprs also name the module, an address and source lines,
// which asyncio-ts leaves out; `r` strips them here. JavaScript cannot read a
// coroutine's function from a generator object, so a Task's coro prints as
// `<coroutine>`; `r` writes CPython's the same way.

import { inspect } from "node:util";
import * as asyncio from "../../src/index.js";

/** What console.log prints for `obj`. */
function r(obj: unknown): string {
  return inspect(obj);
}

function cb(..._args: unknown[]): void {}

function* work(x: number): asyncio.Coroutine<number> {
  yield* asyncio.sleep(1);
  return x;
}

function* fail(): asyncio.Coroutine<never> {
  throw new asyncio.ValueError("boom");
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  console.log(r(loop));

  const f = loop.createFuture<number>();
  console.log(r(f));
  f.addDoneCallback(cb);
  console.log(r(f));
  f.addDoneCallback(cb);
  f.addDoneCallback(cb);
  console.log(r(f));
  const done = loop.createFuture<number>();
  done.setResult(42);
  console.log(r(done));
  const text = loop.createFuture<string>();
  text.setResult("s");
  console.log(r(text));
  const nothing = loop.createFuture<undefined>();
  nothing.setResult(undefined);
  console.log(r(nothing));
  const failed = loop.createFuture<number>();
  failed.setException(new asyncio.ValueError("boom"));
  console.log(r(failed));
  failed.exception();
  const cancelled = loop.createFuture<number>();
  cancelled.cancel();
  console.log(r(cancelled));
  const listed = loop.createFuture<unknown[]>();
  listed.setResult([1, "a", undefined, 1.5, true]);
  console.log(r(listed));

  const t = asyncio.createTask(work(1), { name: "worker" });
  console.log(r(t));
  yield* asyncio.sleep(0);
  console.log(r(t));
  t.cancel();
  console.log(r(t));
  yield* asyncio.sleep(0);
  console.log(r(t));
  const t2 = asyncio.createTask(work(2));
  yield* t2;
  console.log(r(t2));
  const t3 = asyncio.createTask(fail());
  yield* asyncio.sleep(0);
  console.log(r(t3));
  t3.exception();
  const gathered = asyncio.gather(work(1), work(2));
  console.log(r(gathered));
  yield* gathered;
  console.log(r(gathered));

  const h = loop.callSoon(cb, "x");
  console.log(r(h));
  h.cancel();
  console.log(r(h));
  const th = loop.callLater(1.5, cb, "x");
  console.log(r(th));
  th.cancel();
  console.log(r(th));
  const whole = loop.callLater(2, cb);
  console.log(r(whole));
  whole.cancel();

  const q = new asyncio.Queue<number | string>();
  console.log(r(q));
  q.putNowait(1);
  q.putNowait("two");
  console.log(r(q));
  q.getNowait();
  q.taskDone();
  console.log(r(q));
  const full = new asyncio.Queue<number>(1);
  full.putNowait(1);
  const putter = asyncio.createTask(full.put(2));
  yield* asyncio.sleep(0);
  console.log(r(full));
  const empty = new asyncio.Queue<number>();
  const getter = asyncio.createTask(empty.get());
  yield* asyncio.sleep(0);
  console.log(r(empty));
  empty.shutdown();
  console.log(r(empty));
  yield* asyncio.sleep(0);
  const pq = new asyncio.PriorityQueue<number>();
  pq.putNowait(3);
  pq.putNowait(1);
  console.log(r(pq));
  const lq = new asyncio.LifoQueue<number>();
  lq.putNowait(3);
  lq.putNowait(1);
  console.log(r(lq));

  const lock = new asyncio.Lock();
  console.log(r(lock));
  yield* lock.acquire();
  const waiter = asyncio.createTask(lock.acquire());
  yield* asyncio.sleep(0);
  console.log(r(lock));
  console.log(r(new asyncio.Event()));
  console.log(r(new asyncio.Condition()));
  console.log(r(new asyncio.Semaphore(2)));
  console.log(r(new asyncio.BoundedSemaphore()));
  console.log(r(new asyncio.Barrier(2)));

  const to = asyncio.timeout(1.5);
  console.log(r(to));
  yield* asyncio.asyncWith(to, function* () {
    console.log(r(to));
    to.reschedule(undefined);
    console.log(r(to));
    to.reschedule(loop.time() + 0.25);
    console.log(r(to));
  });
  console.log(r(to));
  const tg = new asyncio.TaskGroup();
  console.log(r(tg));
  yield* asyncio.asyncWith(tg, function* () {
    console.log(r(tg));
    tg.createTask(work(1));
    console.log(r(tg));
  });
  console.log(r(tg));

  const v = new asyncio.ContextVar("var", { default: 1 });
  const token = v.set(2);
  console.log(r(v));
  console.log(r(token));
  v.reset(token);
  console.log(r(token));
  console.log(r(asyncio.copyContext()));
  console.log(r(new asyncio.Runner()));

  waiter.cancel();
  putter.cancel();
  getter.cancel();
  yield* asyncio.sleep(0);
}

await asyncio.run(main(), { virtualTime: true });
