/**
 * The browser test's program: asyncio-ts as a user's bundle uses it, printing
 * a transcript that must be the same under Node, in a page and in a Web
 * Worker, bundled minified or not. It prints what minifiers break (error
 * `name`s, `ExceptionGroup`, reprs such as `<Queue ...>`, trace labels such
 * as `Queue.get()`), on a virtual clock so that every run prints the same.
 * Its last line is `END` (after `FAILED ...` if `run()` rejected): the test
 * reads the console up to it.
 */
import * as asyncio from "asyncio-ts";

const say = (line: string): void => console.log(line);
const kept: unknown[] = [];

/** An error as Python prints it, from what the object itself says. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return `not an Error: ${String(error)}`;
  return error.message === "" ? error.name : `${error.name}: ${error.message}`;
}

function* job(label: string, delay: number, failure?: Error): asyncio.Coroutine<string> {
  yield* asyncio.sleep(delay);
  if (failure !== undefined) throw failure;
  return label;
}

function* tasksAndGather(): asyncio.Coroutine<void> {
  say("== run, createTask, gather");
  const task = asyncio.createTask(job("alpha", 1), { name: "alpha" });
  say(`created ${task}`);
  say(`result ${yield* task} at t=${asyncio.getRunningLoop().time()}`);
  say(`done ${task}`);
  const outcomes = yield* asyncio.gather(
    job("one", 1),
    job("two", 2, new asyncio.ValueError("bad two")),
    job("three", 0.5, new asyncio.RuntimeError("bad three")),
    { returnExceptions: true },
  );
  say(`gather ${outcomes.map((o) => (o instanceof Error ? describe(o) : o)).join(" | ")}`);
  const future = asyncio.getRunningLoop().createFuture<number>();
  try {
    future.result();
  } catch (error) {
    say(`pending ${future}: ${describe(error)}`);
  }
  future.setResult(7);
  say(`settled ${future}`);
}

function* taskGroupWithError(): asyncio.Coroutine<void> {
  say("== TaskGroup with a failing child");
  let sibling: asyncio.Task<string> | undefined;
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      sibling = tg.createTask(job("slow", 10), { name: "slow" });
      tg.createTask(job("fails", 1, new asyncio.ValueError("child failed")), { name: "fails" });
      say(`inside ${tg}`);
    });
  } catch (error) {
    if (!(error instanceof asyncio.ExceptionGroup)) throw error;
    say(`caught ${error.name} / ${error.message} / ${error}`);
    say(`members ${error.exceptions.map(describe).join(", ")}`);
    say(`is AggregateError ${error instanceof AggregateError}`);
  }
  say(`sibling ${sibling} cancelled=${sibling?.cancelled()}`);
}

function* worker(
  name: string,
  queue: asyncio.Queue<number>,
  done: string[],
): asyncio.Coroutine<void> {
  for (;;) {
    const item = yield* queue.get();
    yield* asyncio.sleep(item / 4);
    done.push(`${name}:${item}`);
    queue.taskDone();
  }
}

function* queueWithWorkers(): asyncio.Coroutine<void> {
  say("== Queue, workers, cancellation, tracing");
  const tracer = asyncio.startTracing();
  const queue = new asyncio.Queue<number>(2);
  const done: string[] = [];
  const workers = ["w1", "w2", "w3"].map((name) =>
    asyncio.createTask(worker(name, queue, done), { name }),
  );
  for (const item of [3, 1, 2, 4, 1]) {
    yield* queue.put(item);
    say(`put ${item}: ${queue}`);
  }
  yield* queue.join();
  say(`joined ${queue} done=${done.join(",")}`);
  for (const w of workers) w.cancel();
  const results = yield* asyncio.gather(...workers, { returnExceptions: true });
  say(`workers ended ${results.map(describe).join(", ")}`);
  say(`a worker ${workers[0]}`);
  try {
    queue.getNowait();
  } catch (error) {
    say(`getNowait on empty: ${describe(error)}`);
  }
  const full = new asyncio.Queue<string>(1);
  full.putNowait("x");
  try {
    full.putNowait("y");
  } catch (error) {
    say(`putNowait on full: ${describe(error)} ${full}`);
  }
  const priorities = new asyncio.PriorityQueue<number>();
  const stack = new asyncio.LifoQueue<number>();
  for (const n of [3, 1, 2]) {
    priorities.putNowait(n);
    stack.putNowait(n);
  }
  say(`${priorities} ${stack}`);
  const trace = tracer.stop();
  say(asyncio.formatTrace(trace, { steps: true, width: 40 }));
}

function* locksAndTimeouts(): asyncio.Coroutine<void> {
  say("== locks, timeout, waitFor");
  const tracer = asyncio.startTracing();
  const lock = new asyncio.Lock();
  const event = new asyncio.Event();
  const semaphore = new asyncio.BoundedSemaphore(1);
  yield* lock.acquire();
  yield* semaphore.acquire();
  const waiters = [
    asyncio.createTask(lock.acquire(), { name: "on-lock" }),
    asyncio.createTask(event.wait(), { name: "on-event" }),
    asyncio.createTask(semaphore.acquire(), { name: "on-semaphore" }),
  ];
  yield* asyncio.sleep(0);
  say(`${lock} ${event} ${semaphore}`);
  lock.release();
  event.set();
  semaphore.release();
  yield* asyncio.gather(...waiters);
  lock.release();
  semaphore.release();
  try {
    semaphore.release();
  } catch (error) {
    say(`over-release: ${describe(error)}`);
  }
  const cm = asyncio.timeout(0.5);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      yield* asyncio.sleep(10);
    });
  } catch (error) {
    if (error instanceof asyncio.CancelledError) throw error;
    say(`timeout: ${describe(error)} TimeoutError=${error instanceof asyncio.TimeoutError} ${cm}`);
  }
  try {
    yield* asyncio.waitFor(job("late", 5), 1);
  } catch (error) {
    if (error instanceof asyncio.CancelledError) throw error;
    say(`waitFor: ${describe(error)} cause=${describe((error as Error).cause)}`);
  }
  say(asyncio.formatTrace(tracer.stop(), { steps: true, width: 40 }));
}

function* inner(event: asyncio.Event): asyncio.Coroutine<void> {
  yield* event.wait();
}

function* outer(event: asyncio.Event): asyncio.Coroutine<void> {
  yield* inner(event);
}

function* stackOfASuspendedTask(): asyncio.Coroutine<void> {
  say("== getStack in debug mode");
  const loop = asyncio.getRunningLoop();
  loop.setDebug(true);
  const event = new asyncio.Event();
  const parked = asyncio.createTask(outer(event), { name: "parked" });
  yield* asyncio.sleep(0);
  // Its two coroutines at least; bundled, asyncio-ts's own waits show too (README: In browsers).
  const frames = parked.getStack().length;
  say(`parked's stack shows its coroutines: ${frames >= 2 ? "yes" : `no (${frames} frames)`}`);
  let header = "";
  parked.printStack({ file: { write: (text) => (header ||= text.split("\n")[0]!) } });
  // The repr names the coroutine and its place (the name as the bundle has it: minified, renamed).
  const coro = /coro=<(\S+)\(\) running at \S+:\d+>/.exec(header);
  say(`parked's repr says where its coroutine is: ${coro === null ? `no (${header})` : "yes"}`);
  say(header.replace(/coro=<[^>]*>/, "coro=<…>"));
  loop.setDebug(false);
  event.set();
  yield* parked;
  const failed = asyncio.createTask(job("x", 0, new asyncio.RuntimeError("boom")), {
    name: "lost",
  });
  // Held to the end, so the loss is reported when the loop closes, not whenever the GC runs.
  kept.push(failed);
  yield* asyncio.wait([failed]);
  say(`lost ${failed}`);
}

function* main(): asyncio.Coroutine<void> {
  asyncio.currentTask()?.setName("main");
  const loop = asyncio.getRunningLoop();
  // What the loop reports (an exception nobody retrieved) is part of the transcript, not noise.
  loop.setExceptionHandler((_loop, context) => say(`loop reports: ${context.message}`));
  yield* tasksAndGather();
  yield* taskGroupWithError();
  yield* queueWithWorkers();
  yield* locksAndTimeouts();
  yield* stackOfASuspendedTask();
  say(`== end at t=${loop.time()}`);
}

/**
 * The host's own timers and scheduling (no `setImmediate` in a browser or a
 * Worker). Only what real time cannot reorder is printed: the loop's timers
 * fire in deadline order, and gather gives results in argument order.
 */
function* onTheRealClock(): asyncio.Coroutine<void> {
  say("== real clock");
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  const order: string[] = [];
  function* after(label: string, delay: number): asyncio.Coroutine<string> {
    yield* asyncio.sleep(delay);
    order.push(label);
    return label;
  }
  const fromHost = new Promise<string>((resolve) => setTimeout(() => resolve("host"), 40));
  const results = yield* asyncio.gather(
    after("late", 0.1),
    after("early", 0.02),
    asyncio.fromPromise(fromHost),
  );
  // A timer is due once the clock is within 1e-9 s of its deadline.
  const elapsed = loop.time() - start;
  say(`results ${results.join(",")}; fired ${order.join(",")}; took 0.1 s: ${elapsed > 0.0999}`);
}

asyncio
  .run(main(), { virtualTime: true })
  .then(() => asyncio.run(onTheRealClock()))
  .catch((error: unknown) => say(`FAILED ${describe(error)}`))
  .finally(() => say("END"));
