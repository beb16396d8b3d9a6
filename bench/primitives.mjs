// What V8 and Node charge for the steps the workloads cannot avoid: the floor
// under W7 (errors, throws into generators) and W8 (a trip through the host's
// event loop). BENCHMARKS.md quotes these figures where a target is not met.
// Usage: npm run build && node bench/primitives.mjs
// asyncio-ts by its package name, as bench/workloads/asyncio-ts.mjs imports it:
// Node resolves the "node" condition's single-file bundle (dist/bundle), what
// users run, not the per-module build in dist/src.
import { CancelledError, Event, run } from "asyncio-ts";

const N = 200_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Nanoseconds per call of `step(i)`: median of 7 rounds of N after a warm-up round. */
function perCall(step) {
  const keep = new Array(N);
  const rounds = [];
  for (let r = 0; r < 8; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) keep[i] = step(i);
    if (r > 0) rounds.push(((performance.now() - t0) * 1e6) / N);
  }
  return median(rounds);
}

/** Nanoseconds per hop of a chain of N `schedule(next)` calls. */
function perHop(schedule) {
  return new Promise((resolve) => {
    let left = N;
    const t0 = performance.now();
    const next = () => {
      if (--left === 0) resolve(((performance.now() - t0) * 1e6) / N);
      else schedule(next);
    };
    schedule(next);
  });
}

/** `perCall(step)` measured inside a running asyncio loop. */
function inLoop(step) {
  return run(
    (function* () {
      return perCall(step);
    })(),
  );
}

const thrown = new CancelledError();
/** A coroutine suspended in `yield*` over Event.wait(), as a Task waiting on an Event is. */
function* waiter(event) {
  yield* event.wait();
}

const rows = [
  [
    "new CancelledError() (stackTraceLimit 0)",
    perCall(() => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      const e = new CancelledError();
      Error.stackTraceLimit = limit;
      return e;
    }),
  ],
  ["a plain object of two fields", perCall((i) => ({ i, done: false }))],
  [
    "throw and catch of an existing error",
    perCall(() => {
      try {
        throw thrown;
      } catch (e) {
        return e;
      }
    }),
  ],
  // Event.wait() binds to the running loop, so these two run inside one.
  [
    "generator.throw() through yield* Event.wait() (creation included)",
    await inLoop(() => {
      const g = waiter(new Event());
      g.next();
      try {
        g.throw(thrown);
      } catch (e) {
        return e;
      }
    }),
  ],
  [
    "generator.return() through yield* Event.wait() (creation included)",
    await inLoop(() => {
      const g = waiter(new Event());
      g.next();
      return g.return(undefined);
    }),
  ],
  ["a host macrotask hop (setImmediate)", await perHop((f) => setImmediate(f))],
  ["a microtask hop (a settled Promise's then)", await perHop((f) => Promise.resolve().then(f))],
  ["a microtask hop (queueMicrotask)", await perHop((f) => queueMicrotask(f))],
];

console.log(`Node ${process.version}`);
console.log("| step | ns |\n| --- | ---: |");
for (const [what, ns] of rows) console.log(`| ${what} | ${ns.toFixed(0)} |`);
