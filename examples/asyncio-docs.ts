/**
 * Examples from CPython's asyncio documentation (3.13), ported line by line
 * and run one after another. The CPython original is
 * examples/python/asyncio-docs.py; both print the same lines.
 *
 * The docs' programs sleep for random or wall-clock times and print the
 * date; here the random timings are a fixed sequence and the dates are the
 * loop's clock, so the output is exact. `--virtual` runs them on a virtual
 * clock, instantly; without it they take about 40 s.
 *
 *   npm run build && node dist/examples/asyncio-docs.js --virtual
 */
import * as asyncio from "asyncio-ts";

const virtualTime = process.argv.includes("--virtual");

// asyncio-queue: "Queues can be used to distribute workload between several
// concurrent tasks". random.uniform(0.05, 1.0) is a fixed sequence here.
function* worker(name: string, queue: asyncio.Queue<number>): asyncio.Coroutine<void> {
  while (true) {
    // Get a "work item" out of the queue.
    const sleepFor = yield* queue.get();

    // Sleep for the "sleep_for" seconds.
    yield* asyncio.sleep(sleepFor);

    // Notify the queue that the "work item" has been processed.
    queue.taskDone();

    console.log(`${name} has slept for ${sleepFor.toFixed(2)} seconds`);
  }
}

function* queueWorkers(): asyncio.Coroutine<void> {
  // Create a queue that we will use to store our "workload".
  const queue = new asyncio.Queue<number>();

  // Generate timings and put them into the queue.
  let totalSleepTime = 0;
  for (let i = 0; i < 20; i++) {
    const sleepFor = 0.05 + ((i * 7) % 20) * 0.05;
    totalSleepTime += sleepFor;
    queue.putNowait(sleepFor);
  }

  // Create three worker tasks to process the queue concurrently.
  const tasks: asyncio.Task<void>[] = [];
  for (let i = 0; i < 3; i++) {
    const task = asyncio.createTask(worker(`worker-${i}`, queue));
    tasks.push(task);
  }

  // Wait until the queue is fully processed (the loop's clock, where the
  // docs read time.monotonic()).
  const loop = asyncio.getRunningLoop();
  const startedAt = loop.time();
  yield* queue.join();
  const totalSleptFor = loop.time() - startedAt;

  // Cancel our worker tasks.
  for (const task of tasks) {
    task.cancel();
  }
  // Wait until all worker tasks are cancelled.
  yield* asyncio.gather(...tasks, { returnExceptions: true });

  console.log("====");
  console.log(`3 workers slept in parallel for ${totalSleptFor.toFixed(2)} seconds`);
  console.log(`total expected sleep time: ${totalSleepTime.toFixed(2)} seconds`);
}

// asyncio-sync: Event.
function* waiter(event: asyncio.Event): asyncio.Coroutine<void> {
  console.log("waiting for it ...");
  yield* event.wait();
  console.log("... got it!");
}

function* eventExample(): asyncio.Coroutine<void> {
  // Create an Event object.
  const event = new asyncio.Event();

  // Spawn a Task to wait until 'event' is set.
  const waiterTask = asyncio.createTask(waiter(event));

  // Sleep for 1 second and set the event.
  yield* asyncio.sleep(1);
  event.set();

  // Wait until the waiter task is finished.
  yield* waiterTask;
}

// asyncio-sync: Barrier. console.log prints its repr as Python's, without
// the module and the address.
function* exampleBarrier(): asyncio.Coroutine<void> {
  // barrier with 3 parties
  const b = new asyncio.Barrier(3);

  // create 2 new waiting tasks
  asyncio.createTask(b.wait());
  asyncio.createTask(b.wait());

  yield* asyncio.sleep(0);
  console.log(b);

  // The third .wait() call passes the barrier
  yield* b.wait();
  console.log(b);
  console.log("barrier passed");

  yield* asyncio.sleep(0);
  console.log(b);
}

// asyncio-task: gather.
function* factorial(name: string, number: number): asyncio.Coroutine<number> {
  let f = 1;
  for (let i = 2; i < number + 1; i++) {
    console.log(`Task ${name}: Compute factorial(${number}), currently i=${i}...`);
    yield* asyncio.sleep(1);
    f *= i;
  }
  console.log(`Task ${name}: factorial(${number}) = ${f}`);
  return f;
}

function* gatherExample(): asyncio.Coroutine<void> {
  // Schedule three calls *concurrently*:
  const L = yield* asyncio.gather(factorial("A", 2), factorial("B", 3), factorial("C", 4));
  console.log(`[${L.join(", ")}]`); // Python's list repr; console.log(L) prints [ 2, 6, 24 ]
}

// asyncio-task: terminating a task group.
/** Exception raised to terminate a task group. */
class TerminateTaskGroup extends Error {}

/** Used to force termination of a task group. */
function* forceTerminateTaskGroup(): asyncio.Coroutine<void> {
  throw new TerminateTaskGroup();
}

function* job(taskId: number, sleepTime: number): asyncio.Coroutine<void> {
  console.log(`Task ${taskId}: start`);
  yield* asyncio.sleep(sleepTime);
  console.log(`Task ${taskId}: done`);
}

