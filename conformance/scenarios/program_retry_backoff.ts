// Program: a client with retries. retry() gives every attempt its own
// timeout() inside an overall timeout_at() deadline, backs off
// exponentially, and extends the deadline once with reschedule() when the
// server says it is busy. The result is saved under shield(), so cancelling
// the caller mid-save does not lose it. A long-running poller treats a
// cancel("reload") as a request to reload: it uncancel()s and goes on, while
// any other cancel() stops it.

import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

class Busy extends Error {}

class FlakyServer {
  script: [number, string | Error][];

  constructor(script: [number, string | Error][]) {
    this.script = [...script]; // per call: [latency, outcome]
  }

  *call(attempt: number): asyncio.Coroutine<string> {
    const [latency, outcome] = this.script.shift()!;
    yield* asyncio.sleep(latency);
    if (outcome instanceof Error) {
      throw outcome;
    }
    return `${outcome}#${attempt}`;
  }
}

interface RetryOptions {
  attempts: number;
  perTry: number;
  base: number;
  budget: number;
}

function* retry(
  server: FlakyServer,
  { attempts, perTry, base, budget }: RetryOptions,
): asyncio.Coroutine<string> {
  const loop = asyncio.getRunningLoop();
  const result = yield* asyncio.asyncWith(
    asyncio.timeoutAt(loop.time() + budget),
    function* (overall) {
      let extended = false;
      for (let attempt = 0; attempt < attempts; attempt++) {
        try {
          return yield* asyncio.asyncWith(asyncio.timeout(perTry), function* () {
            return yield* server.call(attempt);
          });
        } catch (e) {
          if (e instanceof asyncio.TimeoutError) {
            console.log(`${now()} attempt ${attempt} timed out`);
          } else if (e instanceof Busy) {
            console.log(`${now()} attempt ${attempt}: ${describe(e)}`);
            if (!extended) {
              extended = true;
              overall.reschedule(overall.when()! + 2.0);
              console.log(
                `${now()} deadline moved to ${(overall.when()! - loop.time()).toFixed(3)} from now`,
              );
            }
          } else if (e instanceof asyncio.ConnectionError) {
            console.log(`${now()} attempt ${attempt}: ${describe(e)}`);
          } else {
            throw e;
          }
        }
        const delay = base * 2 ** attempt;
        console.log(`${now()} backing off ${delay.toFixed(3)}`);
        yield* asyncio.sleep(delay);
      }
      return undefined;
    },
  );
  if (result !== undefined) return result;
  throw new asyncio.RuntimeError(`gave up after ${attempts} attempts`);
}

function* save(store: string[], value: string): asyncio.Coroutine<void> {
  console.log(`${now()} saving ${value}`);
  yield* asyncio.sleep(0.5);
  store.push(value);
  console.log(`${now()} saved ${value}`);
}

function* fetchAndSave(server: FlakyServer, store: string[]): asyncio.Coroutine<string> {
  const value = yield* retry(server, { attempts: 5, perTry: 1.0, base: 0.25, budget: 4.0 });
  yield* asyncio.shield(save(store, value));
  return value;
}

function* poller(reloads: number[]): asyncio.Coroutine<void> {
  let config = 1;
  while (true) {
    try {
      yield* asyncio.sleep(1.0);
      console.log(`${now()} poll with config ${config}`);
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      const task = asyncio.currentTask()!;
      if (e.message === "reload" && task.uncancel() === 0) {
        config += 1;
        reloads.push(config);
        console.log(`${now()} reloaded config ${config}, cancelling()=${task.cancelling()}`);
        continue;
      }
      console.log(`${now()} poller stops: ${describe(e)}, cancelling()=${task.cancelling()}`);
      throw e;
    }
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const store: string[] = [];
  let server = new FlakyServer([
    [0.5, new asyncio.ConnectionError("reset")],
    [1.5, "late"],
    [0.25, new Busy("busy")],
    [0.75, "ok"],
  ]);
  const value = yield* fetchAndSave(server, store);
  console.log(`${now()} got ${value}`);

  server = new FlakyServer(
    Array.from({ length: 9 }, () => [0.5, new asyncio.ConnectionError("down")]),
  );
  try {
    yield* fetchAndSave(server, store);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} overall: ${describe(e)} from ${describe(e.cause)}`);
  }

  server = new FlakyServer([[0.25, "fresh"]]);
  const caller = asyncio.createTask(fetchAndSave(server, store));
  yield* asyncio.sleep(0.5);
  caller.cancel();
  try {
    yield* caller;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} caller cancelled: ${show(caller.cancelled())}`);
  }
  yield* asyncio.sleep(0.5);
  console.log(`${now()} store ${show(store)}`);

  const reloads: number[] = [];
  const p = asyncio.createTask(poller(reloads));
  yield* asyncio.sleep(1.5);
  p.cancel("reload");
  yield* asyncio.sleep(1.25);
  p.cancel("reload");
  p.cancel("twice");
  yield* asyncio.sleep(0);
  p.cancel("stop");
  try {
    yield* p;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} poller ended: ${describe(e)}, reloads ${show(reloads)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
