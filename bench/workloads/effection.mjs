// Effection 4: the closest equivalents (BENCHMARKS.md lists the choices).
// The zero-length yield is an action resolved by a microtask, since
// Effection's sleep(0) is a setTimeout (at least 1 ms on Node).
// Usage: node --expose-gc bench/workloads/effection.mjs W1 100000 [reps]
import { all, call, createQueue, run, scoped, sleep, spawn, until, withResolvers } from "effection";
import { delays, main, memory, perTask } from "./harness.mjs";

const now = () => performance.now() / 1000;

function timed(body) {
  return (size) =>
    run(function* () {
      const t0 = now();
      const result = yield* body(size);
      return { seconds: now() - t0, ...result };
    });
}

/** One trip through the microtask queue: Effection's closest zero-length yield. */
const tick = () => until(Promise.resolve());

function* child(i) {
  yield* tick();
  return i;
}

function* player(inbox, outbox, rounds) {
  for (let r = 0; r < rounds; r++) {
    const next = yield* inbox.next();
    outbox.add(next.value + 1);
  }
}

function* waiter(event) {
  yield* event.operation;
  return 1;
}

function* sleeper(delay, i) {
  yield* sleep(delay * 1000);
  return i;
}

let awaited = 0;
function* recurse(depth) {
  if (depth > 1) {
    yield* recurse(depth - 1);
  } else {
    for (let i = 0; i < 100; i++, awaited++) yield* call(() => Promise.resolve());
  }
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

function* spawnWaiters(n, event) {
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(yield* spawn(() => waiter(event)));
  yield* tick(); // every task now waits on the event
  return tasks;
}

await main("effection", {
  W1: timed(function* (n) {
    return { value: sum(yield* all(range(n, child))) };
  }),
  W2: timed(function* (n) {
    let switches = 0;
    for (let i = 0; i < n; i++, switches++) yield* tick();
    return { value: switches };
  }),
  W3: timed(function* (n) {
    const ping = createQueue();
    const pong = createQueue();
    ping.add(0);
    yield* all([player(ping, pong, n / 2), player(pong, ping, n / 2)]);
    return { value: (yield* ping.next()).value };
  }),
  W4: timed(function* (n) {
    let done = 0;
    function* tock() {
      yield* tick();
      done++;
    }
    // A scope that joins its children: leaving it would halt them, not wait.
    yield* scoped(function* () {
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(yield* spawn(tock));
      for (const t of tasks) yield* t;
    });
    return { value: done };
  }),
  W5: timed(function* (n) {
    const ds = delays(n);
    const t0 = now();
    const value = sum(yield* all(ds.map((d, i) => sleeper(d, i))));
    return { value, ok: now() - t0 >= Math.max(...ds) - 0.002 };
  }),
  W6: timed(function* (n) {
    const event = withResolvers();
    const before = memory();
    const tasks = yield* spawnWaiters(n, event);
    const after = memory();
    event.resolve();
    let value = 0;
    for (const t of tasks) value += yield* t;
    return { value, ...perTask(before, after, n) };
  }),
  W7: timed(function* (n) {
    const tasks = yield* spawnWaiters(n, withResolvers());
    for (const t of tasks) yield* t.halt();
    let halted = 0;
    for (const t of tasks) {
      try {
        yield* t;
      } catch (e) {
        if (e.message === "halted") halted++;
      }
    }
    return { value: halted };
  }),
  W8: timed(function* (n) {
    awaited = 0;
    for (let r = 0; r < n; r++) yield* recurse(100);
    return { value: awaited };
  }),
});