function* terminateTaskGroup(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (group) {
      // spawn some tasks
      group.createTask(job(1, 0.5));
      group.createTask(job(2, 1.5));
      // sleep for 1 second
      yield* asyncio.sleep(1);
      // add an exception-raising task to force the group to terminate
      group.createTask(forceTerminateTaskGroup());
    });
  } catch (e) {
    asyncio.exceptStar(e, [TerminateTaskGroup, () => {}]);
  }
}

// asyncio-task: timeouts.
function* longRunningTask(): asyncio.Coroutine<void> {
  yield* asyncio.sleep(3600);
}

function* timeoutExample(): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(asyncio.timeout(10), function* () {
      yield* longRunningTask();
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("The long operation timed out, but we've handled it.");
  }

  console.log("This statement will run regardless.");
}

function* rescheduleExample(): asyncio.Coroutine<void> {
  // We do not know the timeout when starting, so we pass ``None``. The
  // context manager is a variable of its own: Python's `as cm` outlives the
  // block, the body's parameter would not.
  const cm = asyncio.timeout(undefined);
  try {
    yield* asyncio.asyncWith(cm, function* () {
      // We know the timeout now, so we reschedule it.
      const newDeadline = asyncio.getRunningLoop().time() + 10;
      cm.reschedule(newDeadline);

      yield* longRunningTask();
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
  }

  if (cm.expired()) {
    console.log("Looks like we haven't finished on time.");
  }
}

function* eternity(): asyncio.Coroutine<void> {
  // Sleep for one hour
  yield* asyncio.sleep(3600);
  console.log("yay!");
}

function* waitForExample(): asyncio.Coroutine<void> {
  // Wait for at most 1 second
  try {
    yield* asyncio.waitFor(eternity(), 1.0);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("timeout!");
  }
}

// asyncio-task: as_completed, with sleeps standing in for the connections.
function* connect(address: string, seconds: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(seconds);
  return address;
}

function* asCompletedExample(): asyncio.Coroutine<void> {
  const ipv4Connect = asyncio.createTask(connect("127.0.0.1", 0.2));
  const ipv6Connect = asyncio.createTask(connect("::1", 0.1));
  const tasks = [ipv4Connect, ipv6Connect];

  yield* asyncio.asyncFor(asyncio.asCompleted(tasks), function* (earliestConnect) {
    // earliest_connect is done. The result can be obtained by
    // awaiting it or calling earliest_connect.result()
    const address = yield* earliestConnect;

    if (earliestConnect === ipv6Connect) {
      console.log("IPv6 connection established.", address);
    } else {
      console.log("IPv4 connection established.", address);
    }
  });
}

// asyncio-future: a Future set by another Task.
function* setAfter(
  fut: asyncio.Future<string>,
  delay: number,
  value: string,
): asyncio.Coroutine<void> {
  // Sleep for *delay* seconds.
  yield* asyncio.sleep(delay);

  // Set *value* as a result of *fut* Future.
  fut.setResult(value);
}

function* futureExample(): asyncio.Coroutine<void> {
  // Get the current event loop.
  const loop = asyncio.getRunningLoop();

  // Create a new Future object.
  const fut = loop.createFuture<string>();

  // Run "set_after()" coroutine in a parallel Task.
  loop.createTask(setAfter(fut, 1, "... world"));

  console.log("hello ...");

  // Wait until *fut* has a result (1 second) and print it.
  console.log(yield* fut);
}

// asyncio-eventloop: call_later, "display the current date" (the loop's
// clock, where the docs print datetime.datetime.now()).
function displayDate(endTime: number, loop: asyncio.EventLoop): void {
  console.log((loop.time() - start).toFixed(1));
  if (loop.time() + 1.0 < endTime) {
    loop.callLater(1, displayDate, endTime, loop);
  } else {
    loop.stop();
  }
}

const programs: [string, () => asyncio.Coroutine<void>][] = [
  ["asyncio-queue: three workers share a queue", queueWorkers],
  ["asyncio-sync: Event", eventExample],
  ["asyncio-sync: Barrier", exampleBarrier],
  ["asyncio-task: gather", gatherExample],
  ["asyncio-task: terminating a TaskGroup", terminateTaskGroup],
  ["asyncio-task: timeout", timeoutExample],
  ["asyncio-task: timeout(None), rescheduled", rescheduleExample],
  ["asyncio-task: wait_for", waitForExample],
  ["asyncio-task: as_completed", asCompletedExample],
  ["asyncio-future: set_after", futureExample],
];
for (const [title, main] of programs) {
  console.log(`--- ${title} ---`);
  await asyncio.run(main(), { virtualTime });
}

console.log("--- asyncio-eventloop: call_later displays the date ---");
const loop = asyncio.newEventLoop({ virtualTime });

// Schedule the first call to display_date()
const start = loop.time();
const endTime = loop.time() + 5.0;
loop.callSoon(displayDate, endTime, loop);

// Blocking call interrupted by loop.stop()
try {
  await loop.runForever();
} finally {
  loop.close();
}
