// Program: a build farm's job queue. A producer feeds a bounded PriorityQueue
// (most urgent first, ties by name); two workers take jobs, push results on a
// LifoQueue (latest first) and call task_done() even when a job fails. join()
// waits for every job, then shutdown() (3.13) makes the idle workers leave
// get() with QueueShutDown. A slow auditor reads an unbounded Queue and is
// stopped with shutdown(immediate=True): what it has not read is dropped, and
// join() waits only for the entry in its hands.

import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

type Job = [number, string, number];

const JOBS: Job[] = [
  [3, "docs", 0.5],
  [1, "compile", 0.75],
  [2, "test", 0.625],
  [1, "lint", 0.25],
  [3, "package", 0.375],
  [2, "bench", 1.0],
  [1, "format", 0.125],
];

function* producer(jobs: asyncio.PriorityQueue<Job>): asyncio.Coroutine<void> {
  for (const [prio, name, cost] of JOBS) {
    yield* jobs.put([prio, name, cost]);
    console.log(`${now()} queued ${name} (p${prio}), ${jobs.qsize()} waiting`);
    yield* asyncio.sleep(0.1);
  }
  console.log(`${now()} producer done`);
}

function* worker(
  wid: number,
  jobs: asyncio.PriorityQueue<Job>,
  done: asyncio.LifoQueue<string>,
  audit: asyncio.Queue<string>,
): asyncio.Coroutine<number> {
  let handled = 0;
  while (true) {
    let job: Job;
    try {
      job = yield* jobs.get();
    } catch (e) {
      if (!(e instanceof asyncio.QueueShutDown)) throw e;
      console.log(`${now()} worker ${wid} leaves after ${handled} jobs`);
      return handled;
    }
    const [_prio, name, cost] = job;
    console.log(`${now()} worker ${wid} starts ${name}`);
    try {
      yield* asyncio.sleep(cost);
      if (name === "bench") {
        throw new asyncio.RuntimeError("bench is flaky");
      }
      done.putNowait(name);
      audit.putNowait(`${name} by ${wid}`);
    } catch (e) {
      if (!(e instanceof asyncio.RuntimeError)) throw e;
      console.log(`${now()} worker ${wid} failed ${name}: ${describe(e)}`);
    } finally {
      jobs.taskDone();
      handled += 1;
    }
  }
}

function* auditor(audit: asyncio.Queue<string>): asyncio.Coroutine<void> {
  try {
    while (true) {
      const entry = yield* audit.get();
      yield* asyncio.sleep(0.5);
      console.log(`${now()} audited ${entry}`);
      audit.taskDone();
    }
  } catch (e) {
    if (!(e instanceof asyncio.QueueShutDown)) throw e;
    console.log(`${now()} auditor stopped, ${audit.qsize()} left`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const jobs = new asyncio.PriorityQueue<Job>(3);
  const done = new asyncio.LifoQueue<string>();
  const audit = new asyncio.Queue<string>();
  const workers = [1, 2].map((i) => asyncio.createTask(worker(i, jobs, done, audit)));
  const auditTask = asyncio.createTask(auditor(audit));
  yield* producer(jobs);
  yield* jobs.join();
  console.log(`${now()} all jobs handled: ${jobs}`);
  jobs.shutdown();
  const counts = yield* asyncio.gather(...workers);
  console.log(`${now()} workers handled ${show(counts)}`);
  const latest: string[] = [];
  while (true) {
    try {
      latest.push(done.getNowait());
    } catch (e) {
      if (!(e instanceof asyncio.QueueEmpty)) throw e;
      break;
    }
  }
  console.log(`latest first: ${show(latest)}`);
  console.log(`${now()} audit backlog ${audit.qsize()}: ${audit}`);
  audit.shutdown(true);
  console.log(`${now()} after shutdown: ${audit}`);
  yield* audit.join();
  console.log(`${now()} audit joined`);
  yield* auditTask;
  try {
    yield* jobs.put([0, "late", 0.1]);
  } catch (e) {
    if (!(e instanceof asyncio.QueueShutDown)) throw e;
    console.log(`late put: ${describe(e)}`);
  }
  console.log(`${now()} done`);
}

await asyncio.run(main(), { virtualTime: true });
