/**
 * The distributed executor with the real thing: a redis-server started for
 * this file (test/distributed/redis-server.ts), `asyncio-ts worker`
 * processes of the built CLI serving test/fixtures/distributed-jobs.mjs,
 * and the executor in this process. Jobs meet the test at known points
 * through Redis lists (started, cleaned up, released), so nothing here waits
 * for a duration or asserts one; the clocks are real because sockets are.
 */
import { execFile } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as asyncio from "asyncio-ts";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { encode } from "../src/node/distributed/wire.js";
import { freePort, RedisServer } from "./distributed/redis-server.js";
import { JOBS, runWorkerCommand, WorkerProcess } from "./distributed/workers.js";

type Fn<A extends unknown[], R> = asyncio.RemoteFunction<A, R>;
const job = <A extends unknown[], R>(exportName: string): Fn<A, R> => ({
  module: JOBS,
  exportName,
});

const add = job<[number, number], number>("add");
const sleepAndGather = job<[number], { sum: number; task: string }>("sleepAndGather");
const echo = job<[unknown], unknown>("echo");
const double = job<[number], number>("double");
const failQuota = job<[string], never>("failQuota");
const failRange = job<[], never>("failRange");
const alwaysFails = job<[string, string], never>("alwaysFails");
const hold = job<[string, string, boolean?], string>("hold");
const square = job<[number], number>("square");
const returnsFunction = job<[], () => number>("returnsFunction");

// Workers notice a dead worker's jobs within a few seconds, not BullMQ's 30.
const WORKER_OPTIONS = [
  "--concurrency",
  "4",
  "--lock-duration",
  "3",
  "--stalled-interval",
  "1",
  "--max-stalled",
  "5",
];
const TIMEOUT = 30_000;
const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const UNREACHABLE = fixture("distributed-unreachable.mjs");
const NO_SHUTDOWN = fixture("distributed-no-shutdown.mjs");

let redis: RedisServer;
let control: Redis;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  control = new Redis(redis.url, { maxRetriesPerRequest: null });
  // It reconnects by itself when the restart test stops Redis.
  control.on("error", () => {});
  for (let i = 0; i < 3; i++)
    workers.push(await WorkerProcess.start(redis.url, "main", WORKER_OPTIONS));
}, TIMEOUT);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  control?.disconnect();
  await redis?.stop();
}, TIMEOUT);

function executor(
  queue = "main",
  options?: Partial<asyncio.QueueExecutorOptions>,
): asyncio.QueueExecutor {
  return new asyncio.QueueExecutor({ connection: redis.url, queue, ...options });
}

/** Runs `body` with an executor that is shut down after it. */
function withExecutor<R>(
  body: (ex: asyncio.QueueExecutor) => asyncio.Coroutine<R>,
  queue?: string,
  options?: Partial<asyncio.QueueExecutorOptions>,
): Promise<R> {
  return asyncio.run(asyncio.asyncWith(executor(queue, options), body));
}

/** Waits (on a connection of its own) for a value pushed on `key`. */
function* popped(key: string): asyncio.Coroutine<string> {
  return yield* asyncio.fromPromise(async () => {
    const connection = control.duplicate();
    try {
      const [, value] = (await connection.blpop(key, 0))!;
      return value;
    } finally {
      connection.disconnect();
    }
  });
}

