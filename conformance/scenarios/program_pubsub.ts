// Program: an in-process pub/sub broker. Subscribers meet the publisher at a
// Barrier before anything is published, then read the broker's log under a
// Condition (wait_for with a predicate; notify_all on publish), each at its
// own pace, so fast ones get one message at a time and slow ones batches.
// An Event closes the broker. A second Barrier is a checkpoint that the
// coordinator aborts when a subscriber is late: the others get
// BrokenBarrierError, and reset() makes the barrier usable again.

import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

class Broker {
  cond = new asyncio.Condition();
  log: string[] = [];
  closed = new asyncio.Event();

  *publish(msg: string): asyncio.Coroutine<void> {
    yield* asyncio.asyncWith(
      this.cond,
      function* (this: Broker) {
        this.log.push(msg);
        this.cond.notifyAll();
      }.bind(this),
    );
  }

  *close(): asyncio.Coroutine<void> {
    yield* asyncio.asyncWith(
      this.cond,
      function* (this: Broker) {
        this.closed.set();
        this.cond.notifyAll();
      }.bind(this),
    );
  }

  *subscribe(name: string, pace: number, start: asyncio.Barrier): asyncio.Coroutine<number> {
    const arrival = yield* start.wait();
    console.log(`${now()} ${name} subscribed (arrival ${arrival})`);
    let cursor = 0;
    while (true) {
      const batch = yield* asyncio.asyncWith(
        this.cond,
        function* (this: Broker) {
          yield* this.cond.waitFor(() => this.log.length > cursor || this.closed.isSet());
          const batch = this.log.slice(cursor);
          cursor = this.log.length;
          return batch;
        }.bind(this),
      );
      if (batch.length === 0) {
        console.log(`${now()} ${name} sees the broker closed`);
        return cursor;
      }
      console.log(`${now()} ${name} got ${show(batch)}`);
      yield* asyncio.sleep(pace);
    }
  }
}

function* checkpoint(
  name: string,
  barrier: asyncio.Barrier,
  work: number,
): asyncio.Coroutine<void> {
  yield* asyncio.sleep(work);
  try {
    yield* asyncio.asyncWith(barrier, function* (arrival) {
      console.log(`${now()} ${name} passed checkpoint (${arrival})`);
    });
  } catch (e) {
    if (!(e instanceof asyncio.BrokenBarrierError)) throw e;
    console.log(`${now()} ${name}: checkpoint broken`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const broker = new Broker();
  const start = new asyncio.Barrier(4);
  const subs = (
    [
      ["fast", 0.125],
      ["medium", 0.75],
      ["slow", 2.0],
    ] as const
  ).map(([name, pace]) => asyncio.createTask(broker.subscribe(name, pace, start)));
  yield* asyncio.sleep(0.5);
  console.log(`${now()} publisher at the barrier, ${start.nWaiting} of ${start.parties} waiting`);
  const arrival = yield* start.wait();
  console.log(`${now()} publishing (arrival ${arrival})`);
  for (let i = 0; i < 5; i++) {
    yield* broker.publish(`m${i}`);
    yield* asyncio.sleep(0.25);
  }
  yield* broker.close();
  console.log(`${now()} closed: ${show(broker.closed.isSet())}`);
  const counts = yield* asyncio.gather(...subs);
  console.log(`${now()} read counts ${show(counts)}`);

  const check = new asyncio.Barrier(3);
  const tasks = (
    [
      ["a", 0.25],
      ["b", 0.5],
      ["late", 3.0],
    ] as const
  ).map(([n, w]) => asyncio.createTask(checkpoint(n, check, w)));
  try {
    yield* asyncio.waitFor(asyncio.shield(tasks[1]!), 1.0);
    yield* asyncio.sleep(1.0);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`${now()} checkpoint timed out, ${check.nWaiting} waiting`);
    yield* check.abort();
  }
  yield* asyncio.gather(...tasks.slice(0, 2));
  console.log(`${now()} broken: ${show(check.broken)}`);
  yield* check.reset();
  console.log(`${now()} after reset: broken ${show(check.broken)}, ${check.nWaiting} waiting`);
  yield* asyncio.gather(tasks[2]!, checkpoint("x", check, 0.5), checkpoint("y", check, 0.25));
  console.log(`${now()} done, ${check.nWaiting} waiting`);
}

await asyncio.run(main(), { virtualTime: true });
