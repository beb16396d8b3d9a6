/**
 * A bounded producer/consumer pipeline: two producers feed a Queue of at
 * most 3 jobs to three consumers. A producer that finds the queue full waits
 * in `put()` (backpressure); `join()` returns once every job was marked done
 * with `taskDone()`; then the idle consumers, waiting forever in `get()`, are
 * cancelled.
 *
 *   npm run build && node dist/examples/pipeline.js            # real time
 *   npm run build && node dist/examples/pipeline.js --virtual  # instantly
 */
import * as asyncio from "asyncio-ts";

class Job {
  /** `cost`: seconds of work. */
  constructor(
    readonly id: string,
    readonly cost: number,
  ) {}

  toString(): string {
    return `Job(${this.id})`;
  }
}

let start = 0;

function log(message: string): void {
  const t = asyncio.getRunningLoop().time() - start;
  console.log(`[${t.toFixed(2).padStart(5)}s] ${message}`);
}

function* producer(
  name: string,
  queue: asyncio.Queue<Job>,
  costs: number[],
): asyncio.Coroutine<void> {
  for (const [i, cost] of costs.entries()) {
    yield* asyncio.sleep(0.25); // making the job
    const job = new Job(`${name}-${i + 1}`, cost);
    if (queue.full()) log(`${name}: queue full, waiting to put ${job.id}`);
    yield* queue.put(job);
    log(`${name}: put ${job.id} (queue ${queue.qsize()}/${queue.maxsize})`);
  }
  log(`${name}: done`);
}

function* consumer(
  name: string,
  queue: asyncio.Queue<Job>,
  handled: string[],
): asyncio.Coroutine<void> {
  try {
    while (true) {
      const job = yield* queue.get();
      log(`${name}: working on ${job.id} for ${job.cost}s`);
      try {
        yield* asyncio.sleep(job.cost);
        handled.push(job.id);
      } finally {
        queue.taskDone();
      }
    }
  } catch (e) {
    if (e instanceof asyncio.CancelledError) log(`${name}: cancelled while idle`);
    throw e;
  }
}

export function* main(): asyncio.Coroutine<void> {
  start = asyncio.getRunningLoop().time();
  const queue = new asyncio.Queue<Job>(3);
  const handled: string[] = [];
  const consumers = ["C1", "C2", "C3"].map((name) =>
    asyncio.createTask(consumer(name, queue, handled), { name }),
  );
  yield* asyncio.gather(
    producer("P1", queue, [1, 2, 1.5, 1]),
    producer("P2", queue, [0.5, 3, 0.5, 2]),
  );
  log(`producers finished; ${queue}`);
  yield* queue.join();
  log(`join() returned: every job is done; ${queue}`);
  for (const task of consumers) task.cancel();
  const outcomes = yield* asyncio.gather(...consumers, { returnExceptions: true });
  const cancelled = outcomes.filter((o) => o instanceof asyncio.CancelledError).length;
  log(`${cancelled} consumers cancelled; handled ${handled.length} jobs: ${handled.join(", ")}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await asyncio.run(main(), { virtualTime: process.argv.includes("--virtual") });
}