/** Resolves once a connection blocks reading an executor's replies. */
async function readerBlocked(): Promise<void> {
  while (!/ cmd=brpoplpush /.test(String(await control.client("LIST")))) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A Task awaiting the job `hold(tag, stubborn)`. */
function holding(ex: asyncio.QueueExecutor, tag: string, stubborn?: boolean): asyncio.Task<string> {
  return asyncio.createTask(
    (function* () {
      return yield* ex.submit(hold, redis.url, tag, stubborn);
    })(),
  );
}

function* thrownBy(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<Error> {
  try {
    yield* aw;
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the job to fail");
}

describe("the worker command", () => {
  test(
    "says in one line what is wrong: a usage error (status 2), a job module missing (1)",
    async () => {
      const usage = await runWorkerCommand(["--module", JOBS]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/asyncio-ts worker: error: the argument --queue is required\n$/);
      const missing = await runWorkerCommand(["--queue", "q", "--module", "./missing.mjs"]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(
        /^asyncio-ts worker: Cannot find module '.*missing\.mjs'[^\n]*\n$/,
      );
    },
    TIMEOUT,
  );
});

describe("results", () => {
  test(
    "a coroutine job uses sleep and gather on the worker's loop",
    async () => {
      const out = await withExecutor(function* (ex) {
        const loop = asyncio.getRunningLoop();
        return yield* loop.runInExecutor(ex, sleepAndGather, 3);
      });
      expect(out.sum).toBe(33);
      expect(out.task).toMatch(/^job /);
    },
    TIMEOUT,
  );

  test(
    "submit, plain and async functions, and what survives the trip",
    async () => {
      const value = {
        big: 2n ** 70n,
        date: new Date(0),
        map: new Map([[1, { a: [1, 2] }]]),
        set: new Set(["x"]),
        missing: undefined,
        nan: Number.NaN,
        bytes: new Uint8Array([1, 2, 3]),
        regexp: /a+b/gi,
      };
      const out = await withExecutor(function* (ex) {
        return yield* asyncio.gather(
          ex.submit(add, 2, 3),
          ex.submit(double, 21),
          ex.submit(echo, value),
        );
      });
      expect(out).toEqual([5, 42, value]);
    },
    TIMEOUT,
  );

  test(
    "outcomes do not depend on the queue's event stream: 300 jobs with the stream kept to 10 events",
    async () => {
      // BullMQ trims its event stream; a client reading outcomes from it lost
      // them once it fell behind (10,000 jobs submitted at once).
      try {
        const out = await withExecutor(function* (ex) {
          // Once the executor's Queue is set up: it writes the default (10,000).
          yield* ex.submit(add, 0, 0);
          yield* asyncio.fromPromise(control.hset("bull:main:meta", "opts.maxLenEvents", 10));
          return yield* asyncio.gather(
            ...Array.from({ length: 300 }, (_, i) => ex.submit(add, i, i)),
          );
        });
        expect(out).toEqual(Array.from({ length: 300 }, (_, i) => 2 * i));
        expect(await control.xlen("bull:main:events")).toBeLessThan(300);
      } finally {
        await control.hdel("bull:main:meta", "opts.maxLenEvents");
      }
    },
    TIMEOUT,
  );
});

describe("errors", () => {
  test(
    "a job's error comes back with its class name, message, properties and remote stack",
    async () => {
      const [quota, range] = await withExecutor(function* (ex) {
        return [
          yield* thrownBy(ex.submit(failQuota, "over quota")),
          yield* thrownBy(ex.submit(failRange)),
        ];
      });
      expect(quota.name).toBe("QuotaError");
      expect(quota.message).toBe("over quota");
      expect((quota as Error & { code?: string }).code).toBe("E_QUOTA");
      expect(quota.stack).toMatch(
        /^QuotaError: over quota\n\s+at failQuota \(.*distributed-jobs\.mjs/,
      );
      expect(range).toBeInstanceOf(RangeError);
      expect(range.message).toBe("out of range");
      expect(range.cause).toBeInstanceOf(TypeError);
    },
    TIMEOUT,
  );

  test(
    "a job that always fails ends with its error after the retry limit",
    async () => {
      const error = await withExecutor(
        (ex) => thrownBy(ex.submit(alwaysFails, redis.url, "always:attempts")),
        "main",
        { attempts: 3 },
      );
      expect(error.name).toBe("QuotaError");
      expect(error.message).toBe("attempt failed");
      expect(await control.get("always:attempts")).toBe("3");
    },
    TIMEOUT,
  );

  test(
    "a module the workers do not serve is refused, and not retried",
    async () => {
      const error = await withExecutor(
        (ex) =>
          thrownBy(ex.submit({ module: "node:child_process", exportName: "execSync" }, "true")),
        "main",
        { attempts: 3 },
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe(
        "this worker does not serve the module 'node:child_process' (it serves './distributed-jobs.mjs')",
      );
    },
    TIMEOUT,
  );

  test(
    "an argument that cannot cross fails at the call, a result that cannot with the job",
    async () => {
      const [argument, result] = await withExecutor(function* (ex) {
        // submit throws at the call, before there is a Future to await.
        const submitting = (function* () {
          return yield* ex.submit(echo, () => 1);
        })();
        return [yield* thrownBy(submitting), yield* thrownBy(ex.submit(returnsFunction))];
      });
      expect(argument.name).toBe("DataCloneError");
      expect(argument.message).toBe("() => 1 could not be cloned.");
      expect(result.name).toBe("DataCloneError");
      expect(result.message).toBe(
        "The job's result could not be sent back from the worker: () => 1 could not be cloned.",
      );
    },
    TIMEOUT,
  );
});

describe("cancellation", () => {
  test(
    "cancelling the awaiting Task removes a job that has not started",
    async () => {
      const queue = "nobody-serves";
      const out = await withExecutor(function* (ex) {
        const waiter = asyncio.createTask(
          (function* () {
            return yield* ex.submit(add, 1, 2);
          })(),
        );
        yield* asyncio.sleep(0);
        waiter.cancel();
        const error = yield* thrownBy(waiter);
        return { error, waiting: yield* asyncio.fromPromise(control.llen(`bull:${queue}:wait`)) };
      }, queue);
      expect(out.error).toBeInstanceOf(asyncio.CancelledError);
      expect(out.waiting).toBe(0);
      expect(await control.keys(`bull:${queue}:[0-9a-f]*-*`)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "cancelling a running job cancels its Task on the worker, which cleans up first",
    async () => {
      const out = await withExecutor(function* (ex) {
        const waiter = holding(ex, "running");
        yield* popped("running:started");
        waiter.cancel();
        const error = yield* thrownBy(waiter);
        // Read once the awaiting Task has seen the job end: the clean-up came first.
        const cleaned = yield* asyncio.fromPromise(control.lrange("running:cleaned", 0, -1));
        return { error, cleaned, cancelled: waiter.cancelled() };
      });
      expect(out.error).toBeInstanceOf(asyncio.CancelledError);
      expect(out.cancelled).toBe(true);
      expect(out.cleaned).toEqual(["CancelledError"]);
    },
    TIMEOUT,
  );

  test(
    "timeout around a running job: the job is cancelled, the caller gets TimeoutError",
    async () => {
      const out = await withExecutor(function* (ex) {
        const loop = asyncio.getRunningLoop();
        const error = yield* thrownBy(
          asyncio.asyncWith(asyncio.timeout(undefined), function* (cm) {
            asyncio.createTask(
              (function* () {
                yield* popped("timed:started");
                cm.reschedule(loop.time());
              })(),
            );
            return yield* ex.submit(hold, redis.url, "timed");
          }),
        );
        return {
          error,
          cleaned: yield* asyncio.fromPromise(control.lrange("timed:cleaned", 0, -1)),
        };
      });
      expect(out.error).toBeInstanceOf(asyncio.TimeoutError);
      expect(out.cleaned).toEqual(["CancelledError"]);
    },
    TIMEOUT,
  );

  test(
    "a job that catches its cancellation and returns: the awaiting Task gets the value",
    async () => {
      const out = await withExecutor(function* (ex) {
        const waiter = holding(ex, "stubborn", true);
        yield* popped("stubborn:started");
        waiter.cancel();
        return { value: yield* waiter, cancelling: waiter.cancelling() };
      });
      expect(out).toEqual({ value: "finished anyway", cancelling: 1 });
    },
    TIMEOUT,
  );
});

describe("faults", () => {
  test(
    "SIGTERM hands a running job back after the grace time; another worker finishes it",
    async () => {
      const queue = "hand-back";
      const first = await WorkerProcess.start(redis.url, queue, ["--grace", "0.1"]);
      let second: WorkerProcess | undefined;
      try {
        const out = await withExecutor(function* (ex) {
          const result = ex.submit(hold, redis.url, "handback");
          const firstPid = yield* popped("handback:started");
          first.child.kill("SIGTERM");
          const exitCode = yield* asyncio.fromPromise(first.exited);
          second = yield* asyncio.fromPromise(WorkerProcess.start(redis.url, queue));
          const secondPid = yield* popped("handback:started");
          yield* asyncio.fromPromise(control.lpush("handback:release", "go"));
          return { firstPid, secondPid, exitCode, value: yield* result };
        }, queue);
        expect(out.firstPid).toBe(String(first.pid));
        expect(out.exitCode).toBe(0);
        expect(out.secondPid).toBe(String(second!.pid));
        expect(out.value).toBe(`released in ${second!.pid}: go`);
        expect(await control.lrange("handback:cleaned", 0, -1)).toEqual(["CancelledError"]);
      } finally {
        await Promise.all([first.kill(), second?.kill()]);
      }
    },
    TIMEOUT,
  );

  test(
    "1,000 jobs on three workers, one killed mid-run: every result correct, each delivered once",
    async () => {
      const N = 1000;
      const out = await withExecutor(function* (ex) {
        // A job that holds one worker, so the one killed surely has a job running.
        const held = ex.submit(hold, redis.url, "victim");
        const victimPid = Number(yield* popped("victim:started"));
        const victim = workers.find((w) => w.pid === victimPid)!;
        const deliveries = new Array<number>(N).fill(0);
        const enough = new asyncio.Event();
        let done = 0;
        const futures = Array.from({ length: N }, (_, i) => {
          const future = ex.submit(square, i);
          future.addDoneCallback(() => {
            deliveries[i]!++;
            if (++done === N / 4) enough.set();
          });
          return future;
        });
        yield* enough.wait();
        yield* asyncio.fromPromise(victim.kill());
        // The held job was recovered from the dead worker and started elsewhere.
        const retriedPid = Number(yield* popped("victim:started"));
        yield* asyncio.fromPromise(control.lpush("victim:release", "go"));
        const results = yield* asyncio.gather(...futures);
        return { results, deliveries, victimPid, retriedPid, held: yield* held };
      });
      expect(out.results).toEqual(Array.from({ length: N }, (_, i) => i * i));
      expect(out.deliveries.every((n) => n === 1)).toBe(true);
      expect(out.retriedPid).not.toBe(out.victimPid);
      expect(out.held).toBe(`released in ${out.retriedPid}: go`);
    },
    TIMEOUT,
  );

  test(
    "Redis stopped just after it popped a reply for the client: the reply is not lost",
    async () => {
      // No worker serves this queue: the test sends the reply itself.
      const out = await withExecutor(function* (ex) {
        const future = ex.submit(add, 1, 2) as asyncio.Future<number> & { jobId: string };
        const replyTo = (ex as unknown as { replyTo: string }).replyTo;
        // The executor's reading connection blocks on its list once it is idle.
        yield* asyncio.fromPromise(readerBlocked());
        const reply = JSON.stringify({ id: future.jobId, value: encode(3) });
        // One turn of Redis: the push hands the reply to the blocked client,
        // and the shutdown exits before that client's socket is written to;
        // the append-only file has the pop.
        yield* asyncio.fromPromise(
          redis.restartAfter(async () => {
            // A connection that neither reconnects nor sends SHUTDOWN again.
            const once = new Redis(redis.url, { retryStrategy: () => null });
            once.on("error", () => {});
            await once
              .pipeline()
              .rpush(replyTo, reply)
              .shutdown()
              .exec()
              .catch(() => {});
            once.disconnect();
          }),
        );
        return yield* future;
      }, "nobody");
      expect(out).toBe(3);
    },
    TIMEOUT,
  );

  test(
    "Redis down: cancelling a running job does not wait for it; the job is cancelled once it is back",
    async () => {
      const out = await withExecutor(function* (ex) {
        const waiter = holding(ex, "outage");
        yield* popped("outage:started");
        yield* asyncio.fromPromise(redis.halt());
        // Before the fix, the Future waited for Redis to hear the request:
        // a timeout around a job did not fire until Redis came back, if ever.
        waiter.cancel();
        const error = yield* thrownBy(waiter);
        yield* asyncio.fromPromise(redis.resume());
        // The request went out once Redis was back: the job's Task was cancelled.
        return { error, cleaned: yield* popped("outage:cleaned") };
      });
      expect(out.error).toBeInstanceOf(asyncio.CancelledError);
      expect(out.cleaned).toBe("CancelledError");
    },
    TIMEOUT,
  );

  test(
    "Redis down for good: shutdown() returns once the jobs are cancelled",
    async () => {
      const ex = executor();
      const out = await asyncio.run(
        (function* () {
          const future = ex.submit(hold, redis.url, "gone");
          yield* popped("gone:started");
          yield* asyncio.fromPromise(redis.halt());
          future.cancel();
          const error = yield* thrownBy(future);
          yield* asyncio.fromPromise(ex.shutdown());
          return error;
        })(),
      );
      await redis.resume();
      expect(out).toBeInstanceOf(asyncio.CancelledError);
    },
    TIMEOUT,
  );

  test(
    "Redis never reachable: the job is cancelled, shutdown() returns, Node exits",
    async () => {
      // Before the fix, the cancelled job waited for Redis, and so did
      // shutdown(); the process never ended (the test timed out).
      const url = `redis://127.0.0.1:${await freePort()}`;
      const { stdout } = await promisify(execFile)(process.execPath, [UNREACHABLE, url], {
        cwd: dirname(UNREACHABLE),
        timeout: TIMEOUT - 5000,
      });
      expect(stdout).toBe("job: CancelledError\nshut down\n");
    },
    TIMEOUT,
  );

  test(
    "a client that never shuts its executor down: Node exits once its jobs are done",
    async () => {
      // Before, the executor's Redis connections kept the process running.
      const { stdout } = await promisify(execFile)(process.execPath, [NO_SHUTDOWN, redis.url], {
        cwd: dirname(NO_SHUTDOWN),
        timeout: TIMEOUT - 5000,
      });
      expect(stdout).toBe("3\n");
      // Shut down, it exits once shutdown() has completed, not before (Node
      // had nothing holding it once the job was done: exit status 13).
      const shut = await promisify(execFile)(
        process.execPath,
        [NO_SHUTDOWN, redis.url, "shutdown"],
        { cwd: dirname(NO_SHUTDOWN), timeout: TIMEOUT - 5000 },
      );
      expect(shut.stdout).toBe("3\nshut down\n");
    },
    TIMEOUT,
  );

  test(
    "Redis restarted mid-run (append-only file): no job lost, clients reconnect",
    async () => {
      const N = 300;
      const out = await withExecutor(function* (ex) {
        const enough = new asyncio.Event();
        let done = 0;
        const futures = Array.from({ length: N }, (_, i) => {
          const future = ex.submit(square, i);
          future.addDoneCallback(() => ++done === N / 3 && enough.set());
          return future;
        });
        yield* enough.wait();
        yield* asyncio.fromPromise(redis.restart());
        const after = [ex.submit(add, 40, 2)];
        return yield* asyncio.gather(...futures, ...after);
      });
      expect(out).toEqual([...Array.from({ length: N }, (_, i) => i * i), 42]);
    },
    TIMEOUT,
  );
});
